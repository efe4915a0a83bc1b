"""`changepath demo`: a realistic fictional data set to log in and look around.

Several organisations, staff of every role (password and TOTP key printed at the end), and a few
hundred referrals and cases in every state, created through the same actions as real work, so the
audit trail is real too. Every name is invented. Refuses to run on a database that has real users.
"""

from __future__ import annotations

import random
from base64 import b32encode

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from changepath.accounts.models import Organisation, Team, User
from changepath.casework import actions

PASSWORD = "demo password for changepath"
TOTP_KEY_HEX = "48656c6c6f21deadbeef48656c6c6f21deadbeef"  # demo only: every demo account shares this key
GIVEN = ["Sam", "Alex", "Jordan", "Chris", "Jamie", "Robin", "Taylor", "Morgan", "Casey", "Lee", "Dana", "Kai", "Ari", "Jess", "Tom", "Nadia", "Omar", "Piotr", "Aisha", "Liam"]
FAMILY = ["Ashdown", "Brook", "Carver", "Dale", "Eastwood", "Fenwick", "Garth", "Hollis", "Irving", "Jessop", "Kerr", "Lowther", "Marsh", "Nash", "Orme", "Pryce", "Quill", "Rudd", "Sefton", "Tarn"]
SOURCES = ["self", "helpline", "police", "probation", "court", "childrens_social_care", "housing", "health", "education", "other"]


class Command(BaseCommand):
    help = "Load a fictional demo data set (organisations, staff of every role, hundreds of cases)"

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=300)

    def handle(self, *args, cases, **options):
        if User.objects.exclude(username__startswith="demo-").exists():
            raise CommandError("This database has real accounts; the demo data set only loads into an empty one.")
        if User.objects.exists():
            self.stdout.write("The demo data set is already loaded.")
            return self._print_logins()
        rng = random.Random(2026)
        with transaction.atomic():
            programme = Organisation.objects.create(name="Riverside Change Programme", kind="programme")
            other = Organisation.objects.create(name="Hillview Respectful Relationships", kind="programme")
            Organisation.objects.create(name="Riverside Partner Support", kind="partner_support")
            housing = Organisation.objects.create(name="Riverside Housing", kind="referrer")
            funder = Organisation.objects.create(name="County Commissioning", kind="commissioner")
            host = Organisation.objects.create(name="changepath Host", kind="host")
            teams = [Team.objects.create(organisation=programme, name=n) for n in ("North", "South")]
            staff = {
                "demo-worker": (programme, "case_worker", teams[0]), "demo-teammate": (programme, "case_worker", teams[0]),
                "demo-south": (programme, "case_worker", teams[1]), "demo-hillview": (other, "case_worker", None),
                "demo-manager": (programme, "service_manager", None), "demo-referrer": (housing, "referrer", None),
                "demo-commissioner": (funder, "commissioner", None), "demo-admin": (host, "administrator", None),
            }
            users = {}
            for username, (org, role, team) in staff.items():
                users[username] = User.objects.create_user(username, password=PASSWORD, organisation=org, role=role, team=team)
                TOTPDevice.objects.create(user=users[username], name="demo", key=TOTP_KEY_HEX, confirmed=True)
        workers = [users["demo-worker"], users["demo-teammate"], users["demo-south"]]
        for i in range(cases):
            with transaction.atomic():
                referrer = users["demo-referrer"] if i % 3 == 0 else None
                referral = actions.do_create_referral(
                    acting_user=referrer, organisation=programme, source_type="housing" if referrer else rng.choice(SOURCES),
                    consent_given=True, details={
                        "given_name": rng.choice(GIVEN), "family_name": rng.choice(FAMILY),
                        "date_of_birth": f"{rng.randint(1960, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                        "phone": f"07700 9{rng.randint(0, 99999):05d}", "email": "",
                        "reason": "Fictional referral for the demo data set.",
                    })
                fate = rng.random()
                if fate < 0.15:
                    continue  # still in the inbox
                if fate < 0.22:
                    actions.do_transition_referral(acting_user=users["demo-manager"], referral=referral, to_status="declined",
                                                   expected_version=1, reason="Not suitable at this time (demo).")
                    continue
                actions.do_transition_referral(acting_user=users["demo-manager"], referral=referral, to_status="accepted", expected_version=1)
                if fate < 0.35:
                    actions.do_transition_referral(acting_user=users["demo-manager"], referral=referral, to_status="waiting", expected_version=2)
                    continue
                worker = rng.choice(workers)
                referral = actions.do_transition_referral(acting_user=users["demo-manager"], referral=referral, to_status="allocated",
                                                          expected_version=2, allocated_worker=worker)
                actions.do_add_case_note(acting_user=worker, case=referral.case, text="First meeting: talked about goals (demo).")
                if rng.random() < 0.5:
                    actions.do_add_child(acting_user=worker, case=referral.case, age=rng.randint(0, 17),
                                         lives_with=rng.choice(["participant", "other_parent", "shared", "other"]))
        self._engagement(rng, programme, teams, users)
        self.stdout.write(f"Loaded the demo data set: {cases} referrals.")
        self._print_logins()

    def _engagement(self, rng, organisation, teams, users):
        """A 24-week programme with one group per team, its members, past sessions' registers, goals and reviews."""
        import datetime as dt

        from django.utils import timezone

        from changepath.casework.models import Case
        from changepath.programmes import actions as engagement
        from changepath.programmes.models import Programme

        manager = users["demo-manager"]
        programme = Programme.objects.create(organisation=organisation, name="24-week group programme", weeks=24)
        today = timezone.localdate()
        for team in teams:
            group = engagement.do_create_group(acting_user=manager, programme=programme, name=f"{team.name} Tuesday group",
                                               capacity=12, weekday=1, start_time=dt.time(18, 30),
                                               starts_on=today - dt.timedelta(weeks=10), team=team)
            members = list(Case.objects.filter(team=team, status="open").order_by("pk")[:10])
            for case in members:
                engagement.do_add_member(acting_user=manager, case=case, group=group, joined_on=group.starts_on)
            for session in group.sessions.filter(date__lt=today).order_by("date"):
                register = {c.pk: (rng.choices(["present", "late", "absent"], [80, 8, 12])[0], "") for c in members}
                register = {pk: (s, "Unwell (demo)" if s == "absent" else "") for pk, (s, _) in register.items()}
                engagement.do_record_attendance(acting_user=manager, session=session, register=register,
                                                expected_version=session.version)
            for case in members[:6]:
                engagement.do_add_goal(acting_user=manager, case=case, text="Walk away and take a time-out before I shout (demo).")
                engagement.do_record_review(acting_user=manager, case=case, due_on=today - dt.timedelta(weeks=2),
                                            held_on=today - dt.timedelta(weeks=2), progress=rng.randint(2, 5),
                                            participant_view="Says things are calmer at home (demo).",
                                            others_view="Partner-support worker reports continued fear (demo)." if rng.random() < 0.3 else "",
                                            others_report_concern=rng.random() < 0.3)

    def _print_logins(self):
        self.stdout.write(
            "Sign in at http://127.0.0.1:8000/casework/login/ as demo-worker, demo-teammate, demo-south, demo-hillview,\n"
            f"demo-manager, demo-referrer, demo-commissioner or demo-admin, password '{PASSWORD}'.\n"
            f"Second step: add the key {b32encode(bytes.fromhex(TOTP_KEY_HEX)).decode()} to an authenticator app "
            "(all demo accounts share it)."
        )
