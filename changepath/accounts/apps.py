"""Staff accounts: organisations, teams and the people who work in them, with one role each."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "changepath.accounts"
    verbose_name = "Staff accounts"
