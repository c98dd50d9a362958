"""Every write route of the HTML site, posted with valid data, changes data and leaves an audit row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_unit
from tests.test_access import ROUTES, decision_of_school_a, import_batch_of_school_a
from thidua.audit.models import AuditEvent


def _cases(world):
    spare = make_unit(code="TH-SPARE", name="Trường Tiểu học Dự Bị", kind="school", parent=world.commune)
    empty = make_unit(code="TEAM-EMPTY", name="Tổ Văn phòng", kind="team", parent=world.school_a)
    person = world.colleague_a
    decision = decision_of_school_a(world)
    lines = {"lines-TOTAL_FORMS": "2", "lines-INITIAL_FORMS": "0"}
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thidua.imports.blank import template_bytes

    awards_file = SimpleUploadedFile("khen-thuong.xlsx", template_bytes("awards"))
    from tests.factories_movements import draft, launched
    from thidua.movements import services as movements

    def campaign(name, **kwargs):
        return draft(world, kind="campaign", name=name, **kwargs)

    to_launch, running = campaign("Thi đua chào mừng 20/11"), launched(world)
    reviewing = launched(world, kind="campaign", name="Thi đua học kỳ I")
    movements.movement_begin_review(actor=world.admin, movement=reviewing)
    pending = running.responses.get(unit=world.school_a)
    other = launched(world, kind="campaign", name="Thi đua chuyển đổi số", field="digital")
    submitted = movements.response_submit(actor=world.admin, response=other.responses.get(), text="Kế hoạch")
    third = launched(world, kind="campaign", name="Thi đua Xanh – Sạch – Đẹp")
    to_return = movements.response_submit(actor=world.admin, response=third.responses.get(), text="Kế hoạch")
    movement_cases = {
        "movements:create": (
            None,
            {"launcher": str(world.commune.pk), "kind": "campaign", "name": "Thi đua “Hai tốt”", "period_start": "01/10/2025",
             "period_end": "31/05/2026", "subjects": "both", "response_days": "10", "report_days": "5", "target_mode": "subtree"},
            "movement.created",
        ),
        "movements:edit": (
            campaign("Thi đua chào mừng 8/3").pk,
            {"name": "Thi đua chào mừng Ngày Quốc tế Phụ nữ 8/3", "period_start": "01/10/2025", "period_end": "31/05/2026",
             "subjects": "both", "response_days": "10", "report_days": "5", "target_mode": "subtree"},
            "movement.updated",
        ),
        "movements:launch": (to_launch.pk, {"launched_on": "08/09/2025"}, "movement.launched"),
        "movements:review": (running.pk, {}, "movement.review_started"),
        "movements:close": (reviewing.pk, {"note": "Tổng kết xong"}, "movement.closed"),
        "movements:cancel": (campaign("Thi đua bị hủy").pk, {"reason": "Trùng nội dung"}, "movement.cancelled"),
        "movements:respond": (pending.pk, {"text": "Kế hoạch số 12/KH-THCSYT"}, "movement_response.submitted"),
        "movements:report": (pending.pk, {"kind": "phase_review", "text": "Sơ kết học kỳ I"}, "movement.report_submitted"),
        "movements:acknowledge": (submitted.pk, {}, "movement_response.acknowledged"),
        "movements:return": (to_return.pk, {"reason": "Bổ sung chỉ tiêu"}, "movement_response.returned"),
    }  # fmt: skip
    return movement_cases | {
        "imports:new": (None, {"kind": "awards", "unit": world.school_a.code, "file": awards_file}, "import.created"),
        "imports:commit": (import_batch_of_school_a(world).pk, {}, "import.commit_requested"),
        "awards:decision_create": (
            world.school_a.pk,
            {
                "number": "20/QĐ-THCSYT",
                "decision_date": "28/05/2026",
                "award_type": "annual",
                "school_year": "2025-2026",
                **lines,
                "lines-0-kind_code": "GK",
                "lines-0-person": str(person.pk),
                "lines-1-kind_code": "GK_TT",
                "lines-1-unit": world.team_a.code,
            },
            "decision.created",
        ),
        "awards:decision_amend": (
            decision.pk,
            {
                "number": "21/QĐ-THCSYT",
                "amendment_date": "01/06/2026",
                "reason": "Bổ sung trích yếu",
                "title": "Trích yếu mới",
                "lines-TOTAL_FORMS": "0",
                "lines-INITIAL_FORMS": "0",
            },
            "decision.amended",
        ),
        "awards:decision_revoke": (decision.pk, {"reason": "Hồ sơ không trung thực"}, "decision.revoked"),
        "awards:award_revoke": (decision.awards.get().pk, {"reason": "Phát hiện sai sót"}, "award.revoked"),
        "awards:initiative_create": (
            world.school_a.pk,
            {
                "title": "Dạy học STEM lớp 8",
                "school_year": "2024-2025",
                "scope": "unit",
                "author_1": str(person.pk),
                "author_2": str(world.person_a.pk),
            },
            "initiative.recorded",
        ),
        "org:edit": (world.school_a.pk, {"name": "Trường THCS Yên Tiến mới", "address": "Yên Tiến"}, "unit.updated"),
        "org:create_child": (
            world.school_a.pk,
            {"code": "THCS-YT-XH", "name": "Tổ Xã hội", "kind": "team", "valid_from": "01/09/2024"},
            "unit.created",
        ),
        "org:move": (spare.pk, {"new_parent": world.dept.code, "effective_date": "01/09/2025"}, "unit.moved"),
        "org:merge": (
            world.school_b.pk,
            {"sources": spare.code, "target": world.school_b.code, "effective_date": "01/09/2025"},
            "unit.merged",
        ),
        "org:close": (empty.pk, {"effective_date": "01/09/2025"}, "unit.closed"),
        "people:create": (
            world.school_a.pk,
            {"full_name": "Đỗ Thu Hà", "gender": "female", "ethnicity": "Kinh", "staff_type": "teacher", "start_date": "01/09/2024"},
            "person.created",
        ),
        "people:edit": (person.pk, {"full_name": "Trần Văn Đức", "gender": "male", "ethnicity": "Tày"}, "person.updated"),
        "people:employment_add": (
            person.pk,
            {"unit": world.school_a.code, "staff_type": "teacher", "start_date": "01/02/2015", "end_date": "31/08/2016"},
            "employment.added",
        ),
        "people:transfer": (person.pk, {"to_unit": world.team_a.code, "effective_date": "01/09/2024"}, "employment.added"),
        "people:rating_add": (person.pk, {"school_year": "2023-2024", "rating": "excellent"}, "rating.set"),
        "people:discipline_add": (person.pk, {"form": "reprimand", "status": "in_effect", "start_date": "01/03/2024"}, "discipline.added"),
        "people:leave_add": (person.pk, {"kind": "maternity", "start_date": "01/03/2024", "end_date": "31/08/2024"}, "leave.added"),
        "rules:confirm": (person.pk, {"fact_ldtt_qualities": "yes", "basis": "Biên bản họp Hội đồng TĐKT"}, "eligibility.confirmed"),
        "rules:ballot": (
            person.pk,
            {
                "code": "CSTDCS",
                "total_members": "15",
                "in_favour": "12",
                "in_favour_written": "1",
                "session_date": timezone.localdate().strftime("%d/%m/%Y"),
                "basis": "Biên bản kiểm phiếu số 06/BB-HĐTĐKT",
            },
            "eligibility.ballot_recorded",
        ),
        "notifications:preferences": (None, {"email_enabled": "on"}, "notification_preference.set"),
        "years:holiday_new": (None, {"date": "31/12/2026", "kind": "day_off", "name": "Nghỉ cuối năm"}, "holiday.set"),
        "years:holiday_confirm": (None, {"year": "2027", "basis": "Thông báo 01/TB"}, "holiday.confirmed"),
        **_scoring_cases(world),
        **_nomination_cases(world),
        **_dossier_cases(world),
        **_council_cases(world),
        **_registration_cases(world),
        **_disclosure_cases(world),
        **_initiative_cases(world),
        "rules:unit_confirm": (
            world.school_a.pk,
            {"fact": "ldtt_qualities", "value": "yes", "basis": "Biên bản họp Hội đồng TĐKT", "people": [str(person.pk)]},
            "eligibility.confirmed",
        ),
    }


def _scoring_cases(world) -> dict:
    """Each scoring write needs its own state (a draft, a submitted sheet, a published round): built on demand."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories_awards import tiny_pdf
    from thidua.scoring import publishing, services
    from thidua.scoring.tests.factories import FULL, make_scoring, self_score

    def scoring():
        return make_scoring(world)

    def submitted():
        s = scoring()
        self_score(world.officer_school_a, s.submission(world.school_a))
        return s, s.submission(world.school_a)

    def self_form():
        s = scoring()
        data = {f"c_{code}": value for code, value in FULL.items()}
        data |= {"ev-criterion": "I.1", "ev-file": SimpleUploadedFile("mc.pdf", tiny_pdf(), content_type="application/pdf")}
        return s.submission(world.school_a).pk, data, "scoring.scored"

    def review():
        _s, a = submitted()
        return a.pk, {"c_I.2": "6", "r_I.2": "Thiếu biên bản họp"}, "scoring.scored"

    def peer():
        s, a = submitted()
        return a.pk, {"as_unit": str(s.school_d.pk), "c_I.1": "7"}, "scoring.scored"

    def return_():
        _s, a = submitted()
        return a.pk, {"criteria": ["I.1"], "reason": "Minh chứng chưa rõ"}, "scoring.returned"

    def approved():
        s, a = submitted()
        a.refresh_from_db()
        services.submission_approve(actor=world.admin, submission=a)
        return s

    def publish():
        return approved().round.pk, {"decision_number": "12/QĐ-UBND"}, "scoring.published"

    def correct():
        s = approved()
        publishing.round_publish(actor=world.admin, scoring_round=s.round)
        return s.round.pk, {"reason": "Sai sót khi cộng điểm"}, "scoring.corrected"

    def covenant():
        s = scoring()
        data = {
            "title": "Giao ước thi đua",
            "text": "Thi đua dạy tốt, học tốt",
            "signed_on": "20/09/2025",
            f"head_{world.school_a.pk}": "Nguyễn Văn An",
        }
        return (s.cluster.pk, data, "covenant.created"), "?year=2025-2026"

    from thidua.scoring import sheets
    from thidua.scoring.tests.factories import make_sheet

    year = "?year=2025-2026"

    def draft_sheet(**criterion):
        sheet = sheets.sheet_create(actor=world.admin, organiser=world.commune, name="Bảng tiêu chí dự thảo")
        if criterion:
            sheets.criterion_add(actor=world.admin, sheet=sheet, **criterion)
        return sheet

    def members():
        s = scoring()
        units = {"member_1": str(s.school_d.pk), "member_2": str(world.school_a.pk), "member_3": str(s.school_e.pk)}
        return (s.cluster.pk, units, "cluster.members_set"), year

    def leader():
        s = scoring()
        return (s.cluster.pk, {"leader": str(s.school_d.pk), "deputy": str(s.school_e.pk)}, "cluster.leader_set"), year

    def criterion():
        data = {"code": "I", "text": "Công tác chuyên môn", "kind": "score", "max_points": "10", "min_points": "0", "step": "0,5"}
        return draft_sheet().pk, data | {"evidence": "required", "auto_source": ""}, "scoring.sheet_changed"

    def sheet_publish():
        return draft_sheet(code="I", text="Chất lượng dạy học", max_points=10).pk, {}, "scoring.sheet_published"

    def round_open():
        s = scoring()
        other = make_sheet(world.admin, world.commune, name="Bảng tiêu chí học kỳ")
        data = {"sheet": str(other.pk), "opens": "04/05/2026", "self_days": "15", "tiers": ["self", "peer", "organiser"]}
        return (s.cluster.pk, data, "scoring.round_opened"), year

    def peers():
        s = scoring()
        return s.round.pk, {f"scorer_{s.school_e.pk}": [str(s.school_d.pk)]}, "scoring.peers_assigned"

    def peer_remove():
        s = scoring()
        return s.round.peer_assignments.get(scorer=s.school_e).pk, {}, "scoring.peer_removed"

    return {
        "org:cluster_create": (
            None,
            {
                "organiser": str(world.commune.pk),
                "kind": "bloc",
                "name": "Khối thi đua các trường mầm non",
                "valid_from": "01/09/2025",
                "leaders_per_year": "1",
                "feeds_flag": "on",
            },
            "cluster.created",
        ),
        "org:cluster_members": members,
        "org:cluster_leader": leader,
        "scoring:sheet_create": (
            None,
            {"organiser": str(world.commune.pk), "name": "Bảng tiêu chí cụm mầm non", "bonus_cap": "2", "decimals": "2"},
            "scoring.sheet_created",
        ),
        "scoring:criterion_add": criterion,
        "scoring:band_add": lambda: (draft_sheet().pk, {"label": "Xuất sắc", "minimum": "25"}, "scoring.sheet_changed"),
        "scoring:sheet_publish": sheet_publish,
        "scoring:round_open": round_open,
        "scoring:peers": peers,
        "scoring:peer_remove": peer_remove,
        "scoring:self_score": self_form,
        "scoring:review": review,
        "scoring:peer": peer,
        "scoring:return": return_,
        "scoring:publish": publish,
        "scoring:correct": correct,
        "scoring:covenant_create": covenant,
    }


