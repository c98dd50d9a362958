"""A fingerprint of every eligibility answer of a database: refactorings of the engine must not change it.

Evaluates, through the JSON edge (the API's and the command's answer), (1) every person of the database for
every title, in batches, and (2) every unit that employs staff directly, as a unit document (its staff, the
unit as a collective, the unit-level caps), then prints one SHA-256 per part and for the whole::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench .venv/bin/python bench/eligibility_hash.py
    .venv/bin/python bench/eligibility_hash.py --day 2025-06-15 --out /tmp/answers.jsonl   # keep the answers to diff

The answers are written canonically (sorted keys, one line per batch or unit), so two runs on the same data
hash alike; ``--out`` keeps the lines to find the first one that differs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings_test")

import django

django.setup()

from thidua.org.models import OrgUnit  # noqa: E402
from thidua.people.models import Employment, Person  # noqa: E402
from thidua.rules import selectors  # noqa: E402
from thidua.rules.engine.jsonio import evaluation_to_json  # noqa: E402


def _line(evaluation) -> bytes:
    """The API's answer for ``evaluation`` (the JSON edge), written canonically."""
    answer = evaluation_to_json(evaluation)
    return json.dumps(answer, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode() + b"\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--day", type=dt.date.fromisoformat, default=dt.date(2025, 6, 15), help="consideration date")
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--out", type=Path, help="also write the canonical answers, one line per batch or unit")
    args = parser.parse_args()
    year = args.day.year if args.day.month >= 9 else args.day.year - 1
    out = args.out.open("wb") if args.out else None
    whole = hashlib.sha256()

    people = hashlib.sha256()
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    for i in range(0, len(ids), args.batch):
        line = _line(selectors.evaluate_person_ids(person_ids=ids[i : i + args.batch], day=args.day, year=year))
        people.update(line)
        whole.update(line)
        if out:
            out.write(line)
    print(f"people  {len(ids):>7,}  {people.hexdigest()}")

    units = hashlib.sha256()
    employing = Employment.objects.values("unit_id")
    unit_list = list(OrgUnit.objects.filter(pk__in=employing).exclude(kind__code="department").order_by("path"))
    for unit in unit_list:
        line = _line(selectors.evaluate_document_facts(selectors.unit_document(unit=unit, year=year, day=args.day)))
        units.update(line)
        whole.update(line)
        if out:
            out.write(line)
    print(f"units   {len(unit_list):>7,}  {units.hexdigest()}")
    print(f"whole            {whole.hexdigest()}")
    if out:
        out.close()


if __name__ == "__main__":
    main()
