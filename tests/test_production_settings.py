"""Production is the default configuration; development is explicit (``make run``).

Each case loads ``thidua.settings`` in a fresh interpreter with a controlled environment, as a server
would at startup.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_VARS = ("DJANGO_", "THIDUA_", "DATABASE_URL")

SHOW = """
import json
from django.conf import settings
print(json.dumps({name: getattr(settings, name, None) for name in [
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"]}))
"""


def _env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(_VARS)}
    env.update(DJANGO_SETTINGS_MODULE="thidua.settings", **values)
    return env


def _run(args: list[str], **values: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=_env(**values), capture_output=True, text=True, timeout=120)


def _settings(**values: str) -> dict:
    result = _run(["-c", SHOW], **values)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _production_env() -> dict[str, str]:
    """The example environment of docs/deployment.md, with a real secret key in place of the placeholder."""
    text = (ROOT / "docs" / "deployment.md").read_text()
    block = re.search(r"<!-- production-env -->\s*```sh\n(.*?)```", text, re.S).group(1)
    env = dict(line.split("=", 1) for line in block.splitlines() if line.strip() and not line.startswith("#"))
    env["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    env["DATABASE_URL"] = "sqlite:///" + str(ROOT / "unused.sqlite3")  # the check does not connect
    return env


def test_without_django_debug_startup_fails_clearly_when_the_secret_key_is_missing():
    result = _run(["manage.py", "check"])

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr
    assert "DJANGO_DEBUG=1" in result.stderr


def test_the_migration_check_runs_without_the_production_secret():
    """`manage.py makemigrations --check` signs nothing: it runs bare (CI, packaging), and says the models
    and the migrations agree; the commands that serve or check the site still refuse without the key."""
    result = _run(["manage.py", "makemigrations", "--check", "--dry-run"])

    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_without_django_debug_the_configuration_is_production():
    key = secrets.token_urlsafe(50)

    config = _settings(DJANGO_SECRET_KEY=key)

    assert config["DEBUG"] is False
    assert config["SECRET_KEY"] == key
    assert config["ALLOWED_HOSTS"] == []
    assert config["SESSION_COOKIE_SECURE"] is True and config["CSRF_COOKIE_SECURE"] is True


@pytest.mark.parametrize("value", ["0", "", "false"])
def test_django_debug_other_than_one_is_production(value):
    assert _settings(DJANGO_DEBUG=value, DJANGO_SECRET_KEY="k" * 50)["DEBUG"] is False


def test_django_debug_one_gives_the_development_configuration():
    config = _settings(DJANGO_DEBUG="1")

    assert config["DEBUG"] is True
    assert config["SECRET_KEY"]  # the development key
    assert "127.0.0.1" in config["ALLOWED_HOSTS"]
    assert config["SESSION_COOKIE_SECURE"] is False


def test_make_run_sets_django_debug():
    # The recipe's first command, with "python" replaced by printenv: it shows the environment and stops.
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", "install", "run", "PY=printenv DJANGO_DEBUG"],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.splitlines()[1:2] == ["1"], result.stdout + result.stderr


def test_https_proxy_settings_come_from_the_environment():
    config = _settings(**_production_env())

    assert config["ALLOWED_HOSTS"] == ["thidua.example.gov.vn"]
    assert config["CSRF_TRUSTED_ORIGINS"] == ["https://thidua.example.gov.vn"]
    assert config["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert config["SECURE_SSL_REDIRECT"] is True
    assert config["SECURE_HSTS_SECONDS"] == 31536000


def test_check_deploy_is_clean_with_the_documented_production_variables():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **_production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_without_them():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], DJANGO_SECRET_KEY=secrets.token_urlsafe(50))

    assert result.returncode != 0
    assert "security.W008" in result.stderr  # SECURE_SSL_REDIRECT
