"""Staff management pages for administrators: who works here, new accounts, closing accounts."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from changepath import access

from . import actions
from .models import Role, Team, User


class StaffForm(forms.Form):
    username = forms.SlugField(max_length=150)
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField(required=False)
    role = forms.ChoiceField(choices=Role.choices)
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False)


def staff_list(request: HttpRequest) -> HttpResponse:
    if not access.can(request.user, access.VIEW, "staff"):
        raise Http404
    form = StaffForm(request.POST or None)
    form.fields["team"].queryset = Team.objects.filter(organisation=request.user.organisation_id)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            user, password = actions.do_create_staff(acting_user=request.user, **form.cleaned_data)
            created = {"user": user, "password": password}
            form = StaffForm()
            form.fields["team"].queryset = Team.objects.filter(organisation=request.user.organisation_id)
        except ValidationError as problem:
            for field, errors in problem.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
    staff = access.visible(request.user, "staff", User.objects.select_related("team")).order_by("last_name", "username")
    return render(request, "accounts/staff.html", {"staff": staff, "form": form, "created": created},
                  status=400 if request.method == "POST" and not created else 200)


@require_POST
def deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(access.visible(request.user, "staff", User.objects.all()), pk=pk)
    actions.do_deactivate_staff(acting_user=request.user, user=user)
    return redirect("accounts:staff")
