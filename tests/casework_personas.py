"""Personas shared by the casework tests: who works where, with which role (healthchecks' habit)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from changepath.accounts.models import Organisation, Team, User
from changepath.casework import actions


@dataclass
class World:
    programme: Organisation
    other_programme: Organisation
    worker: User  # case worker, team North, allocated to `case`
    teammate: User  # case worker in the same team: may read the case, may not change it
    outsider: User  # case worker of another organisation: the case does not exist for them
    manager: User
    referrer: User
    commissioner: User
    case: object
    referral: object


def make_user(username, org, role, team=None):
    user = User.objects.create_user(username=username, password="a long enough password 42", organisation=org, team=team, role=role)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return user


def sign_in(client, user):
    """Signed in with password and second factor, as the middleware requires."""
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = user.totpdevice_set.get(confirmed=True).persistent_id
    session.save()
    return client


@pytest.fixture
def world(db):
    programme = Organisation.objects.create(name="Northside Programme", kind="programme")
    other = Organisation.objects.create(name="Southside Programme", kind="programme")
    agency = Organisation.objects.create(name="City Housing", kind="referrer")
    funder = Organisation.objects.create(name="County Commissioners", kind="commissioner")
    north = Team.objects.create(organisation=programme, name="North")
    south_team = Team.objects.create(organisation=other, name="South")
    worker = make_user("worker", programme, "case_worker", north)
    teammate = make_user("teammate", programme, "case_worker", north)
    outsider = make_user("outsider", other, "case_worker", south_team)
    manager = make_user("manager", programme, "service_manager")
    referrer = make_user("referrer", agency, "referrer")
    commissioner = make_user("commissioner", funder, "commissioner")
    referral = actions.do_create_referral(
        acting_user=referrer, organisation=programme, source_type="housing", consent_given=True,
        details={"given_name": "Sam", "family_name": "Example", "date_of_birth": "1990-04-02", "phone": "07700 900123",
                 "email": "", "reason": "Tenant disclosed shouting and damage at home."},
    )
    actions.do_transition_referral(acting_user=manager, referral=referral, to_status="accepted", expected_version=1)
    actions.do_transition_referral(acting_user=manager, referral=referral, to_status="allocated", expected_version=2,
                                   allocated_worker=worker)
    referral.refresh_from_db()
    return World(programme, other, worker, teammate, outsider, manager, referrer, commissioner, referral.case, referral)
