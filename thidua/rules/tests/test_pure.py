"""The engine package is pure: importing every module of it loads neither Django nor the project's apps."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import thidua.rules.engine as engine

ROOT = Path(__file__).resolve().parents[3]


def _engine_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(engine.__path__, prefix="thidua.rules.engine."))


def _loaded_after_importing(modules: list[str]) -> list[str]:
    code = f"import importlib, json, sys\nfor name in {modules!r}: importlib.import_module(name)\nprint(json.dumps(sorted(sys.modules)))\n"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _impure(loaded: list[str]) -> list[str]:
    allowed = ("thidua", "thidua.rules", "thidua.rules.engine")
    return [
        name
        for name in loaded
        if name == "django"
        or name.startswith("django.")
        or (name.startswith("thidua.") and name not in allowed and not name.startswith("thidua.rules.engine."))
    ]


def test_the_engine_package_has_modules_to_check():
    modules = _engine_modules()
    assert "thidua.rules.engine.facade" in modules and "thidua.rules.engine.rulesets.individual" in modules


def test_the_pure_engine_imports_neither_django_nor_the_apps():
    assert _impure(_loaded_after_importing(_engine_modules())) == []


def test_the_check_notices_a_django_import():
    # The same check finds Django, and a project app, when a module loads them.
    assert "django" in _impure(_loaded_after_importing(["thidua.rules.engine.facade", "django.utils.functional"]))
    assert "thidua.rules.apps" in _impure(_loaded_after_importing(["thidua.rules.apps"]))


def test_the_other_pure_modules_import_neither_django_nor_the_apps():
    """The working-day counter and the cluster-scoring arithmetic are pure too (tested without a database)."""
    loaded = _loaded_after_importing(["thidua.years.workdays", "thidua.years.holidays_vn", "thidua.scoring.compute"])
    allowed = {"thidua", "thidua.years", "thidua.years.workdays", "thidua.years.holidays_vn", "thidua.scoring", "thidua.scoring.compute"}
    assert [name for name in loaded if name.split(".")[0] == "django" or (name.startswith("thidua") and name not in allowed)] == []
