"""Casework for behaviour-change programmes: referrals, cases, notes, children. Never imported by the chat side."""

from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "changepath.casework"
    verbose_name = "Casework"
