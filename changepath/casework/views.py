"""Casework pages. Thin: every lookup goes through access.visible() (a record the user may not see is a
404), every write through one action in actions.py (which checks, audits and refuses stale saves)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from changepath import access
from changepath.accounts.models import Organisation, User
from changepath.audit.models import EventType
from changepath.audit.trail import record

from . import actions
from .models import TRANSITIONS, Case, Child, Referral, ReferralStatus, SourceType

PAGE = 50
LIST_FIELDS = ("id", "status", "created_at", "given_name", "family_name", "source_type")
DETAIL_FIELDS = (*LIST_FIELDS, "date_of_birth", "phone", "reason", "referrer_organisation", "consent_given", "transitions")


def case_for(user, pk: int, action: str = access.VIEW) -> Case:
    case = get_object_or_404(access.visible(user, "case", Case.objects.select_related("team", "allocated_worker")), pk=pk)
    if action != access.VIEW and not access.can(user, action, "case", case):
        raise PermissionDenied
    return case


def referral_for(user, pk: int, action: str = access.VIEW) -> Referral:
    referral = get_object_or_404(access.visible(user, "referral", Referral.objects.all()), pk=pk)
    if action != access.VIEW and not access.can(user, action, "referral", referral):
        raise PermissionDenied
    return referral


# --- caseload and case ---------------------------------------------------------------------------
def home(request: HttpRequest) -> HttpResponse:
    if access.grant(request.user, "staff"):
        return redirect("accounts:staff")
    if access.grant(request.user, "case"):
        return redirect("casework:caseload")
    if access.grant(request.user, "referral"):
        return redirect("casework:referrals")
    return render(request, "casework/nothing.html")


def caseload(request: HttpRequest) -> HttpResponse:
    if not access.grant(request.user, "case"):
        raise Http404
    scope = request.GET.get("show", "mine")
    cases = access.visible(request.user, "case", Case.objects.select_related("team", "allocated_worker"))
    if scope == "mine":
        cases = cases.filter(allocated_worker=request.user)
    cases = list(cases.filter(status="open").order_by("-updated_at")[:PAGE])
    with transaction.atomic():
        record(request.user, EventType.CASE_LIST_VIEWED, "case", "", fields=["given_name", "family_name", "status"])
    return render(request, "casework/caseload.html", {"cases": cases, "show": scope})


class NoteForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=20000, label="Add a case note",
                           error_messages={"required": "Write the note before saving it."})


class CaseDetailsForm(forms.Form):
    given_name = forms.CharField(max_length=100)
    family_name = forms.CharField(max_length=100)
    date_of_birth = forms.DateField(required=False, help_text="YYYY-MM-DD")
    phone = forms.CharField(max_length=40, required=False)
    email = forms.EmailField(required=False)
    address = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    # Equality monitoring: optional, in the participant's own words, reported only in aggregate.
    gender = forms.CharField(max_length=60, required=False, help_text="Optional, as the participant describes it")
    ethnicity = forms.CharField(max_length=60, required=False, help_text="Optional")
    disability = forms.CharField(max_length=60, required=False, help_text="Optional")
    version = forms.IntegerField(widget=forms.HiddenInput)


class ChildForm(forms.Form):
    age = forms.IntegerField(min_value=0, max_value=17, label="Child's age",
                             error_messages={"max_value": "A child is 17 or younger; record adults elsewhere."})
    lives_with = forms.ChoiceField(choices=Child.LivesWith.choices, label="Lives with")


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request.user, pk)
    note_form = NoteForm()
    child_form = ChildForm()
    details_form = CaseDetailsForm(initial={**{f: getattr(case, f) for f in ("given_name", "family_name", "phone", "email",
                                                                              "address", "gender", "ethnicity", "disability")},
                                            "date_of_birth": case.date_of_birth or None, "version": case.version})
    error = ""
    if request.method == "POST":
        try:
            if "lives_with" in request.POST:
                case = case_for(request.user, pk, access.CHANGE)
                child_form = ChildForm(request.POST)
                if child_form.is_valid():
                    actions.do_add_child(acting_user=request.user, case=case, **child_form.cleaned_data)
                    return redirect("casework:case", pk=case.pk)
            elif "text" in request.POST:
                note_form = NoteForm(request.POST)
                if note_form.is_valid():
                    actions.do_add_case_note(acting_user=request.user, case=case, text=note_form.cleaned_data["text"])
                    return redirect("casework:case", pk=case.pk)
            else:
                case = case_for(request.user, pk, access.CHANGE)
                details_form = CaseDetailsForm(request.POST)
                if details_form.is_valid():
                    data = dict(details_form.cleaned_data)
                    version = data.pop("version")
                    data["date_of_birth"] = data["date_of_birth"].isoformat() if data["date_of_birth"] else ""
                    actions.do_update_case(acting_user=request.user, case=case, changes=data, expected_version=version)
                    return redirect("casework:case", pk=case.pk)
        except actions.StaleRecord as stale:
            error = str(stale)
    actions.read_case(acting_user=request.user, case=case)
    return render(request, "casework/case.html", {
        "case": case, "notes": case.notes.select_related("author").order_by("-at"), "children": case.children.all(),
        "note_form": note_form, "details_form": details_form, "child_form": child_form, "error": error,
        "may_change": access.can(request.user, access.CHANGE, "case", case),
        "may_note": access.can(request.user, access.CREATE, "case_note", case.notes.model(case=case)),
    }, status=409 if error else 200)


# --- referrals -----------------------------------------------------------------------------------
def referral_inbox(request: HttpRequest) -> HttpResponse:
    if not access.grant(request.user, "referral"):
        raise Http404
    status = request.GET.get("status", "received")
    referrals = access.visible(request.user, "referral", Referral.objects.all())
    if status in ReferralStatus.values:
        referrals = referrals.filter(status=status)
    referrals = list(referrals.order_by("-created_at")[:PAGE])
    fields = access.readable_fields(request.user, "referral", LIST_FIELDS)
    status_only = "given_name" not in fields
    with transaction.atomic():
        record(request.user, EventType.REFERRAL_LIST_VIEWED, "referral", "", fields=fields)
    return render(request, "casework/referrals.html", {
        "referrals": referrals, "status": status, "statuses": ReferralStatus.choices, "status_only": status_only,
    })


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(choices=ReferralStatus.choices, label="Move to")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Reason (required when declining)")
    allocated_worker = forms.ModelChoiceField(queryset=User.objects.none(), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_for(request.user, pk)
    fields = access.readable_fields(request.user, "referral", DETAIL_FIELDS)
    status_only = "given_name" not in fields
    form = TransitionForm(request.POST or None, initial={"version": referral.version})
    form.fields["allocated_worker"].queryset = User.objects.filter(organisation=referral.organisation_id, role="case_worker", is_active=True)
    error = ""
    if request.method == "POST":
        referral = referral_for(request.user, pk, access.CHANGE)
        if form.is_valid():
            try:
                actions.do_transition_referral(
                    acting_user=request.user, referral=referral, to_status=form.cleaned_data["to_status"],
                    expected_version=form.cleaned_data["version"], reason=form.cleaned_data["reason"],
                    allocated_worker=form.cleaned_data["allocated_worker"],
                )
                return redirect("casework:referral", pk=referral.pk)
            except (actions.StaleRecord, actions.InvalidTransition) as problem:
                error = str(problem)
    actions.read_referral(acting_user=request.user, referral=referral, fields=fields)
    return render(request, "casework/referral.html", {
        "referral": referral, "form": form, "error": error, "status_only": status_only,
        "next_statuses": [ReferralStatus(s).label for s in TRANSITIONS[ReferralStatus(referral.status)]],
        "duplicates": [] if status_only else list(access.visible(request.user, "case", actions.possible_duplicates(referral))[:5]),
        "transitions": referral.transitions.select_related("by").order_by("at"),
        "may_change": access.can(request.user, access.CHANGE, "referral", referral),
    }, status=400 if error else 200)


# --- public referral forms -----------------------------------------------------------------------
class PublicReferralForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.filter(kind="programme"), label="Programme you are referring to",
                                          empty_label=None)
    given_name = forms.CharField(max_length=100, label="First name")
    family_name = forms.CharField(max_length=100, label="Last name")
    date_of_birth = forms.DateField(required=False, label="Date of birth", help_text="YYYY-MM-DD")
    phone = forms.CharField(max_length=40, required=False, label="Phone number")
    email = forms.EmailField(required=False)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, label="What is the referral about?")
    consent_given = forms.BooleanField(label="The person knows about this referral and agrees to be contacted",
                                       error_messages={"required": "We can only accept a referral the person has agreed to."})

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email"):
            raise forms.ValidationError("Give a phone number or an email address, so the programme can make contact.")
        if data.get("date_of_birth") and data["date_of_birth"] > timezone.now().date():
            self.add_error("date_of_birth", "The date of birth cannot be in the future.")
        return data


class ProfessionalReferralForm(PublicReferralForm):
    source_type = forms.ChoiceField(choices=[c for c in SourceType.choices if c[0] != "self"], label="You are referring from")
    referrer_name = forms.CharField(max_length=200, label="Your name")
    referrer_organisation = forms.CharField(max_length=200, label="Your organisation")
    referrer_contact = forms.CharField(max_length=200, label="Your phone or email")


def public_referral(request: HttpRequest, self_referral: bool = False) -> HttpResponse:
    form_class = PublicReferralForm if self_referral else ProfessionalReferralForm
    form = form_class(request.POST or None)
    if self_referral:
        form.fields["consent_given"].label = "I agree to be contacted by the programme"
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        referrer = {k: data.pop(k) for k in ("referrer_name", "referrer_organisation", "referrer_contact") if k in data}
        source = "self" if self_referral else data.pop("source_type")
        organisation = data.pop("organisation")
        consent = data.pop("consent_given")
        data["date_of_birth"] = data["date_of_birth"].isoformat() if data.get("date_of_birth") else ""
        actions.do_create_referral(acting_user=None, organisation=organisation, source_type=source,
                                   details=data, consent_given=consent, referrer=referrer)
        return render(request, "casework/referral_sent.html", {"self_referral": self_referral})
    return render(request, "casework/refer.html", {"form": form, "self_referral": self_referral},
                  status=400 if request.method == "POST" else 200)
