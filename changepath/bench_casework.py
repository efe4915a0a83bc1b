"""`changepath bench casework`: the daily pages with a service-sized database, on PostgreSQL.

Loads 100,000 cases (with their referrals, notes, children and a year of weekly group sessions and
attendance, when the engagement app is installed) into the database named by DATABASE_URL, then
times the caseload page, the case page and the referral inbox as signed-in staff (p50, p95) and
counts the queries each makes. Loading is bulk and bypasses the actions on purpose: this measures
reading at scale, and the actions' own costs are covered by the test suite.
"""

from __future__ import annotations

import os
import random
import statistics
import time


def run(args) -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("changepath bench casework needs PostgreSQL: set DATABASE_URL=postgres://user@host/db (a scratch database).")
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "changepath.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    world = _load(args.cases)
    return _measure(world, args.requests)


def _load(count: int) -> dict:
    from django.db import connection, transaction
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from changepath.accounts.models import Organisation, Team, User
    from changepath.casework.models import Case, CaseNote, Child, Referral

    org = Organisation.objects.filter(name="Bench Programme").first()
    if org and Case.objects.filter(organisation=org).count() >= count:
        print(f"using the {count:,} cases already loaded")
        return {"org": org, "worker": User.objects.get(username="bench-worker"),
                "manager": User.objects.get(username="bench-manager")}
    started = time.perf_counter()
    rng = random.Random(1)
    with transaction.atomic():
        org, _ = Organisation.objects.get_or_create(name="Bench Programme", defaults={"kind": "programme"})
        teams = [Team.objects.get_or_create(organisation=org, name=f"Team {i}")[0] for i in range(20)]
        workers = []
        for i in range(200):
            user, created = User.objects.get_or_create(username=f"bench-worker-{i}", defaults={
                "organisation": org, "team": teams[i % 20], "role": "case_worker"})
            workers.append(user)
        worker, _ = User.objects.get_or_create(username="bench-worker", defaults={"organisation": org, "team": teams[0], "role": "case_worker"})
        manager, _ = User.objects.get_or_create(username="bench-manager", defaults={"organisation": org, "role": "service_manager"})
        for user in (worker, manager):
            TOTPDevice.objects.get_or_create(user=user, defaults={"name": "bench", "confirmed": True})
    batch = 5000
    for start in range(0, count, batch):
        with transaction.atomic():
            cases = []
            for i in range(start, min(count, start + batch)):
                owner = worker if i % 2000 == 0 else workers[i % 200]  # bench-worker holds a caseload of ~50
                cases.append(Case(organisation=org, team=owner.team, allocated_worker=owner,
                                  given_name=f"Given{i}", family_name=f"Family{i % 997}", date_of_birth="1985-01-01",
                                  phone=f"0700{i:07d}", name_dob_index=f"n{i}", phone_index=f"p{i}"))
            cases = Case.objects.bulk_create(cases, batch_size=1000)
            Referral.objects.bulk_create([
                Referral(organisation=org, source_type="police", status="allocated", case=c, given_name=c.given_name,
                         family_name=c.family_name, consent_given=True, consent_recorded_at=c.created_at) for c in cases
            ], batch_size=1000)
            CaseNote.objects.bulk_create([CaseNote(case=c, author=c.allocated_worker, text="Session attended; discussed goals.")
                                          for c in cases for _ in range(2)], batch_size=2000)
            Child.objects.bulk_create([Child(case=c, age=rng.randint(0, 17), lives_with="shared") for c in cases[::3]], batch_size=2000)
        print(f"  loaded {min(count, start + batch):,} cases", flush=True)
    _load_sessions(org, count)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"loaded {count:,} cases in {time.perf_counter() - started:.0f} s")
    return {"org": org, "worker": worker, "manager": manager}


def _load_sessions(org, count: int) -> None:
    """A year of weekly group sessions with attendance, when the engagement app is installed."""
    try:
        from changepath.programmes import bench_data
    except ImportError:
        print("  (the engagement app is not installed: no sessions loaded)")
        return
    bench_data.load_year_of_sessions(org)


def _measure(world: dict, requests: int) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from changepath.casework.models import Case, Referral

    def client_for(user):
        client = Client(SERVER_NAME="localhost")  # a host the settings allow
        client.force_login(user)
        session = client.session
        session["otp_device_id"] = user.totpdevice_set.first().persistent_id
        session.save()
        return client

    worker, manager = client_for(world["worker"]), client_for(world["manager"])
    case_ids = list(Case.objects.filter(allocated_worker=world["worker"]).values_list("pk", flat=True)[:50])
    pages = {
        "caseload (a worker's ~50 cases)": (worker, lambda i: "/casework/cases/"),
        "case page": (worker, lambda i: f"/casework/cases/{case_ids[i % len(case_ids)]}/"),
        "referral inbox (manager, 100,000 referrals)": (manager, lambda i: "/casework/referrals/?status=allocated"),
    }
    print(f"database: {connection.vendor}; {Case.objects.count():,} cases, {Referral.objects.count():,} referrals")
    for name, (client, url) in pages.items():
        timings, queries = [], []
        for i in range(requests + 3):
            with CaptureQueriesContext(connection) as captured:
                t = time.perf_counter()
                response = client.get(url(i))
                elapsed = (time.perf_counter() - t) * 1000
            if response.status_code != 200:
                print(f"{name}: HTTP {response.status_code}")
                return 1
            if i >= 3:  # the first requests warm caches
                timings.append(elapsed)
                queries.append(len(captured))
        timings.sort()
        p95 = timings[int(0.95 * (len(timings) - 1))]
        print(f"{name}: p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, "
              f"{min(queries)}-{max(queries)} queries (target p95 <= 100 ms)")
    return 0
