"""Write the DOCX templates (built by python-docx in the document modules) to a folder, for a designer to
look at or to start a province's own template from."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from thidua.documents import docx, registry


class Command(BaseCommand):
    help = "Ghi các mẫu DOCX của văn bản ra thư mục (để xem hoặc làm mẫu riêng)."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="thư mục đích")

    def handle(self, *args, out: str, **options):
        registry.load_all()
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        for name in sorted(docx.BUILDERS):
            path = folder / f"{name}.docx"
            path.write_bytes(docx.template_bytes(name))
            self.stdout.write(str(path))