def _nomination_cases(world) -> dict:
    """School A's open round with teacher_a's line, and draft rounds to open and cancel: built on demand."""
    from tests.factories_nominations import line_of_teacher_a, round_of_school_a, year
    from thidua.nominations import services

    def draft():
        return services.round_create(actor=world.admin, unit=world.school_a, school_year=year(), kind="semester")

    def suggestions():
        return round_of_school_a(world).pk, {"picks": [f"p{world.colleague_a.pk}:LDTT"]}, "nomination_lines.proposed"

    def line_add():
        data = {"person": str(world.colleague_a.pk), "kind_code": "GK", "reason": "Thành tích đột xuất"}
        return round_of_school_a(world).pk, data, "nomination_line.added"

    def from_registrations():
        from thidua.registrations import services as registrations
        from thidua.registrations.tests.factories import register

        registrations.registration_approve(actor=world.head_a, registration=register(world, person=world.colleague_a, codes=("CSTDCS",)))
        return round_of_school_a(world).pk, {}, "nomination_lines.proposed"

    def agenda():
        from thidua.councils.tests.factories import make_council, open_session

        line = line_of_teacher_a(world)
        session = open_session(world, make_council(world, size=3))
        return line.round_id, {"session": str(session.pk)}, "ballot_item.added"

    return {
        "nominations:from_registrations": from_registrations,
        "nominations:agenda": agenda,
        "nominations:round_create": (world.school_a.pk, {"school_year": "2025-2026", "kind": "semester"}, "review_round.created"),
        "nominations:suggestions": suggestions,
        "nominations:line_add": line_add,
        "nominations:round_open": lambda: (draft().pk, {}, "review_round.opened"),
        "nominations:round_close": lambda: (round_of_school_a(world).pk, {"note": "Đã bình xét xong"}, "review_round.closed"),
        "nominations:round_cancel": lambda: (draft().pk, {"reason": "Lập nhầm"}, "review_round.cancelled"),
        "nominations:line_withdraw": lambda: (line_of_teacher_a(world).pk, {"reason": "Chuyển công tác"}, "nomination_line.withdrawn"),
        "nominations:line_comment": lambda: (line_of_teacher_a(world).pk, {"text": "Cần bổ sung minh chứng"}, "nomination_line.commented"),
    }


