"""WSGI entry for production servers (gunicorn changepath.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "changepath.settings")
application = get_wsgi_application()
