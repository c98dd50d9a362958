"""Settings for the test suite: the production settings (DJANGO_DEBUG unset) with a throw-away key.

pytest-django imports the settings module while pytest starts, before any conftest.py is read, so a key
set in a fixture or conftest comes too late. This module gives the one real settings file a test-only key
(unless the environment has one) and otherwise runs the production configuration, except for static files:
the suite does not run collectstatic, so pages link the source files and WhiteNoise finds them through the
finders, as under ``make run`` (``thidua/core/tests/test_production_server.py`` tests the real thing).
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-insecure-key-" + "0123456789abcdef" * 3)

from thidua.settings import *  # noqa: F403

# The hosts the test clients use: Django's test client, the live server of the browser tests and
# schemathesis' WSGI client (which loads the schema while pytest collects, before pytest-django adds its own).
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