def _dossier_cases(world) -> dict:
    """School A's dossier to the commune in the state each step needs (tests/factories_dossiers.py); the sender's
    steps by school A's officer, the receiver's by the Sở's (above the commune)."""
    from django.utils import timezone

    from tests.factories_dossiers import dossier_of_school_a, line_of_teacher_a, passed_line
    from tests.factories_nominations import round_of_school_a
    from thidua.dossiers import services

    school, dept = world.officer_school_a, world.officer_dept

    def at(status, *, both=True):
        d = dossier_of_school_a(world, submitted=status != "draft", both=both)
        if status in ("received", "checking", "returnable", "returned"):
            services.dossier_receive(actor=dept, dossier=d)
        if status in ("checking", "returnable", "returned"):
            services.dossier_check(actor=dept, dossier=d)
        if status in ("returnable", "returned"):
            services.line_return(actor=dept, dline=d.lines.order_by("id").first(), reason="Thiếu biên bản", field="minutes")
        if status == "returned":
            services.dossier_return(actor=dept, dossier=d)
        return d

    def create():
        passed_line(world, line_of_teacher_a(world))
        return round_of_school_a(world).pk, {"receiver": str(world.commune.pk)}, "dossier.created", school

    def resubmit():
        d = at("returned")
        services.line_answer(actor=school, dline=d.lines.get(mark="returned"), answer="Đã bổ sung biên bản")
        return d.pk, {}, "dossier.resubmitted", school

    def forward():
        d = at("checking")
        for dline in d.lines.all():
            services.line_accept(actor=dept, dline=dline)
        return d.pk, {}, "dossier_lines.forwarded"

    def decide():
        d = at("checking", both=False)
        services.line_accept(actor=dept, dline=d.lines.get())
        return d.pk, {"number": "45/QĐ-UBND", "decision_date": timezone.localdate().strftime("%d/%m/%Y")}, "dossier.decided"

    return {
        "dossiers:create": create,
        "dossiers:submit": lambda: (at("draft").pk, {}, "dossier.submitted", school),
        "dossiers:recall": lambda: (at("submitted").pk, {"note": "Bổ sung hồ sơ"}, "dossier.recalled", school),
        "dossiers:resubmit": resubmit,
        "dossiers:receive": lambda: (at("submitted").pk, {}, "dossier.received"),
        "dossiers:check": lambda: (at("received").pk, {}, "dossier.checking"),
        "dossiers:return": lambda: (at("returnable").pk, {}, "dossier.returned"),
        "dossiers:forward": forward,
        "dossiers:decide": decide,
        "dossiers:line_check": lambda: (at("checking").lines.order_by("id").first().pk, {"verdict": "accept"}, "dossier_line.accepted"),
        "dossiers:line_answer": lambda: (
            at("returned").lines.get(mark="returned").pk,
            {"answer": "Đã bổ sung"},
            "dossier_line.answered",
            school,
        ),
    }


