"""Award decisions for arranging tests: rows written directly (no audit, no checks); tests of behaviour
call ``thidua.awards.services``."""

from __future__ import annotations

import datetime as dt

from thidua.awards import selectors
from thidua.awards.models import Award, Decision
from thidua.awards.money import cash_amount
from thidua.years.models import SchoolYear


def make_decision(
    *,
    issuer,
    number: str,
    day: dt.date = dt.date(2025, 8, 20),
    awards: list[tuple[str, object]] = (),
    school_year: str = "2024-2025",
    award_type: str = "annual",
) -> Decision:
    """``awards`` holds (catalogue code, Person or OrgUnit) pairs."""
    year = SchoolYear.objects.get(code=school_year)
    decision = Decision.objects.create(
        number=number, decision_date=day, issuer=issuer, award_type=award_type, school_year=year, regime=selectors.regime_on(day)
    )
    base = selectors.base_salary_on(day)
    for code, recipient in awards:
        kind = selectors.kind_on(code, day)
        is_person = hasattr(recipient, "full_name")
        Award.objects.create(
            decision=decision,
            kind=kind,
            person=recipient if is_person else None,
            unit=None if is_person else recipient,
            recipient_unit=recipient.current_unit if is_person else recipient,
            school_year=year,
            coefficient=kind.coefficient,
            base_salary=base.amount,
            cash_amount=cash_amount(kind.coefficient, base.amount) if kind.coefficient is not None else None,
        )
    return decision


def tiny_pdf(pages: int = 1) -> bytes:
    """A real, readable PDF of blank pages (a scan must open in a PDF parser to be accepted)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def tiny_image(fmt: str = "PNG", size: tuple[int, int] = (8, 8)) -> bytes:
    """A real, readable PNG or JPEG."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (255, 255, 255)).save(out, format=fmt)
    return out.getvalue()
