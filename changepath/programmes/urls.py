"""Engagement URLs, under /work/ beside casework: group registers and each participant's engagement page."""

from django.urls import path

from . import views

app_name = "programmes"
urlpatterns = [
    path("work/groups/", views.groups, name="groups"),
    path("work/groups/<int:pk>/", views.register, name="register"),
    path("work/cases/<int:pk>/engagement/", views.engagement, name="engagement"),
]