def _council_cases(world) -> dict:
    """Each council write on a council of school A in the state it needs (thidua/councils/tests/factories.py)."""
    from thidua.councils import ballots, services
    from thidua.councils.tests.factories import make_council, open_session, pdf

    def create():
        data = {"school_year": "2025-2026", "decision_number": "05/QĐ-THCSYT", "decision_date": "08/09/2025", "decision_scan": pdf(),
                "odd_required": "on"}  # fmt: skip
        return world.school_a.pk, data, "council.created"

    def member_add():
        board = make_council(world, size=1, activate=False)
        return board.council.pk, {"person": str(world.colleague_a.pk), "role": "member", "votes": "on"}, "council.member_added"

    def activate():
        return make_council(world, size=3, activate=False).council.pk, {}, "council.activated"

    def session_create():
        return make_council(world, size=3).council.pk, {"held_on": "20/05/2026", "mode": "electronic"}, "council_session.created"

    def scheduled():
        board = make_council(world, size=3)
        return board, services.session_create(actor=world.admin, council=board.council, held_on=dt.date(2026, 5, 20))

    def attendance():
        board, session = scheduled()
        return session.pk, {f"m{m.pk}": "present" for m in board.members}, "council_session.attendance_set"

    def open_():
        board, session = scheduled()
        for m in board.members:
            services.attendance_set(actor=world.admin, session=session, member=m, status="present")
        return session.pk, {}, "council_session.opened"

    def opened(**kwargs):
        board = make_council(world, size=3)
        return board, open_session(world, board, **kwargs)

    def item(board, session):
        return services.item_add(actor=world.admin, session=session, kind_code="LDTT", person=world.colleague_a)

    def close():
        return opened()[1].pk, {}, "council_session.closed"

    def item_add():
        data = {"person": str(world.colleague_a.pk), "kind_code": "LDTT", "label": "Đề nghị của tổ chuyên môn"}
        return opened()[1].pk, data, "ballot_item.added"

    def written():
        board, session = opened(written=1)
        data = {"member": str(board.members[-1].pk), f"i{item(board, session).pk}": "agree", "scan": pdf()}
        return session.pk, data, "ballot.written_entered"

    def written_confirm():
        board, session = opened(written=1)
        vote = ballots.written_vote_enter(actor=world.admin, session=session, member=board.members[-1],
                                          choices={item(board, session).pk: "agree"}, scan=pdf())  # fmt: skip
        return vote.pk, {}, "ballot.written_confirmed", board.users[0]  # the chair confirms

    def paper():
        board, session = opened(mode="paper")
        data = {"issued": "3", "returned": "3", "valid": "3", "invalid": "0", "o_agree": "3", "o_disagree": "0", "scan": pdf()}
        return item(board, session).pk, data, "ballot.paper_counted"

    def tally():
        board, session = opened()
        return item(board, session).pk, {}, "ballot_item.tallied"

    return {
        "councils:create": create,
        "councils:member_add": member_add,
        "councils:activate": activate,
        "councils:session_create": session_create,
        "councils:attendance": attendance,
        "councils:open": open_,
        "councils:close": close,
        "councils:item_add": item_add,
        "councils:written": written,
        "councils:written_confirm": written_confirm,
        "councils:paper": paper,
        "councils:tally": tally,
    }


