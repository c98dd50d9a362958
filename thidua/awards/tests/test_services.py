from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import make_person, make_unit
from tests.factories_awards import tiny_pdf
from thidua.audit.models import AuditEvent
from thidua.awards import selectors, services
from thidua.awards.models import Award, AwardKind, Decision, DecisionAmendment
from thidua.awards.services import AwardSpec
from thidua.core.errors import DomainError, PermissionDenied
from thidua.org import services as org_services
from thidua.people.models import Employment
from thidua.years.models import SchoolYear

SCAN = tiny_pdf()

D = dt.date
AUGUST_2026 = D(2026, 8, 15)


def _year(code: str) -> SchoolYear:
    return SchoolYear.objects.get(code=code)


def _state() -> tuple[int, int, int, int]:
    """What a refused write must leave untouched."""
    return Decision.objects.count(), Award.objects.count(), DecisionAmendment.objects.count(), AuditEvent.objects.count()


def _create(world, *, issuer=None, number="01/QĐ-UBND", day=AUGUST_2026, awards=None, actor=None, **kwargs) -> Decision:
    return services.decision_create(
        actor=actor or world.officer_dept,
        issuer=issuer or world.commune,
        number=number,
        decision_date=day,
        award_type=kwargs.pop("award_type", "annual"),
        awards=awards if awards is not None else [AwardSpec("LDTT", person=world.person_a, school_year=_year("2025-2026"))],
        **kwargs,
    )


# -- cash and regime -----------------------------------------------------------------------------------
def test_ldtt_decided_in_august_2026_pays_760_000_dong(world):
    decision = _create(world)

    award = decision.awards.get()
    assert (award.coefficient, award.base_salary, award.cash_amount) == (Decimal("0.3"), 2_530_000, 760_000)
    assert decision.regime.code == "law2022_nd152"


def test_cash_uses_the_base_salary_on_the_decision_date_not_the_achievement_year(world):
    # Achieved in 2022-2023 (base 1,490,000 then 1,800,000) but decided in August 2024: 0.3 × 2,340,000.
    decision = _create(
        world, issuer=world.dept, day=D(2024, 8, 1), awards=[AwardSpec("LDTT", person=world.person_a, school_year=_year("2022-2023"))]
    )

    award = decision.awards.get()
    assert (award.base_salary, award.cash_amount) == (2_340_000, 710_000)


def test_a_cash_amount_that_agrees_with_the_coefficient_is_accepted(world):
    decision = _create(world, awards=[AwardSpec("CSTDCS", person=world.person_a, cash_amount=2_530_000)])

    assert decision.awards.get().cash_amount == 2_530_000


def test_an_entry_without_a_coefficient_keeps_the_amount_entered_by_hand(world):
    decision = _create(world, issuer=world.school_a, awards=[AwardSpec("GK", person=world.person_a, cash_amount=500_000)])

    assert decision.awards.get().cash_amount == 500_000


@pytest.mark.parametrize(
    ("day", "regime"),
    [
        (D(2023, 12, 31), "law2013"),
        (D(2024, 1, 1), "law2022_nd98"),
        (D(2025, 6, 30), "law2022_nd98"),
        (D(2025, 7, 1), "law2022_nd152"),
    ],
)
def test_the_regime_is_chosen_by_the_decision_date(world, day, regime):
    decision = _create(world, issuer=world.dept, day=day, awards=[AwardSpec("LDTT", person=world.person_a)])

    assert decision.regime.code == regime
    assert decision.awards.get().kind.regime.code == regime


# -- authority -------------------------------------------------------------------------------------------
@pytest.fixture
def district_school(world):
    """A school under the district office until 30/06/2025, then under the commune (DOMAIN §2.2)."""
    school = make_unit(code="THCS-YY", name="Trường THCS Yên Yên", kind="school", parent=world.district, valid_from=D(2000, 1, 1))
    teacher = make_person(name="Vũ Thị Lan", unit=school)
    return school, teacher


