"""``make serve`` with the production settings (DJANGO_DEBUG unset) serves pages that have their CSS.

The server is the real one: gunicorn started by the Makefile's recipe on a free loopback port, with a
throw-away secret key and a temporary SQLite database; WhiteNoise serves the hashed, compressed static files
that collectstatic wrote. Skipped where gunicorn is not installed (CI installs requirements.txt, so it runs).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("gunicorn")
pytest.importorskip("whitenoise")

ROOT = Path(__file__).resolve().parents[3]
_VARS = ("DJANGO_", "THIDUA_", "DATABASE_URL", "WEB_CONCURRENCY", "GUNICORN_", "MAKE", "MFLAGS")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - a loopback URL of ours
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - a loopback URL of ours
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def _stylesheet(page: bytes) -> str:
    found = re.search(r'<link rel="stylesheet" href="([^"]+)"', page.decode())
    assert found, page.decode()[:500]
    return found.group(1)


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("production")
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(_VARS)}
    env.update(
        DJANGO_SETTINGS_MODULE="thidua.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        # gunicorn's control socket defaults to one path per user: a server already running must not clash.
        GUNICORN_CMD_ARGS="--no-control-socket",
    )
    # collectstatic of everything (the admin's and the API docs' bundles too) takes most of a minute; the
    # pages under test need only the site's own files and htmx. With the manifest newer than its sources,
    # make serve goes straight to migrate and gunicorn.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0", "--ignore", "admin", "--ignore", "ninja"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=60,
    )
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "-o",
            ".venv/.installed",
            "-o",
            "install",
            "serve",
            f"PY={sys.executable}",
            f"PORT={port}",
            "WORKERS=1",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                _get(base + "/accounts/login/")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the server did not start:\n" + (tmp_path / "server.log").read_text())
                time.sleep(0.2)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def test_make_serve_serves_the_login_page_with_its_stylesheet(production_server):
    status, _, page = _get(production_server + "/accounts/login/")
    assert status == 200
    stylesheet = _stylesheet(page)
    assert re.fullmatch(r"/static/css/thidua\.[0-9a-f]{12}\.css", stylesheet)  # the hashed copy of the manifest

    status, headers, css = _get(production_server + stylesheet)

    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert b".topbar" in css
    assert "immutable" in headers["Cache-Control"]  # a hashed name never changes content


def test_the_stylesheet_is_served_compressed_to_browsers_that_accept_it(production_server):
    stylesheet = _stylesheet(_get(production_server + "/accounts/login/")[2])

    status, headers, _ = _get(production_server + stylesheet, **{"Accept-Encoding": "gzip"})

    assert status == 200 and headers["Content-Encoding"] == "gzip"


def test_the_404_page_of_the_production_server_is_styled_too(production_server):
    status, _, page = _get(production_server + "/no-such-page/")

    assert status == 404
    assert "Không tìm thấy trang" in page.decode()
    assert _get(production_server + _stylesheet(page))[0] == 200
