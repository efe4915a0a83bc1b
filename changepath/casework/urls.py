"""Casework URLs: staff pages under /casework/, public referral forms under /refer/."""

from django.urls import path

from . import auth_views, exports, views

app_name = "casework"
urlpatterns = [
    path("casework/", views.home, name="home"),
    path("casework/login/", auth_views.sign_in, name="sign_in"),
    path("casework/verify/", auth_views.verify, name="verify"),
    path("casework/setup-2fa/", auth_views.setup_two_factor, name="setup_2fa"),
    path("casework/logout/", auth_views.sign_out, name="sign_out"),
    path("casework/reauth/", exports.reauthenticate, name="reauth"),
    path("casework/cases/export.csv", exports.export_cases, name="export_cases"),
    path("casework/audit/export.jsonl", exports.export_audit, name="export_audit"),
    path("casework/cases/", views.caseload, name="caseload"),
    path("casework/cases/<int:pk>/", views.case_detail, name="case"),
    path("casework/referrals/", views.referral_inbox, name="referrals"),
    path("casework/referrals/<int:pk>/", views.referral_detail, name="referral"),
    path("refer/", views.public_referral, name="refer"),
    path("refer/self/", views.public_referral, {"self_referral": True}, name="refer_self"),
]
