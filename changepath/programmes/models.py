"""Programmes, their groups and sessions, and each participant's engagement: attendance, membership, goals, reviews.

What a participant or another agency said is encrypted at rest like case notes (goals, review views,
absence and exit reasons). Records that belong to a case follow the case's access scope (access.py).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from changepath.casework.crypto import EncryptedTextField


class Programme(models.Model):
    """What an organisation delivers, e.g. "24-week group programme"."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="programmes")
    name = models.CharField(max_length=200)
    weeks = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "name"],
                                               name="programme_name_unique_in_organisation")]

    def __str__(self) -> str:
        return self.name


class Weekday(models.IntegerChoices):
    # The numbers of date.weekday(), so a group's sessions can be planned from its weekday.
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class Group(models.Model):
    """One cohort of a programme, meeting weekly. Its sessions are planned when it is created."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="groups")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="groups")
    name = models.CharField(max_length=200)
    capacity = models.PositiveSmallIntegerField()
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    start_time = models.TimeField()
    starts_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(capacity__gte=1), name="group_has_room_for_someone")]

    def __str__(self) -> str:
        return self.name


class SessionKind(models.TextChoices):
    GROUP = "group", "Group session"
    ONE_TO_ONE = "one_to_one", "One-to-one session"


class Session(models.Model):
    """A group session, or a one-to-one session with one participant; each has one register."""

    group = models.ForeignKey(Group, on_delete=models.PROTECT, null=True, blank=True, related_name="sessions")
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="one_to_one_sessions")
    date = models.DateField()
    kind = models.CharField(max_length=12, choices=SessionKind.choices)
    topic = models.CharField(max_length=200, blank=True)
    # Two facilitators may take the same register at once; a save names the version it read.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.CheckConstraint(
            condition=(Q(kind="group", group__isnull=False, case__isnull=True)
                       | Q(kind="one_to_one", group__isnull=True, case__isnull=False)),
            name="session_belongs_to_a_group_or_one_participant",
        )]
        indexes = [models.Index(fields=["group", "date"])]

    def __str__(self) -> str:
        return f"{self.topic or self.get_kind_display()}, {self.date:%d %b %Y}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    LATE = "late", "Late"
    ABSENT = "absent", "Absent"


ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)  # late still counts as attending


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="attendance")
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=8, choices=AttendanceStatus.choices)
    absence_reason = EncryptedTextField(blank=True)  # can say something personal (custody, hospital)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "case"], name="one_mark_per_participant_per_session")]


class ExitKind(models.TextChoices):
    COMPLETED = "completed", "Completed the programme"
    DESELECTED = "deselected", "Deselected by the programme"
    DROPPED_OUT = "dropped_out", "Dropped out"


class Membership(models.Model):
    """A participant's place in a group, from joining to leaving it."""

    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="memberships")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="memberships")
    joined_on = models.DateField()
    exit = models.CharField(max_length=12, choices=ExitKind.choices, blank=True)  # "" while a member
    exit_reason = EncryptedTextField(blank=True)
    exited_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "group"], condition=Q(exit=""), name="one_current_place_per_group"),
            models.CheckConstraint(
                condition=Q(exit="", exited_on__isnull=True) | (~Q(exit="") & Q(exited_on__isnull=False)),
                name="an_exit_has_a_date"),
        ]

    @property
    def current(self) -> bool:
        return not self.exit


class GoalStatus(models.TextChoices):
    WORKING_ON = "working_on", "Working on it"
    ACHIEVED = "achieved", "Achieved"
    SET_ASIDE = "set_aside", "Set aside"


class Goal(models.Model):
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="goals")
    text = EncryptedTextField()  # in the participant's own words
    status = models.CharField(max_length=12, choices=GoalStatus.choices, default=GoalStatus.WORKING_ON)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)


class Review(models.Model):
    """A progress review: what the participant says, and what partner support or other agencies report."""

    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="reviews")
    due_on = models.DateField()
    held_on = models.DateField(null=True, blank=True)  # empty while the review is still to come
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    participant_view = EncryptedTextField(blank=True)
    # What partner support or another agency reports, as text only: never a partner's contact details.
    others_view = EncryptedTextField(blank=True)
    # Recorded as a fact by the reviewer, so the divergence check never has to read free text.
    others_report_concern = models.BooleanField(default=False)
    # The participant's own rating of their progress: 1 (no change) to 5 (a lot of change).
    progress = models.PositiveSmallIntegerField(null=True, blank=True,
                                                validators=[MinValueValidator(1), MaxValueValidator(5)])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(held_on__isnull=True) | Q(progress__gte=1, progress__lte=5),
                                              name="a_held_review_has_a_progress_rating")]