def _registration_cases(world) -> dict:
    """Registrations in the Sở's movement of the current year (its window open today), built on demand."""
    from tests.factories import make_person
    from thidua.registrations import services
    from thidua.registrations.forms import kinds_in_force
    from thidua.registrations.tests.factories import current_movement

    def kind(code):
        return str(kinds_in_force("individual").get(code=code).pk)

    def submitted(name):
        person = make_person(name=name, unit=world.school_a)
        return services.registration_create(
            actor=world.officer_school_a, movement=current_movement(world), person=person, kind_codes=["LDTT"]
        )

    def register_for():
        data = {
            "movement": str(current_movement(world).pk),
            "person": str(world.colleague_a.pk),
            "kinds": [kind("CSTDCS")],
            "free": "Dạy tốt",
        }
        return world.school_a.pk, data, "registration.created"

    def approve():
        return submitted("Vũ Thị Lan").pk, {}, "registration.approved"

    def return_():
        return submitted("Hoàng Văn Nam").pk, {"reason": "Cam kết chưa cụ thể"}, "registration.returned"

    def edit():
        reg = services.registration_return(actor=world.head_a, registration=submitted("Đinh Thị Mai"), reason="Bổ sung cam kết")
        return reg.pk, {"kinds": [kind("LDTT")], "free": "Có hai tiết dạy tốt mỗi học kỳ"}, "registration.submitted"

    def amend():
        reg = services.registration_approve(actor=world.head_a, registration=submitted("Lý Thị Hạnh"))
        data = {"kinds": [kind("CSTDCS")], "free": "Có sáng kiến cấp cơ sở", "reason": "Đăng ký thêm danh hiệu cao hơn"}
        return reg.pk, data, "registration.amended"

    def retire():
        from tests.test_access import commitment_option_of_school_a

        return commitment_option_of_school_a(world).pk, {}, "commitment_option.retired"

    def list_send():
        reg = services.registration_approve(actor=world.head_a, registration=submitted("Trịnh Thị Thu"))
        return world.school_a.pk, {"movement": str(reg.movement_id)}, "registration_list.sent"

    return {"registrations:register_for": register_for, "registrations:approve": approve, "registrations:return": return_,
            "registrations:edit": edit, "registrations:amend": amend, "registrations:commitment_retire": retire,
            "registrations:list_send": list_send}  # fmt: skip


