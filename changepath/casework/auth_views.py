"""Staff sign-in: password (locked after repeated failures), then a TOTP code; first sign-in sets TOTP up."""

from __future__ import annotations

from base64 import b32encode

from django import forms
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .security import mark_reauthenticated


class PasswordForm(forms.Form):
    username = forms.CharField(max_length=150)
    password = forms.CharField(widget=forms.PasswordInput)


class TokenForm(forms.Form):
    token = forms.RegexField(regex=r"^\d{6}$", max_length=6, error_messages={"invalid": "Enter the 6-digit code from your app."})


def _next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or "/casework/"
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) else "/casework/"


def sign_in(request: HttpRequest) -> HttpResponse:
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=form.cleaned_data["username"], password=form.cleaned_data["password"])
        if user is not None and getattr(user, "role", ""):
            login(request, user)
            mark_reauthenticated(request)
            return redirect(f"/casework/verify/?next={_next(request)}")
        form.add_error(None, "That username and password do not match. After 5 failed tries the account is locked for an hour.")
    return render(request, "casework/sign_in.html", {"form": form, "next": _next(request)})


def verify(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("/casework/login/")
    devices = TOTPDevice.objects.filter(user=request.user, confirmed=True)
    if not devices.exists():
        return redirect("/casework/setup-2fa/")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices:
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(_next(request))
        form.add_error("token", "That code is not right or has expired. Enter the current code from your app.")
    return render(request, "casework/verify.html", {"form": form, "next": _next(request)})


def setup_two_factor(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("/casework/login/")
    device, _ = TOTPDevice.objects.get_or_create(user=request.user, confirmed=False, defaults={"name": "authenticator app"})
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            return redirect("/casework/")
        form.add_error("token", "That code does not match. Check the time on your phone and try the current code.")
    secret = b32encode(device.bin_key).decode()
    return render(request, "casework/setup_2fa.html", {"form": form, "secret": secret, "uri": device.config_url})


def sign_out(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        logout(request)
    return redirect("/casework/login/")
