"""The settings ``bench/pages.py`` serves with: production's, a throw-away key, plain HTTP, one more route.

The route (``bench/pages_urls.py``) is ``/bench/trivial/``: authenticated like every page, renders nothing —
what the server, the middleware and the session cost, measured in the same processes as the pages.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-insecure-key-" + "0123456789abcdef" * 3)

from thidua.settings import *  # noqa: F403

ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False  # plain HTTP on the loopback
ROOT_URLCONF = "pages_urls"