def _disclosure_cases(world) -> dict:
    """School A's round disclosed and an objection of teacher_a to answer (tests/factories_disclosures.py)."""
    from tests.factories_disclosures import disclosure_of_school_a, objection_of_teacher_a
    from tests.factories_nominations import line_of_teacher_a

    return {
        "disclosures:publish": lambda: (line_of_teacher_a(world).round_id, {"days": "5", "public": "on"}, "disclosure.published"),
        "disclosures:remark": lambda: (
            disclosure_of_school_a(world).pk,
            {"kind": "comment", "text": "Danh sách hợp lý"},
            "disclosure.commented",
        ),
        "disclosures:answer": lambda: (
            objection_of_teacher_a(world).pk,
            {"answer": "Đã kiểm tra minh chứng"},
            "disclosure.objection_answered",
        ),
        "disclosures:bundle_start": lambda: (line_of_teacher_a(world).round_id, {}, "paper_bundle.requested"),
    }


def _initiative_cases(world) -> dict:
    """School A's initiatives (thidua/initiatives/tests/factories.py), built on demand."""
    from thidua.initiatives.tests import factories as f

    def year():
        return str(f.year().pk)

    def new_for():
        f.council(world)  # the criteria sheet
        data = {"title": "Dạy học Toán qua trò chơi", "school_year": year(), "field": "Toán", "summary": "Trò chơi học tập mỗi tiết",
                "solution": "Mỗi tiết một trò chơi năm phút", "applied_from": "05/09/2025", "author_1": str(world.colleague_a.pk),
                "share_1": "100", "submit_now": "on"}  # fmt: skip
        return world.school_a.pk, data, "initiative.created"

    def council_new():
        return (
            world.school_a.pk,
            {"school_year": year(), "chair": str(world.colleague_a.pk), "pass_mark": "50"},
            "initiative_council.created",
        )

    def ruling():
        earlier = f.recognised(world)
        later = f.in_review(world, **f.PARAPHRASE)
        return (
            later.pk,
            {"candidate": str(earlier.pk), "disposition": "not_duplicate", "note": "Khác cách đánh giá"},
            "initiative.similarity_ruled",
        )

    recognise = {"scope": "unit", "body": str(world.school_a.pk), "decision_number": "25/QĐ-THCSYT", "decision_date": "20/05/2026"}
    return {
        "initiatives:new_for": new_for,
        "initiatives:council_new": council_new,
        "initiatives:submit": lambda: (f.draft(world).pk, {}, "initiative.submitted"),
        "initiatives:withdraw": lambda: (f.draft(world).pk, {}, "initiative.withdrawn"),
        "initiatives:review": lambda: (f.council(world) and f.draft(world, submit=True).pk, {}, "initiative.put_to_council"),
        "initiatives:recognise": lambda: (f.scored(world).pk, recognise, "initiative.recognised"),
        "initiatives:reject": lambda: (f.in_review(world).pk, {"reason": "Chưa có kết quả áp dụng"}, "initiative.not_recognised"),
        "initiatives:forward": lambda: (f.recognised(world).pk, {}, "initiative.forwarded"),
        "initiatives:ruling": ruling,
    }