def test_a_school_decides_ldtt_for_its_own_staff_as_a_legal_entity(world):
    """Issue 8 item 6: the catalogue says LĐTT is granted by the head of a unit with legal personality."""
    decision = _create(world, issuer=world.school_a, actor=world.officer_school_a)

    assert decision.awards.get().kind.code == "LDTT"


def test_a_team_has_no_legal_personality_and_cannot_decide_ldtt(world):
    before = _state()
    with pytest.raises(DomainError) as exc:
        _create(world, issuer=world.team_a, actor=world.officer_school_a)

    assert exc.value.code == "no_authority" and exc.value.field == "awards[0]"
    assert exc.value.message.startswith("Dòng 1: Tổ Khoa học tự nhiên (Tổ chuyên môn, tổ văn phòng) không có thẩm quyền quyết định")
    assert _state() == before


def test_a_school_cannot_record_the_ministers_bang_khen(world):
    with pytest.raises(DomainError) as exc:
        _create(world, issuer=world.school_a, actor=world.officer_school_a, awards=[AwardSpec("BK_BO_TINH", person=world.person_a)])

    assert exc.value.code == "no_authority" and "Bộ trưởng Bộ GD&ĐT" in exc.value.message


def test_the_department_files_the_provinces_bang_khen_and_the_ministry_the_ministers(world):
    spec = [AwardSpec("BK_BO_TINH", person=world.person_a)]
    by_province = _create(world, issuer=world.dept, actor=world.officer_dept, number="1/QĐ-UBND", awards=spec)
    by_minister = _create(world, issuer=world.ministry, actor=world.admin, number="2/QĐ-BGDĐT", awards=spec)

    assert by_province.awards.count() == by_minister.awards.count() == 1


def test_a_school_principal_may_award_a_giay_khen(world):
    decision = _create(world, issuer=world.school_a, actor=world.officer_school_a, awards=[AwardSpec("GK", person=world.person_a)])

    assert decision.awards.get().kind.code == "GK"


def test_a_commune_decides_ldtt_from_1_july_2025(world):
    decision = _create(world, day=D(2025, 7, 1), awards=[AwardSpec("LDTT", person=world.person_a)])

    assert decision.awards.count() == 1


def test_a_commune_could_not_decide_cstdcs_before_1_july_2025(world):
    with pytest.raises(DomainError) as exc:
        _create(world, day=D(2025, 6, 30), awards=[AwardSpec("CSTDCS", person=world.person_a)])

    assert exc.value.code == "no_authority"


def test_a_district_office_decided_ldtt_before_1_july_2025(world, district_school):
    school, teacher = district_school

    decision = _create(world, issuer=world.district, day=D(2024, 6, 20), awards=[AwardSpec("LDTT", person=teacher)])

    assert decision.awards.get().recipient_unit == school


def test_a_district_office_cannot_decide_ldtt_after_1_july_2025(world, district_school):
    _, teacher = district_school

    with pytest.raises(DomainError) as exc:
        _create(world, issuer=world.district, day=D(2025, 7, 2), awards=[AwardSpec("LDTT", person=teacher)])

    assert exc.value.code == "no_authority"


def test_a_district_decision_of_2024_stays_valid_for_a_school_moved_to_a_commune(world, district_school):
    # The school now hangs under the commune; in June 2024 it was under the district office.
    school, teacher = district_school
    org_services.unit_move(actor=world.admin, unit=school, new_parent=world.commune, effective_date=D(2025, 7, 1))

    decision = _create(world, issuer=world.district, day=D(2024, 6, 20), awards=[AwardSpec("LDTT", person=teacher)])

    assert decision.awards.count() == 1


def test_an_officer_without_write_access_to_the_issuer_is_refused(world):
    with pytest.raises(PermissionDenied):
        _create(world, issuer=world.commune, actor=world.officer_school_a)


