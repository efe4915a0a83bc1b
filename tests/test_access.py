"""The one access function: each persona sees exactly what role, organisation and need to know allow."""

import pytest

from changepath import access
from changepath.casework.models import Case, Referral
from casework_personas import world  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def test_case_worker_reads_team_cases_and_writes_own(world):
    assert access.can(world.worker, "change", "case", world.case)
    assert access.can(world.teammate, "view", "case", world.case)
    assert not access.can(world.teammate, "change", "case", world.case)


def test_worker_of_another_organisation_sees_nothing(world):
    assert not access.visible(world.outsider, "case", Case.objects.all()).exists()
    assert not access.visible(world.outsider, "referral", Referral.objects.all()).exists()
    assert not access.can(world.outsider, "view", "case", world.case)


def test_referrer_sees_only_their_own_referrals_and_no_case(world):
    assert list(access.visible(world.referrer, "referral", Referral.objects.all())) == [world.referral]
    assert not access.visible(world.referrer, "case", Case.objects.all()).exists()


def test_commissioner_sees_no_record_at_all(world):
    for resource, model in (("case", Case), ("referral", Referral)):
        assert not access.visible(world.commissioner, resource, model.objects.all()).exists()
    assert access.can(world.commissioner, "view", "report")


def test_manager_reads_and_writes_across_the_organisation(world):
    assert access.can(world.manager, "change", "case", world.case)
    assert access.can(world.manager, "view", "audit")


def test_anonymous_and_inactive_users_get_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not access.visible(AnonymousUser(), "case", Case.objects.all()).exists()
    world.worker.is_active = False
    assert not access.can(world.worker, "view", "case", world.case)


def test_one_function_decides_which_referral_fields_a_role_reads(world):
    every = ("id", "status", "given_name", "phone")
    assert access.readable_fields(world.referrer, "referral", every) == ["id", "status"]
    assert access.readable_fields(world.manager, "referral", every) == list(every)
    assert access.readable_fields(world.commissioner, "referral", every) == []
