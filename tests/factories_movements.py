"""Movements for tests, made through the services (a movement is always written with its audit rows)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories_awards import tiny_pdf

YEAR = "2025-2026"
LAUNCH = dt.date(2025, 9, 8)  # a Monday


def pdf_upload(name: str = "ke-hoach.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_pdf(), content_type="application/pdf")


def tiny_docx(extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal Word document (the parts a DOCX check looks for)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
        )
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="urn:w"><w:body/></w:document>')
        for name, body in (extra or {}).items():
            z.writestr(name, body)
    return out.getvalue()


def docx_upload(name: str = "ke-hoach.docx", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_docx(**kwargs))


def draft(world, *, launcher=None, targets=None, kind="regular", actor=None, **fields):
    """A draft movement (by default the commune's regular movement of 2025-2026 to school A alone)."""
    from thidua.movements import services
    from thidua.years.models import SchoolYear

    launcher = launcher or world.commune
    if targets is None:
        targets = [services.TargetSpec(world.school_a, include_subtree=False)]
    defaults = {"name": "Phong trào thi đua “Dạy tốt, học tốt” năm học 2025-2026", "phase_review_on": dt.date(2026, 1, 15),
                "final_review_on": dt.date(2026, 5, 25)}  # fmt: skip
    if kind == "regular":
        defaults["school_year"] = SchoolYear.objects.get(code=YEAR)
    else:
        defaults.update(period_start=dt.date(2025, 10, 1), period_end=dt.date(2026, 5, 31))
    defaults.update(fields)
    return services.movement_create(actor=actor or world.admin, launcher=launcher, kind=kind, targets=targets, **defaults)


def launched(world, **kwargs):
    from thidua.movements import services

    movement = draft(world, **kwargs)
    return services.movement_launch(actor=world.admin, movement=movement, launched_on=LAUNCH)


def response_of(movement, unit):
    return movement.responses.get(unit=unit)


def submitted_response(world, movement=None, **kwargs):
    """School A's response to a launched movement, submitted with a PDF plan."""
    from thidua.movements import services

    movement = movement or launched(world)
    response = response_of(movement, world.school_a)
    return services.response_submit(actor=world.officer_school_a, response=response, text="Kế hoạch số 12/KH-THCSYT",
                                    attachment=pdf_upload(), on=dt.date(2025, 9, 15), **kwargs)  # fmt: skip
