"""WeasyPrint (about half a second and a stylesheet parse per process) is loaded when a PDF is made, not when a
web worker or a management command starts."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings

PROBE = (
    "import os, sys, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'thidua.settings'); django.setup();"
    "import thidua.urls, thidua.api.api; print('weasyprint' in sys.modules)"
)


def test_loading_every_url_and_api_route_does_not_load_weasyprint():
    env = {**os.environ, "DJANGO_DEBUG": "1"}
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=settings.BASE_DIR, env=env, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"