WRITE_ROUTES = sorted(name for name, (_, writes) in ROUTES.items() if writes)
# The shared calendar is changed by system admins only; every other write route is posted as the department's officer.
ADMIN_ROUTES = {"years:holiday_new", "years:holiday_confirm"}


@pytest.mark.parametrize("name", WRITE_ROUTES)
def test_write_route_saves_through_a_service_and_audits(client, world, name):
    cases = _cases(world)
    assert set(cases) == set(WRITE_ROUTES)
    case, query = cases[name], ""
    if callable(case):  # built on demand: the state it needs
        case = case()
        if isinstance(case[1], str):
            case, query = case
    pk, data, verb, *who = case  # a fourth element names the actor (a council's chair confirms what only a chair confirms)
    key = "unit_pk" if name == "people:create" else "pk"
    actor = who[0] if who else world.admin if name in ADMIN_ROUTES else world.officer_dept
    if name in ADMIN_ROUTES:
        from thidua.years import holidays_vn
        from thidua.years.models import Holiday

        holidays_vn.load(Holiday)
    client.force_login(actor)
    before = AuditEvent.objects.filter(verb=verb).count()
    response = client.post(reverse(name, kwargs={key: pk} if pk is not None else None) + query, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.filter(verb=verb).latest("id")
    assert AuditEvent.objects.filter(verb=verb).count() > before
    assert event.actor == actor and event.request_id
