"""Group registers and a participant's engagement page. Thin: lookups go through access.visible() (a record
the user may not see is a 404), every write through one action in actions.py (which checks, audits and
refuses stale saves)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from changepath import access
from changepath.casework.actions import StaleRecord
from changepath.casework.models import Case
from changepath.casework.views import case_for

from . import actions
from .models import AttendanceStatus, ExitKind, Goal, Group, Membership, Review


def group_for(user, pk: int) -> Group:
    return get_object_or_404(access.visible(user, "group", Group.objects.select_related("programme", "team")), pk=pk)


# --- groups and registers ------------------------------------------------------------------------
def groups(request: HttpRequest) -> HttpResponse:
    if not access.grant(request.user, "group"):
        raise Http404
    visible = access.visible(request.user, "group", Group.objects.select_related("programme", "team"))
    listed = visible.annotate(places_taken=Count("memberships", filter=Q(memberships__exit="")))
    listed = listed.order_by("-starts_on", "name")
    # Not audited: the list names groups and counts places; it shows nothing about any participant.
    return render(request, "programmes/groups.html", {"groups": listed})


def _posted_register(post) -> dict[int, tuple[str, str]]:
    """{case_id: (status, absence reason)} from the rows marked on the form; unmarked rows are left as they are."""
    register = {}
    for key, status in post.items():
        if key.startswith("status-") and status:
            case_id = key.removeprefix("status-")
            if not case_id.isdigit():
                raise actions.EngagementError("The register could not be read; reload the page and mark it again.")
            register[int(case_id)] = (status, post.get(f"reason-{case_id}", ""))
    return register


def register(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_for(request.user, pk)
    wanted = request.POST.get("session") or request.GET.get("session")
    session = get_object_or_404(group.sessions, pk=wanted) if wanted and wanted.isdigit() else None
    error, status = "", 200
    if request.method == "POST":
        if not access.can(request.user, access.CREATE, "attendance"):
            raise PermissionDenied
        if session is None or not request.POST.get("version", "").isdigit():
            raise Http404
        try:
            actions.do_record_attendance(acting_user=request.user, session=session,
                                         register=_posted_register(request.POST),
                                         expected_version=int(request.POST["version"]))
            return redirect(f"{reverse('programmes:register', args=[group.pk])}?session={session.pk}")
        except StaleRecord as stale:
            error, status = str(stale), 409
        except actions.EngagementError as problem:
            error, status = str(problem), 400
        session.refresh_from_db()  # show what is saved now, with the version to save against
    taken = actions.read_register(acting_user=request.user, group=group, session=session)
    return render(request, "programmes/register.html", {
        "group": group, "register": taken, "error": error, "statuses": AttendanceStatus.choices,
        "may_record_any": any(row.may_record for row in taken.rows),
        "today": timezone.localdate(),
    }, status=status)


# --- a participant's engagement ------------------------------------------------------------------
class GoalForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000,
                           label="A goal, in the participant's own words",
                           error_messages={"required": "Write the goal before saving it."})


class ReviewForm(forms.Form):
    due_on = forms.DateField(label="Review was due on", help_text="YYYY-MM-DD")
    held_on = forms.DateField(label="Review was held on", help_text="YYYY-MM-DD")
    progress = forms.TypedChoiceField(
        coerce=int, choices=[(n, str(n)) for n in range(1, 6)], widget=forms.RadioSelect,
        label="The participant's own rating of their progress (1 no change, 5 a lot of change)")
    participant_view = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False,
                                       label="The participant's view, in their words")
    others_view = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False,
        label="What partner support or other agencies report",
        help_text="What was reported, never how to reach anyone: no names, phone numbers or addresses.")
    others_report_concern = forms.BooleanField(required=False,
                                               label="They report continuing concern (abuse, fear or control)")


class JoinForm(forms.Form):
    group = forms.ModelChoiceField(queryset=Group.objects.none(), label="Offer a place in")
    joined_on = forms.DateField(label="Joined on", help_text="YYYY-MM-DD")


class ExitForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    exit = forms.ChoiceField(choices=ExitKind.choices, label="How they left")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, label="Reason",
        error_messages={"required": "Give the reason for the exit; it is kept with the participant's record."})
    exited_on = forms.DateField(label="Left on", help_text="YYYY-MM-DD")


# form name -> (form, the permission it needs, an unsaved record of that kind for the scope check)
ENGAGEMENT_FORMS = {
    "goal": (GoalForm, access.CREATE, "goal", Goal),
    "review": (ReviewForm, access.CREATE, "review", Review),
    "join": (JoinForm, access.CREATE, "membership", Membership),
    "exit": (ExitForm, access.CHANGE, "membership", Membership),
}


def _save(request, case: Case, name: str, form: forms.Form) -> None:
    data = form.cleaned_data
    if name == "goal":
        actions.do_add_goal(acting_user=request.user, case=case, text=data["text"])
    elif name == "review":
        actions.do_record_review(acting_user=request.user, case=case, **data)
    elif name == "join":
        actions.do_add_member(acting_user=request.user, case=case, group=data["group"], joined_on=data["joined_on"])
    else:
        places = access.visible(request.user, "membership", case.memberships.all())
        place = get_object_or_404(places, pk=data["membership"])
        actions.do_exit_member(acting_user=request.user, membership=place, exit=data["exit"], reason=data["reason"],
                               exited_on=data["exited_on"], expected_version=data["version"])


def engagement(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request.user, pk)
    today = timezone.localdate()
    bound = {"goal": GoalForm(), "review": ReviewForm(initial={"held_on": today, "due_on": today}),
             "join": JoinForm(initial={"joined_on": today})}
    bound["join"].fields["group"].queryset = access.visible(request.user, "group", Group.objects.filter(
        programme__organisation=case.organisation_id)).order_by("name")
    failed_exit, error, status = None, "", 200
    if request.method == "POST":
        name = request.POST.get("form", "")
        if name not in ENGAGEMENT_FORMS:
            raise Http404
        form_class, action, resource, model = ENGAGEMENT_FORMS[name]
        # Asked before the form is read, so a read-only colleague is refused (403) whatever they sent.
        if not access.can(request.user, action, resource, model(case=case)):
            raise PermissionDenied
        form = form_class(request.POST)
        if name == "join":
            form.fields["group"].queryset = bound["join"].fields["group"].queryset
        if form.is_valid():
            try:
                _save(request, case, name, form)
                return redirect("programmes:engagement", pk=case.pk)
            except StaleRecord as stale:
                error, status = str(stale), 409
            except actions.EngagementError as problem:
                error, status = str(problem), 400
        else:
            status = 400
        if name == "exit":
            failed_exit = form
        else:
            bound[name] = form
    seen = actions.read_engagement(acting_user=request.user, case=case)
    exits = []
    for place in seen.memberships:
        if place.current:
            posted_here = failed_exit is not None and str(failed_exit.data.get("membership")) == str(place.pk)
            form = failed_exit if posted_here else ExitForm(initial={
                "membership": place.pk, "version": place.version, "exited_on": today})
            form.auto_id = f"id_exit{place.pk}_%s"  # one exit form per place: keep the page's ids unique
            exits.append((place, form))
    return render(request, "programmes/engagement.html", {
        "case": case, "seen": seen, "forms": bound, "exits": exits, "error": error,
        "rate_percent": round(seen.attendance_rate * 100) if seen.attendance_rate is not None else None,
        "registers": set(access.visible(request.user, "group", Group.objects.filter(
            pk__in=[p.group_id for p in seen.memberships])).values_list("pk", flat=True)),
        "may": {name: access.can(request.user, action, resource, model(case=case))
                for name, (_, action, resource, model) in ENGAGEMENT_FORMS.items()},
    }, status=status)
