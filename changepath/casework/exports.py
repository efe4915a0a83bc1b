"""Exports of case data and of the audit trail: allowed roles only, and only after the password was
entered again in the last few minutes. Every export is itself an audited read."""

from __future__ import annotations

import csv
import json

from django import forms
from django.contrib.auth import authenticate
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from changepath import access
from changepath.audit.models import AuditEvent, EventType
from changepath.audit.trail import record

from .models import Case
from .security import mark_reauthenticated, recently_reauthenticated

EXPORT_FIELDS = ("id", "given_name", "family_name", "date_of_birth", "status", "team", "allocated_worker", "created_at")


class ReauthForm(forms.Form):
    password = forms.CharField(widget=forms.PasswordInput, label="Your password")


def reauthenticate(request: HttpRequest) -> HttpResponse:
    target = request.GET.get("next") or request.POST.get("next") or "/casework/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/casework/"
    form = ReauthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if authenticate(request, username=request.user.get_username(), password=form.cleaned_data["password"]):
            mark_reauthenticated(request)
            return redirect(target)
        form.add_error("password", "That is not your password. Enter it again to continue.")
    return render(request, "casework/reauth.html", {"form": form, "next": target})


def _needs_reauth(request: HttpRequest) -> HttpResponse | None:
    if recently_reauthenticated(request):
        return None
    return redirect(f"/casework/reauth/?next={request.get_full_path()}")


class _Echo:
    def write(self, value):
        return value


def export_cases(request: HttpRequest) -> HttpResponse:
    if not access.can(request.user, access.EXPORT, "case"):
        raise Http404
    if (again := _needs_reauth(request)) is not None:
        return again
    cases = access.visible(request.user, "case", Case.objects.select_related("team", "allocated_worker")).order_by("pk")
    with transaction.atomic():
        record(request.user, EventType.CASE_EXPORTED, "case", "", fields=list(EXPORT_FIELDS))
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(EXPORT_FIELDS)
        for c in cases.iterator(chunk_size=500):
            yield writer.writerow([c.pk, c.given_name, c.family_name, c.date_of_birth, c.status,
                                   c.team.name if c.team_id else "", str(c.allocated_worker or ""), c.created_at.date()])

    response = StreamingHttpResponse(rows(), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="cases.csv"'
    return response


def export_audit(request: HttpRequest) -> HttpResponse:
    if not access.can(request.user, access.EXPORT, "audit"):
        raise Http404
    if (again := _needs_reauth(request)) is not None:
        return again
    events = access.visible(request.user, "audit", AuditEvent.objects.all()).order_by("id")
    with transaction.atomic():
        record(request.user, EventType.AUDIT_EXPORTED, "audit", "", fields=["all"])

    def lines():
        for e in events.iterator(chunk_size=2000):
            yield json.dumps({"id": e.id, "at": e.at.isoformat(), "actor": e.actor_label, "type": e.get_event_type_display(),
                              "kind": e.kind, "record": f"{e.record_type}:{e.record_id}", "fields": e.fields,
                              "prev_hash": e.prev_hash, "hash": e.hash}) + "\n"

    response = StreamingHttpResponse(lines(), content_type="application/x-ndjson")
    response["Content-Disposition"] = 'attachment; filename="audit.jsonl"'
    return response