# -- decision_create refuses, all or nothing -------------------------------------------------------------
def _bad_cases():
    def line(code, **kw):
        return lambda w: AwardSpec(code, **{k: (getattr(w, v) if isinstance(v, str) else v) for k, v in kw.items()})

    good = line("LDTT", person="person_a")
    yield "decision_before_period", {"period_start": D(2026, 9, 1), "day": D(2026, 8, 15)}, [good]
    yield "decision_before_period", {}, [good, lambda w: AwardSpec("LDTT", person=w.colleague_a, school_year=_year("2026-2027"))]
    yield "collective_kind_for_person", {}, [good, line("TTLDTT", person="colleague_a")]
    yield "individual_kind_for_unit", {}, [good, line("LDTT", unit="team_a")]
    yield "cash_mismatch", {}, [good, line("CSTDCS", person="colleague_a", cash_amount=2_500_000)]
    yield "duplicate_award", {}, [good, good]
    yield "recipient_outside_issuer", {}, [good, line("LDTT", person="person_c")]
    yield "recipient_outside_issuer", {}, [good, line("TTLDTT", unit="school_c")]
    yield "unknown_award_kind", {}, [good, line("KHONG_CO", person="colleague_a")]
    yield "invalid_recipient", {}, [good, line("LDTT")]
    yield "required", {}, []
    yield "required", {"number": "  "}, [good]
    yield "invalid_choice", {"award_type": "bonus"}, [good]
    yield "end_before_start", {"period_start": D(2026, 5, 1), "period_end": D(2026, 4, 1)}, [good]
    yield "decision_in_future", {"day": D(2027, 8, 15)}, [good]


@pytest.mark.parametrize(("code", "header", "lines"), list(_bad_cases()), ids=lambda v: v if isinstance(v, str) else None)
def test_decision_create_refuses_with_a_vietnamese_message_and_saves_nothing(world, code, header, lines):
    before = _state()

    with pytest.raises(DomainError) as exc:
        _create(world, awards=[make(world) for make in lines], **header)

    assert exc.value.code == code
    assert exc.value.message and exc.value.message.isascii() is False  # Vietnamese text, not a code
    assert _state() == before


def test_a_duplicate_decision_number_is_refused_and_saves_nothing(world):
    _create(world)
    before = _state()

    with pytest.raises(DomainError) as exc:
        _create(world, awards=[AwardSpec("LDTT", person=world.colleague_a)])

    assert exc.value.code == "duplicate_decision"
    assert _state() == before


def test_a_refused_decision_leaves_no_scan_file_behind(world, settings):
    scan = SimpleUploadedFile("qd.pdf", SCAN, content_type="application/pdf")

    with pytest.raises(DomainError):
        _create(world, scan=scan, awards=[AwardSpec("TTLDTT", person=world.person_a)])

    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_decision_create_stores_the_scan_and_is_audited(world):
    scan = SimpleUploadedFile("qd.pdf", SCAN, content_type="application/pdf")

    decision = _create(world, scan=scan)

    decision.refresh_from_db()
    assert decision.scan.name.startswith("decisions/") and decision.scan.read() == SCAN
    event = AuditEvent.objects.get(verb="decision.created")
    assert event.after["number"] == "01/QĐ-UBND" and event.after["scan"] == decision.scan.name
    assert event.after["awards"] == [
        {"kind": "LDTT", "person": world.person_a.pk, "unit": None, "school_year": _year("2025-2026").pk, "cash_amount": 760_000}
    ]


def test_a_fake_pdf_scan_is_refused_and_saves_nothing(world):
    before = _state()
    scan = SimpleUploadedFile("qd.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")

    with pytest.raises(DomainError) as exc:
        _create(world, scan=scan)

    assert exc.value.code == "invalid_file_type"
    assert _state() == before


