"""Engagement with a programme: groups, sessions, attendance, exits, goals and reviews."""

from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "changepath.programmes"
    verbose_name = "Programmes and engagement"
