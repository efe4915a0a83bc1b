"""`changepath createadmin USERNAME --organisation NAME`: the first administrator of a deployment.

The password is asked for (twice) on the terminal, or read from CHANGEPATH_ADMIN_PASSWORD when
there is no terminal. The administrator sets up TOTP at first sign-in, like every staff account.
"""

import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from changepath.accounts.models import Organisation, Role, User


class Command(BaseCommand):
    help = "Create an administrator account (and its organisation, if new)"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--organisation", required=True, help="name of the hosting organisation")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, organisation, email, **options):
        if User.objects.filter(username=username).exists():
            raise CommandError(f"An account named {username!r} already exists; choose another username.")
        password = os.environ.get("CHANGEPATH_ADMIN_PASSWORD")
        if not password:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password again: "):
                raise CommandError("The two passwords differ; nothing was created. Run the command again.")
        user = User(username=username, email=email, role=Role.ADMINISTRATOR)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("The password is not strong enough: " + " ".join(exc.messages)) from None
        with transaction.atomic():
            org, _ = Organisation.objects.get_or_create(name=organisation, defaults={"kind": Organisation.Kind.HOST})
            user.organisation = org
            user.set_password(password)
            user.save()
        self.stdout.write(f"Created administrator {username!r} in {org.name!r}. Sign in at /casework/login/ and set up TOTP.")
