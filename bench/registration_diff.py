"""Compare two ``eligibility_hash.py --out`` files: same verdicts, and every difference inside the registration
criterion's rows (issue 13, decision 0017). Prints the counts; exits 1 on any other difference::

    .venv/bin/python bench/registration_diff.py /tmp/before.jsonl /tmp/after.jsonl
"""

from __future__ import annotations

import collections
import json
import sys

KEY = "registered"


def _strip(criteria: list[dict]) -> list[dict]:
    return [{**c, "children": _strip(c.get("children", []))} for c in criteria if c["key"] != KEY]


def _registered(criteria: list[dict]) -> list[dict]:
    return [c for c in criteria if c["key"] == KEY] + [r for c in criteria for r in _registered(c.get("children", []))]


def main(before_path: str, after_path: str) -> int:
    counts: collections.Counter = collections.Counter()
    with open(before_path, "rb") as before, open(after_path, "rb") as after:
        for n, (a_line, b_line) in enumerate(zip(before, after, strict=True)):
            a, b = json.loads(a_line), json.loads(b_line)
            for kind in ("persons", "collectives"):
                for sa, sb in zip(a[kind], b[kind], strict=True):
                    for oa, ob in zip(sa["outcomes"], sb["outcomes"], strict=True):
                        counts["outcomes"] += 1
                        if oa["verdict"] != ob["verdict"]:
                            counts["verdict differs"] += 1
                        rows = _registered(ob["criteria"])
                        counts["registration rows"] += len(rows)
                        counts["registered (met, 'Đã đăng ký')"] += sum(r["reason"].startswith("Đã đăng ký") for r in rows)
                        rest_a = {k: v for k, v in oa.items() if k != "criteria"} | {"criteria": _strip(oa["criteria"])}
                        rest_b = {k: v for k, v in ob.items() if k != "criteria"} | {"criteria": _strip(ob["criteria"])}
                        if rest_a != rest_b:
                            counts["other difference"] += 1
                            if counts["other difference"] <= 3:
                                print(f"line {n}: {sa['id']} {oa['code']} differs beyond the registration rows", file=sys.stderr)
                    counts["eligible lists differ"] += sa.get("eligible") != sb.get("eligible")
                    counts["next differs"] += sa.get("next") != sb.get("next")
    for key, value in sorted(counts.items()):
        print(f"{key:>34}: {value:,}")
    return 1 if counts["verdict differs"] or counts["other difference"] else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
