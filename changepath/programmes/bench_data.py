"""A year of weekly group sessions with attendance for `changepath bench casework` (PostgreSQL only).

Bulk-loaded on purpose (the bench measures reading at scale): groups of ten cases from one team,
52 weekly sessions each, and a mark for every member at every session, written with COPY.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import connection, transaction
from django.utils import timezone

from changepath.casework.models import Case

from .models import Attendance, Group, Membership, Programme, Session

WEEKS, GROUP_SIZE = 52, 10


def load_year_of_sessions(organisation) -> None:
    if Session.objects.filter(group__programme__organisation=organisation).exists():
        return
    rng = random.Random(3)
    start = timezone.localdate() - dt.timedelta(weeks=WEEKS)
    programme, _ = Programme.objects.get_or_create(organisation=organisation, name="Bench programme", defaults={"weeks": WEEKS})
    cases = list(Case.objects.filter(organisation=organisation).order_by("team_id", "pk").values_list("pk", "team_id", "allocated_worker_id"))
    chunks = [cases[i:i + GROUP_SIZE] for i in range(0, len(cases), GROUP_SIZE)]
    for first in range(0, len(chunks), 1000):
        batch = chunks[first:first + 1000]
        with transaction.atomic():
            groups = Group.objects.bulk_create([
                Group(programme=programme, team_id=chunk[0][1], name=f"Bench group {first + n}", capacity=12,
                      weekday=1, start_time=dt.time(18, 30), starts_on=start) for n, chunk in enumerate(batch)])
            Membership.objects.bulk_create([Membership(case_id=c[0], group=g, joined_on=start)
                                            for g, chunk in zip(groups, batch) for c in chunk], batch_size=5000)
            sessions = Session.objects.bulk_create([
                Session(group=g, kind="group", date=start + dt.timedelta(weeks=w)) for g in groups for w in range(WEEKS)
            ], batch_size=5000)
            members = {g.pk: chunk for g, chunk in zip(groups, batch)}
            now = timezone.now().isoformat()
            with connection.cursor() as cursor, cursor.cursor.copy(
                f"COPY {Attendance._meta.db_table} (session_id, case_id, status, absence_reason, recorded_by_id, recorded_at) FROM STDIN"
            ) as copy:
                for s in sessions:
                    for case_id, _team, worker in members[s.group_id]:
                        status = "present" if rng.random() < 0.82 else ("late" if rng.random() < 0.4 else "absent")
                        copy.write_row((s.pk, case_id, status, "", worker, now))
        print(f"  loaded sessions for {min(len(chunks), first + 1000) * GROUP_SIZE:,} cases", flush=True)