def test_a_collective_title_goes_to_a_unit_with_its_cash(world):
    decision = _create(world, awards=[AwardSpec("TTLDTT", unit=world.team_a)])

    award = decision.awards.get()
    assert (award.unit, award.recipient_unit, award.cash_amount) == (world.team_a, world.team_a, 2_030_000)  # 0.8 × 2,530,000 = 2,024,000


# -- amendments -------------------------------------------------------------------------------------------
@pytest.fixture
def decision(world):
    return _create(
        world,
        awards=[AwardSpec("LDTT", person=world.person_a), AwardSpec("LDTT", person=world.colleague_a)],
        signer_name="Nguyễn Văn Chủ",
        school_year=_year("2025-2026"),
    )


def test_an_amendment_records_the_header_before_and_after(world, decision):
    amendment = services.decision_amend(
        actor=world.officer_dept,
        decision=decision,
        number="02/QĐ-UBND",
        amendment_date=D(2026, 9, 1),
        reason="Sai tên người ký",
        header={"signer_name": "Nguyễn Văn Ký"},
    )

    decision.refresh_from_db()
    assert decision.signer_name == "Nguyễn Văn Ký"
    assert amendment.changes["header"] == {"before": {"signer_name": "Nguyễn Văn Chủ"}, "after": {"signer_name": "Nguyễn Văn Ký"}}
    event = AuditEvent.objects.get(verb="decision.amended")
    assert event.before == {"signer_name": "Nguyễn Văn Chủ"}


def test_an_amendment_marks_removed_awards_revoked_with_the_reason(world, decision):
    wrong = decision.awards.get(person=world.colleague_a)

    services.decision_amend(
        actor=world.officer_dept,
        decision=decision,
        number="02/QĐ-UBND",
        amendment_date=D(2026, 9, 1),
        reason="Nhầm người",
        remove_awards=[wrong],
    )

    wrong.refresh_from_db()
    assert wrong.revoked and "02/QĐ-UBND" in wrong.revoked_reason and "Nhầm người" in wrong.revoked_reason
    assert list(selectors.award_search(actor=world.officer_dept, decision_number="01/QĐ")) == [decision.awards.get(person=world.person_a)]


def test_the_reason_stored_on_a_removed_award_is_vietnamese_whatever_the_writers_language(world, decision):
    from django.utils import translation

    wrong = decision.awards.get(person=world.colleague_a)
    with translation.override("en"):
        services.decision_amend(actor=world.officer_dept, decision=decision, number="02/QĐ-UBND", amendment_date=D(2026, 9, 1),
                                reason="Nhầm người", remove_awards=[wrong])  # fmt: skip
    wrong.refresh_from_db()
    assert wrong.revoked_reason == "Bỏ theo sửa đổi 02/QĐ-UBND: Nhầm người"


def test_an_amendment_adds_awards_after_the_same_checks(world, decision):
    services.decision_amend(
        actor=world.officer_dept,
        decision=decision,
        number="02/QĐ-UBND",
        amendment_date=D(2026, 9, 1),
        reason="Bổ sung",
        add_awards=[AwardSpec("TTLDTT", unit=world.team_a)],
    )

    assert decision.awards.filter(unit=world.team_a, cash_amount=2_030_000).exists()
    assert DecisionAmendment.objects.get().changes["added"][0]["unit"] == world.team_a.pk


def _amend(world, decision, **kwargs):
    defaults = {"number": "02/QĐ-UBND", "amendment_date": D(2026, 9, 1), "reason": "Sửa"}
    return services.decision_amend(actor=world.officer_dept, decision=decision, **{**defaults, **kwargs})


