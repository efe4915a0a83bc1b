"""The anonymous side: help chat, knowledge-bank pages and the chat API. Imports nothing from casework."""

from django.apps import AppConfig


class HelpchatConfig(AppConfig):
    name = "changepath.helpchat"
    verbose_name = "Help chat and knowledge bank"
