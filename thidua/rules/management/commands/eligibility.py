"""``manage.py eligibility --input FILE.json [--output FILE.json]``: evaluate a self-contained document.

No database access at all (docs/eligibility-format.md). Exit 0 on success, 2 on an invalid document with
one line per problem naming its exact path.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thidua.rules.engine.jsonio import InvalidDocument, evaluate_document

EXIT_INVALID = 2


class Command(BaseCommand):
    help = "Xét điều kiện danh hiệu thi đua, hình thức khen thưởng từ một tệp JSON (không dùng cơ sở dữ liệu)."
    requires_system_checks: list = []  # no database, no checks: the engine is pure

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="Tệp JSON đầu vào ('-' để đọc từ stdin).")
        parser.add_argument("--output", help="Tệp JSON kết quả (mặc định: stdout).")
        parser.add_argument("--indent", type=int, default=2)

    def handle(self, *args, **options):
        source = options["input"]
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Không đọc được tệp {source}: {exc}") from exc
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            self._invalid([f"(line {exc.lineno}, column {exc.colno}): invalid JSON: {exc.msg}"])
        try:
            result = evaluate_document(data)
        except InvalidDocument as exc:
            self._invalid([str(p) for p in exc.problems])
        out = json.dumps(result, ensure_ascii=False, indent=options["indent"] or None)
        if options.get("output"):
            Path(options["output"]).write_text(out + "\n", encoding="utf-8")
        else:
            self.stdout.write(out)

    def _invalid(self, lines: list[str]):
        self.stderr.write("Tài liệu không hợp lệ / invalid document:")
        for line in lines:
            self.stderr.write(f"  {line}")
        sys.exit(EXIT_INVALID)