@pytest.mark.parametrize(
    ("code", "kwargs"),
    [
        ("collective_kind_for_person", lambda w: {"add_awards": [AwardSpec("TTLDTT", person=w.person_b)]}),
        ("duplicate_award", lambda w: {"add_awards": [AwardSpec("LDTT", person=w.person_a)]}),
        ("amendment_before_decision", lambda w: {"amendment_date": D(2026, 8, 1), "header": {"title": "x"}}),
        ("required", lambda w: {"reason": " ", "header": {"title": "x"}}),
        ("invalid_field", lambda w: {"header": {"number": "99"}}),
        ("invalid_choice", lambda w: {"header": {"award_type": "bonus"}}),
        ("decision_before_period", lambda w: {"header": {"period_start": D(2026, 9, 1)}}),
    ],
)
def test_a_refused_amendment_changes_nothing(world, decision, code, kwargs):
    before = (_state(), list(Award.objects.values_list("revoked", flat=True)), Decision.objects.get().award_type)

    with pytest.raises(DomainError) as exc:
        _amend(world, decision, remove_awards=[decision.awards.get(person=world.colleague_a)], **kwargs(world))

    assert exc.value.code == code
    assert (_state(), list(Award.objects.values_list("revoked", flat=True)), Decision.objects.get().award_type) == before


def test_an_amendment_that_changes_nothing_is_refused(world, decision):
    before = _state()

    with pytest.raises(DomainError) as exc:
        _amend(world, decision, header={})

    assert exc.value.code == "nothing_to_amend"
    assert _state() == before


def test_an_award_already_revoked_cannot_be_removed_again(world, decision):
    award = decision.awards.get(person=world.colleague_a)
    services.award_revoke(actor=world.officer_dept, award=award, reason="Hồ sơ giả")

    with pytest.raises(DomainError) as exc:
        _amend(world, decision, remove_awards=[award])

    assert exc.value.code == "award_revoked"
    award.refresh_from_db()
    assert award.revoked_reason == "Hồ sơ giả"


def test_a_revoked_decision_cannot_be_amended(world, decision):
    services.decision_revoke(actor=world.officer_dept, decision=decision, reason="Xét sai quy trình")

    with pytest.raises(DomainError) as exc:
        _amend(world, decision, header={"title": "x"})

    assert exc.value.code == "decision_revoked"


# -- revocation ----------------------------------------------------------------------------------------------
def test_a_revoked_decision_stops_counting_and_is_audited(world, decision):
    services.decision_revoke(actor=world.officer_dept, decision=decision, reason="Khai man thành tích")

    decision.refresh_from_db()
    assert (decision.status, decision.revoked_reason) == ("revoked", "Khai man thành tích") and decision.revoked_at
    assert not selectors.award_search(actor=world.officer_dept).exists()
    assert selectors.award_search(actor=world.officer_dept, include_revoked=True).count() == 2
    assert AuditEvent.objects.get(verb="decision.revoked").after == {"status": "revoked", "reason": "Khai man thành tích"}


def test_a_revoked_award_stops_counting_and_is_audited(world, decision):
    award = decision.awards.get(person=world.person_a)

    services.award_revoke(actor=world.officer_dept, award=award, reason="Hồ sơ giả mạo")

    assert list(selectors.award_search(actor=world.officer_dept)) == [decision.awards.get(person=world.colleague_a)]
    event = AuditEvent.objects.get(verb="award.revoked")
    assert (event.before, event.after) == ({"revoked": False}, {"revoked": True, "reason": "Hồ sơ giả mạo"})


@pytest.mark.parametrize("reason", ["", "   "])
def test_revoking_needs_a_reason(world, decision, reason):
    before = _state()

    with pytest.raises(DomainError) as exc_decision:
        services.decision_revoke(actor=world.officer_dept, decision=decision, reason=reason)
    with pytest.raises(DomainError) as exc_award:
        services.award_revoke(actor=world.officer_dept, award=decision.awards.first(), reason=reason)

    assert exc_decision.value.code == exc_award.value.code == "required"
    assert _state() == before


def test_a_decision_cannot_be_revoked_twice(world, decision):
    services.decision_revoke(actor=world.officer_dept, decision=decision, reason="Sai")

    with pytest.raises(DomainError) as exc:
        services.decision_revoke(actor=world.officer_dept, decision=decision, reason="Sai")

    assert exc.value.code == "decision_revoked"


