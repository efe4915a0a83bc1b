"""Casework URLs: staff pages under /work/, public referral forms under /refer/."""

from django.urls import path

from . import auth_views, exports, views

app_name = "casework"
urlpatterns = [
    path("work/", views.home, name="home"),
    path("work/login/", auth_views.sign_in, name="sign_in"),
    path("work/verify/", auth_views.verify, name="verify"),
    path("work/setup-2fa/", auth_views.setup_two_factor, name="setup_2fa"),
    path("work/logout/", auth_views.sign_out, name="sign_out"),
    path("work/reauth/", exports.reauthenticate, name="reauth"),
    path("work/cases/export.csv", exports.export_cases, name="export_cases"),
    path("work/audit/export.jsonl", exports.export_audit, name="export_audit"),
    path("work/cases/", views.caseload, name="caseload"),
    path("work/cases/<int:pk>/", views.case_detail, name="case"),
    path("work/referrals/", views.referral_inbox, name="referrals"),
    path("work/referrals/<int:pk>/", views.referral_detail, name="referral"),
    path("refer/", views.public_referral, name="refer"),
    path("refer/self/", views.public_referral, {"self_referral": True}, name="refer_self"),
]
