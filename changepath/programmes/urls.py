"""Engagement URLs, under /casework/ beside casework: group registers and each participant's engagement page."""

from django.urls import path

from . import views

app_name = "programmes"
urlpatterns = [
    path("casework/groups/", views.groups, name="groups"),
    path("casework/groups/<int:pk>/", views.register, name="register"),
    path("casework/cases/<int:pk>/engagement/", views.engagement, name="engagement"),
]