def test_an_officer_of_a_school_cannot_revoke_a_commune_decision(world, decision):
    with pytest.raises(PermissionDenied):
        services.decision_revoke(actor=world.officer_school_a, decision=decision, reason="Sai")


# -- catalogue revisions -------------------------------------------------------------------------------------
def _kind(code: str, regime: str = "law2022_nd152") -> AwardKind:
    return AwardKind.objects.get(code=code, regime__code=regime, is_current=True)


def test_only_a_system_admin_may_revise_the_catalogue(world):
    with pytest.raises(PermissionDenied):
        services.award_kind_revise(actor=world.officer_dept, kind=_kind("GK"), coefficient=Decimal("0.3"))

    assert _kind("GK").coefficient is None and not AuditEvent.objects.exists()


def test_an_unused_entry_is_edited_in_place_and_audited(world):
    kind = _kind("GK")

    revised = services.award_kind_revise(actor=world.admin, kind=kind, coefficient=Decimal("0.3"), status="confirmed")

    assert (revised.pk, revised.version, revised.coefficient) == (kind.pk, 1, Decimal("0.3"))
    event = AuditEvent.objects.get(verb="award_kind.updated")
    assert event.before["coefficient"] is None and Decimal(event.after["coefficient"]) == Decimal("0.3")


def test_a_used_entry_gets_a_new_version_and_the_old_one_keeps_its_awards(world, decision):
    old = _kind("LDTT")

    new = services.award_kind_revise(actor=world.admin, kind=old, citation="Luật 2022 Điều 24.1 (sửa)")

    old.refresh_from_db()
    assert (new.version, new.supersedes, new.is_current, old.is_current) == (2, old, True, False)
    assert old.citation != new.citation and old.awards.count() == 2 and not new.awards.exists()
    assert selectors.kind_on("LDTT", D(2026, 8, 15)) == new
    assert AuditEvent.objects.filter(verb="award_kind.new_version", after__version=2).exists()


def test_an_old_version_cannot_be_revised(world, decision):
    old = _kind("LDTT")
    services.award_kind_revise(actor=world.admin, kind=old, citation="mới")
    before = AwardKind.objects.count()

    with pytest.raises(DomainError) as exc:
        services.award_kind_revise(actor=world.admin, kind=old, citation="lại")

    assert exc.value.code == "not_current_version"
    assert AwardKind.objects.count() == before


def test_a_revision_cannot_touch_the_identity_of_an_entry(world):
    with pytest.raises(DomainError) as exc:
        services.award_kind_revise(actor=world.admin, kind=_kind("GK"), subject="collective")

    assert exc.value.code == "invalid_field"


# -- the timeline --------------------------------------------------------------------------------------------
def test_the_timeline_of_a_teacher_who_moved_shows_both_schools(world):
    teacher = make_person(name="Hoàng Thị Thu", unit=world.school_a, start=D(2018, 9, 1), end=D(2025, 8, 31))
    Employment.objects.create(person=teacher, unit=world.school_b, staff_type="teacher", position="Giáo viên", start_date=D(2025, 9, 1))
    teacher.current_unit = world.school_b
    teacher.save(update_fields=["current_unit"])
    _create(world, issuer=world.dept, day=D(2025, 6, 20), number="10/QĐ-SGD", awards=[AwardSpec("LDTT", person=teacher)])
    _create(world, day=D(2026, 8, 15), awards=[AwardSpec("CSTDCS", person=teacher)])

    entries = selectors.person_timeline(actor=world.officer_school_b, person=teacher)

    assert [(e.kind, e.unit) for e in entries if e.kind in {"award", "employment"}] == [
        ("award", world.school_b.name),
        ("employment", world.school_b.name),
        ("award", world.school_a.name),
        ("employment", world.school_a.name),
    ]
