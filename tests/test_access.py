"""Walk every URL pattern of the HTML site with every persona.

A new URL pattern fails ``test_every_url_pattern_is_classified`` until it is added to ``ROUTES`` with the
kind of object it shows, so no page can skip the access check. The API has its own walk over the
OpenAPI schema (thidua/api/tests).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# name -> (object kind, writes?)   object kind: "person", "unit", "decision" (issued by school A), "award" (in
# that decision), or None for pages without an object.
ROUTES: dict[str, tuple[str | None, bool]] = {
    "home": (None, False),
    "accounts:tokens": (None, False),
    "org:tree": (None, False),
    "org:detail": ("unit", False),
    "org:children": ("unit", False),
    "org:edit": ("unit", True),
    "org:create_child": ("unit", True),
    "org:move": ("unit", True),
    "org:merge": ("unit", True),
    "org:close": ("unit", True),
    "people:list": (None, False),
    "people:me": (None, False),
    "people:create": ("unit", True),
    "people:detail": ("person", False),
    "people:edit": ("person", True),
    "people:employment_add": ("person", True),
    "people:transfer": ("person", True),
    "people:rating_add": ("person", True),
    "people:discipline_add": ("person", True),
    "people:leave_add": ("person", True),
    "audit:log": (None, False),
    "imports:list": (None, False),
    "imports:new": (None, True),
    "imports:template": (None, False),
    "imports:detail": ("import", False),
    "imports:commit": ("import", True),
    "awards:catalogue": (None, False),
    "awards:decisions": (None, False),
    "awards:decision_detail": ("decision", False),
    "awards:decision_scan": ("decision", False),
    "documents:decision_docx": ("decision", False),
    "documents:decision_pdf": ("decision", False),
    "awards:decision_amend": ("decision", True),
    "awards:decision_revoke": ("decision", True),
    "awards:award_revoke": ("award", True),
    "awards:decision_create": ("unit", True),
    "awards:initiative_create": ("unit", True),
    "awards:unit_book": ("unit", False),
    "awards:ledger": (None, False),
    "awards:person_ledger": ("person", False),
    "awards:search": (None, False),
    "awards:line_cash": (None, False),
    "pick:people": (None, False),
    "pick:units": (None, False),
    "rules:index": (None, False),
    "rules:unit": ("unit", False),
    "rules:reasons": ("unit", False),
    "rules:unit_confirm": ("unit", True),
    "rules:confirm": ("person", True),
    "rules:ballot": ("person", True),
    "notifications:inbox": (None, False),
    "notifications:preferences": (None, True),
    "years:calendar": (None, False),
    "years:holiday_new": (None, True),
    "years:holiday_confirm": (None, True),
    "movements:list": (None, False),
    "movements:create": (None, True),
    "movements:detail": ("movement", False),
    "movements:edit": ("movement_draft", True),
    "movements:launch": ("movement", True),
    "movements:review": ("movement", True),
    "movements:close": ("movement", True),
    "movements:cancel": ("movement", True),
    "movements:awards": ("movement", False),
    "movements:document": ("movement", False),
    "movements:respond": ("response", True),
    "movements:report": ("response", True),
    "movements:response_attachment": ("response", False),
    "movements:acknowledge": ("response_review", True),
    "movements:return": ("response_review", True),
    "movements:report_attachment": ("report", False),
    "org:clusters": (None, False),
    "org:cluster": ("cluster", False),
    "org:cluster_create": (None, True),
    "org:cluster_members": ("cluster", True),
    "org:cluster_leader": ("cluster", True),
    "scoring:sheets": (None, False),
    "scoring:sheet_create": (None, True),
    "scoring:sheet": ("sheet", False),
    "scoring:criterion_add": ("sheet", True),
    "scoring:band_add": ("sheet", True),
    "scoring:sheet_publish": ("sheet", True),
    "scoring:round_open": ("cluster", True),
    "scoring:peers": ("round", True),
    "scoring:peer_remove": ("peer_assignment", True),
    "scoring:round": ("round", False),
    "scoring:publish": ("round", True),
    "scoring:correct": ("round", True),
    "scoring:submission": ("submission", False),
    "scoring:self_score": ("submission", True),
    "scoring:review": ("submission", True),
    "scoring:peer": ("submission", True),
    "scoring:return": ("submission", True),
    "scoring:evidence": ("evidence", False),
    "scoring:publication": ("publication", False),
    "scoring:covenant_create": ("cluster", True),
    "scoring:covenant": ("covenant", False),
    "scoring:covenant_scan": ("covenant", False),
    "nominations:rounds": (None, False),
    "nominations:mine": (None, False),
    "nominations:round_create": ("unit", True),
    "nominations:round": ("round_a", False),
    "nominations:suggestions": ("round_a", True),
    "nominations:line_add": ("round_a", True),
    "nominations:from_registrations": ("round_a", True),
    "nominations:agenda": ("round_a", True),
    "nominations:round_open": ("round_a", True),
    "nominations:round_close": ("round_a", True),
    "nominations:round_cancel": ("round_a", True),
    "nominations:line": ("line", False),
    "nominations:line_withdraw": ("line", True),
    "nominations:line_comment": ("line", True),
    "dossiers:queue": (None, False),
    "dossiers:create": ("round_a", True),
    "dossiers:detail": ("dossier", False),
    "dossiers:submit": ("dossier", True),
    "dossiers:recall": ("dossier", True),
    "dossiers:resubmit": ("dossier", True),
    "dossiers:receive": ("dossier", True),
    "dossiers:check": ("dossier", True),
    "dossiers:return": ("dossier", True),
    "dossiers:forward": ("dossier", True),
    "dossiers:decide": ("dossier", True),
    "dossiers:line_check": ("dossier_line", True),
    "dossiers:line_answer": ("dossier_line", True),
    "councils:list": (None, False),
    "councils:create": ("unit", True),
    "councils:detail": ("council", False),
    "councils:scan": ("council", False),
    "councils:member_add": ("council", True),
    "councils:activate": ("council", True),
    "councils:session_create": ("council", True),
    "councils:session": ("council_session", False),
    "councils:attendance": ("council_session", True),
    "councils:open": ("council_session", True),
    "councils:close": ("council_session", True),
    "councils:item_add": ("council_session", True),
    "councils:vote": ("council_session", False),  # open to readers; only members find a ballot on it
    "councils:written": ("council_session", True),
    "councils:written_confirm": ("written_vote", True),
    "councils:written_scan": ("written_vote", False),
    "councils:paper": ("ballot_item", True),
    "councils:tally": ("ballot_item", True),
    **{
        f"documents:session_{k}_{f}": ("council_session", False) for k in ("ballot_paper", "minutes", "vote_count") for f in ("docx", "pdf")
    },
    "registrations:mine": (None, False),
    "registrations:detail": ("registration", False),
    "registrations:edit": ("registration", True),
    "registrations:amend": ("registration", True),
    "registrations:commitments": ("unit", False),
    "registrations:commitment_retire": ("commitment_option", True),
    "registrations:list_send": ("unit", True),
    "registrations:lists_sent": ("unit", False),
    "registrations:sent_docx": ("registration_list_sent", False),
    "registrations:sent_pdf": ("registration_list_sent", False),
    "registrations:approve": ("registration_review", True),
    "registrations:return": ("registration_review", True),
    "registrations:unit_list": ("unit", False),
    "registrations:register_for": ("unit", True),
    "registrations:unit_export": ("unit", False),
    "registrations:unit_docx": ("unit", False),
    "registrations:unit_pdf": ("unit", False),
    "disclosures:list": (None, False),
    "disclosures:detail": ("disclosure", False),
    "disclosures:remark": ("disclosure", True),
    "disclosures:answer": ("remark", True),
    "disclosures:publish": ("round_a", True),
    "disclosures:papers": ("round_a", False),
    "disclosures:round_paper": ("round_a", False),
    "disclosures:line_report": ("line", False),
    "disclosures:bundle_start": ("round_a", True),
    "disclosures:bundle": ("bundle", False),
    "disclosures:bundle_file": ("bundle", False),
    "initiatives:list": (None, False),
    "initiatives:new": (None, False),
    "initiatives:new_for": ("unit", True),
    "initiatives:council_new": ("unit", True),
    "initiatives:detail": ("initiative", False),
    "initiatives:score": ("initiative", False),  # open to readers; only the council's members find the sheet on it
    "initiatives:submit": ("initiative", True),
    "initiatives:withdraw": ("initiative", True),
    "initiatives:review": ("initiative_review", True),
    "initiatives:recognise": ("initiative_review", True),
    "initiatives:reject": ("initiative_review", True),
    "initiatives:forward": ("initiative_review", True),
    "initiatives:ruling": ("initiative_review", True),
}
# Routes whose writers are fewer than school A's: the organiser's (the commune, above A) and A's assigned peers
# (schools D and E of the cluster: officer_dept and admin write them). Everyone else who reads A gets 403.
ORGANISER_WRITES = {"admin", "officer_dept"}
WRITERS = dict.fromkeys(
    (
        "scoring:publish",
        "scoring:correct",
        "scoring:review",
        "scoring:peer",
        "scoring:return",
        "scoring:covenant_create",
        "org:cluster_members",
        "org:cluster_leader",
        "scoring:criterion_add",
        "scoring:band_add",
        "scoring:sheet_publish",
        "scoring:round_open",
        "scoring:peers",
        "scoring:peer_remove",
    ),
    ORGANISER_WRITES,
)
# teacher_a comments on her own line (the line of "line" is hers); school A's writers too.
WRITERS["nominations:line_comment"] = {"admin", "officer_dept", "officer_school_a", "head_a", "teacher_a"}
# Everyone who reads school A's disclosure comments on it or objects: its staff (teacher_a) and council too.
WRITERS["disclosures:remark"] = {"admin", "officer_dept", "officer_school_a", "head_a", "council_a", "teacher_a"}
# School A's dossier to the commune: A's writers take the sender's steps, the commune's side (officer_dept above it)
# the receiver's; an officer above both belongs to the receiver's side.
SENDER_WRITES = frozenset({"admin", "officer_school_a", "head_a"})
WRITERS.update(dict.fromkeys(("dossiers:submit", "dossiers:recall", "dossiers:resubmit", "dossiers:line_answer"), SENDER_WRITES))
WRITERS.update(dict.fromkeys(("dossiers:receive", "dossiers:check", "dossiers:return", "dossiers:forward", "dossiers:decide",
                              "dossiers:line_check"), ORGANISER_WRITES))  # fmt: skip
# Patterns outside this walk: login/logout/2FA, language switch, Django admin (staff only), the API, and
# revoking an API token (owned by a user, not a unit: thidua/accounts/tests/test_tokens.py), opening and
# marking read a notification (owned by its recipient: ``test_a_user_never_sees_anothers_notifications`` below),
# deleting a holiday (system admins only: thidua/years/tests/test_holidays.py walks the personas).
EXCLUDED_NAMESPACES = {"admin", "api"}
EXCLUDED_NAMES = {
    "accounts:login",
    "accounts:logout",
    "accounts:totp",
    "accounts:token_revoke",
    "set_language",
    "notifications:open",
    "notifications:mark_read",
    "years:holiday_delete",
    "disclosures:public",  # no login, by its token: thidua/disclosures/tests/test_pages.py
}


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace
            if ns in EXCLUDED_NAMESPACES:
                continue
            yield from _walk(p.url_patterns, f"{prefix}{ns}:" if ns else prefix)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{prefix}{p.name}"


def test_every_url_pattern_is_classified():
    names = set(_walk(get_resolver().url_patterns)) - EXCLUDED_NAMES
    assert names == set(ROUTES), f"classify these in ROUTES: {sorted(names ^ set(ROUTES))}"


def decision_of_school_a(world):
    """A decision issued by school A (Giấy khen to a teacher of A), with a signed scan."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories_awards import tiny_pdf
    from thidua.awards import services

    return services.decision_create(
        actor=world.admin,
        issuer=world.school_a,
        number="15/QĐ-THCSYT",
        decision_date=dt.date(2026, 5, 25),
        award_type="annual",
        awards=[services.AwardSpec(kind_code="GK", person=world.colleague_a)],
        title="Khen thưởng giáo viên năm học 2025-2026",
        scan=SimpleUploadedFile("qd.pdf", tiny_pdf(), content_type="application/pdf"),
    )


def import_batch_of_school_a(world, **fields):
    """An import batch for school A (a row as the dry run leaves it)."""
    from thidua.imports.models import ImportBatch

    defaults = {"status": "validated", "summary": {"rows": 0, "error": 0}, "report": {"rows": []}}
    return ImportBatch.objects.create(
        kind="awards",
        unit=world.school_a,
        file="imports/mau.xlsx",
        original_name="mau.xlsx",
        sha256="0" * 64,
        created_by=world.officer_school_a,
        **{**defaults, **fields},
    )


def movement_of_commune(world):
    """The commune's movement launched to school A alone, with its plan document."""
    from tests.factories_movements import launched, pdf_upload
    from thidua.movements.models import Movement

    return Movement.objects.filter(launcher=world.commune).first() or launched(world, plan_document=pdf_upload())


def draft_of_commune(world):
    """A draft of the commune to school A: only the commune's side sees it (and edits it)."""
    from tests.factories_movements import draft

    return draft(world, kind="campaign", name="Thi đua chào mừng 20/11")


def response_of_school_a(world):
    """School A's plan in answer to the commune's movement (submitted, with its file)."""
    from tests.factories_movements import submitted_response

    response = movement_of_commune(world).responses.get(unit=world.school_a)
    return response if response.status == "submitted" else submitted_response(world, movement_of_commune(world))


def report_of_school_a(world):
    """School A's sơ kết report, with its file."""
    from tests.factories_movements import pdf_upload
    from thidua.movements import services

    return services.report_submit(actor=world.admin, response=response_of_school_a(world), kind="phase_review", text="Sơ kết học kỳ I",
                                  attachment=pdf_upload("bao-cao.pdf"))  # fmt: skip


def round_of_school_a(world):
    """School A's open year-end round of 2025-2026 (tests/factories_nominations.py)."""
    from tests.factories_nominations import round_of_school_a as make

    return make(world)


def line_of_teacher_a(world):
    """teacher_a's own line in school A's round (from the engine's suggestions)."""
    from tests.factories_nominations import line_of_teacher_a as make

    return make(world)


def disclosure_of_school_a(world):
    """School A's round disclosed (public), with teacher_a's line (tests/factories_disclosures.py)."""
    from tests.factories_disclosures import disclosure_of_school_a as make

    return make(world)


def dossier_of_school_a(world):
    """School A's dossier to the commune (tests/factories_dossiers.py)."""
    from tests.factories_dossiers import dossier_of_school_a as make

    return make(world)


def objection_of_teacher_a(world):
    """teacher_a's objection to her line in school A's disclosure, unanswered."""
    from tests.factories_disclosures import objection_of_teacher_a as make

    return make(world)


def bundle_of_school_a(world):
    """School A's round's paper bundle, built (the task's work run inline)."""
    from thidua.disclosures.bundle import bundle_build
    from thidua.disclosures.models import PaperBundle

    line_of_teacher_a(world)
    found = PaperBundle.objects.filter(round__unit=world.school_a).first()
    if found is None:
        found = PaperBundle.objects.create(round=round_of_school_a(world), total=1, created_by=world.officer_school_a)
        bundle_build(bundle_id=found.pk)
    return found


def dossier_line_of_school_a(world):
    return dossier_of_school_a(world).lines.order_by("id").first()


NOMINATION_TARGETS = {"round_a": round_of_school_a, "line": line_of_teacher_a, "disclosure": disclosure_of_school_a,
                      "remark": objection_of_teacher_a, "bundle": bundle_of_school_a, "dossier": dossier_of_school_a,
                      "dossier_line": dossier_line_of_school_a}  # fmt: skip


def registration_of_teacher_a(world):
    """teacher_a's own registration (submitted, waiting for school A's approval) in the Sở's movement."""
    from thidua.registrations.models import Registration
    from thidua.registrations.tests.factories import register

    return Registration.objects.filter(person=world.person_a).first() or register(world)


def commitment_option_of_school_a(world):
    """A line of school A's commitment list for 2025-2026."""
    from thidua.registrations.models import CommitmentOption
    from thidua.registrations.services import commitment_option_add
    from thidua.years.models import SchoolYear

    return CommitmentOption.objects.filter(unit=world.school_a).first() or commitment_option_add(
        actor=world.admin, unit=world.school_a, school_year=SchoolYear.objects.get(code="2025-2026"), text="Dạy tốt, học tốt"
    )


def registration_list_sent_by_school_a(world):
    """School A's list of approved registrations (teacher_a's) in the Sở's movement, sent to the level above."""
    from thidua.registrations import sending, services
    from thidua.registrations.tests.factories import register

    registration = services.registration_approve(actor=world.head_a, registration=register(world))
    return sending.registration_list_send(actor=world.officer_school_a, unit=world.school_a, movement=registration.movement)


def initiative_of_teacher_a(world):
    """teacher_a's own initiative before school A's initiative council (thidua/initiatives/tests/factories.py)."""
    from thidua.initiatives.models import Initiative
    from thidua.initiatives.tests.factories import in_review

    return Initiative.objects.filter(authors__person=world.person_a).first() or in_review(world)


MOVEMENT_TARGETS = {"commitment_option": commitment_option_of_school_a, "registration_list_sent": registration_list_sent_by_school_a, "movement": movement_of_commune, "movement_draft": draft_of_commune, "response": response_of_school_a, "response_review": response_of_school_a,
                    "report": report_of_school_a, "registration": registration_of_teacher_a,
                    "registration_review": registration_of_teacher_a, "initiative": initiative_of_teacher_a,
                    "initiative_review": initiative_of_teacher_a}  # fmt: skip

# Path arguments of pages without an object.
URL_KWARGS = {"imports:template": {"kind": "awards"}}
# Path arguments besides the object's pk.
EXTRA_KWARGS = {
    "disclosures:round_paper": {"kind": "submission", "fmt": "pdf"},
    "disclosures:line_report": {"fmt": "docx"},
    "disclosures:bundle_file": {"fmt": "pdf"},
}


def scoring_targets(world) -> dict:
    """School A's cluster (organised by the commune), its round with A self-scored (with evidence) and
    published, a covenant: the objects of the scoring pages (thidua/scoring/tests/factories.py)."""
    from thidua.scoring import publishing, services
    from thidua.scoring.covenants import covenant_create
    from thidua.scoring.tests.factories import make_scoring, pdf, self_score

    s = make_scoring(world)
    a = s.submission(world.school_a)
    self_score(world.officer_school_a, a)
    a.refresh_from_db()
    services.submission_approve(actor=world.admin, submission=a)
    publication = publishing.round_publish(actor=world.admin, scoring_round=s.round)
    covenant = covenant_create(
        actor=world.admin,
        organiser=world.commune,
        cluster=s.cluster,
        school_year=s.year,
        title="Giao ước thi đua năm học 2025-2026",
        text="Các trường cam kết thi đua dạy tốt, học tốt.",
        signed_on=dt.date(2025, 9, 20),
        signatories=[(world.school_a, "Nguyễn Văn An"), (s.school_d, "Lê Văn Bình")],
        scan=pdf("giao-uoc.pdf"),
    )
    return {
        "cluster": s.cluster,
        "round": s.round,
        "submission": a,
        "evidence": a.evidence.first(),
        "publication": publication,
        "covenant": covenant,
        "sheet": s.sheet,
        "peer_assignment": s.round.peer_assignments.get(scorer=s.school_e),
        "scoring": s,
    }


def council_targets(world) -> dict:
    """School A's council (three members), its open session with one item and a written vote waiting for the chair."""
    from thidua.councils import ballots, services
    from thidua.councils.models import Council
    from thidua.councils.tests.factories import make_council, open_session, pdf

    council = Council.objects.filter(unit=world.school_a).first()
    if council is None:
        board = make_council(world, size=3, prefix="walk")
        session = open_session(world, board, written=1)
        item = services.item_add(actor=world.admin, session=session, kind_code="LDTT", person=world.colleague_a)
        ballots.written_vote_enter(actor=world.admin, session=session, member=board.members[-1], choices={item.pk: "agree"}, scan=pdf())
        council = board.council
    session = council.sessions.get()
    return {"council": council, "council_session": session, "ballot_item": session.items.get(), "written_vote": session.written_votes.get()}


COUNCIL_KINDS = ("council", "council_session", "ballot_item", "written_vote")


def _target(kind, world):
    if kind in NOMINATION_TARGETS:
        return NOMINATION_TARGETS[kind](world)
    if kind in COUNCIL_KINDS:
        return council_targets(world)[kind]
    if kind in MOVEMENT_TARGETS:
        return MOVEMENT_TARGETS[kind](world)
    if kind in ("cluster", "round", "submission", "evidence", "publication", "covenant", "sheet", "peer_assignment"):
        return scoring_targets(world)[kind]
    if kind == "import":
        return import_batch_of_school_a(world)
    if kind == "person":
        return world.person_a
    if kind == "decision":
        return decision_of_school_a(world)
    if kind == "award":
        return decision_of_school_a(world).awards.get()
    return world.school_a


def _url(name, kind, world, target):
    if kind in (
        "person",
        "decision",
        "award",
        "import",
        *MOVEMENT_TARGETS,
        *NOMINATION_TARGETS,
        "cluster",
        "round",
        "submission",
        "evidence",
        "publication",
        "covenant",
        "sheet",
        "peer_assignment",
        *COUNCIL_KINDS,
    ):
        return reverse(name, kwargs={"pk": target.pk, **EXTRA_KWARGS.get(name, {})})
    if kind == "unit":
        key = "unit_pk" if name == "people:create" else "pk"
        return reverse(name, kwargs={key: target.pk})
    return reverse(name, kwargs=URL_KWARGS.get(name))


# Who may read / write the objects of school A (person_a is teacher_a's own record).
READ_SCHOOL_A = {"admin", "officer_dept", "officer_school_a", "head_a", "council_a"}
WRITE_SCHOOL_A = {"admin", "officer_dept", "officer_school_a", "head_a"}


def _expected(persona: str, kind: str, writes: bool, name: str = "") -> int:
    own = ("person", "line", "registration", "registration_review", "disclosure", "remark", "initiative", "initiative_review")
    readers = READ_SCHOOL_A | ({"teacher_a"} if kind in own else set())
    if kind == "movement_draft":  # a draft is the launcher's side's alone
        readers = WRITE_COMMUNE
    if persona not in readers:
        return 404
    if kind in ("registration", "initiative") and persona == "teacher_a":  # their own: they change it, never approve it
        return 200
    # The commune's movement targets school A: A reads it and answers it, only the commune's side changes it.
    writers = WRITE_COMMUNE if kind in ("movement", "response_review") else WRITERS.get(name, WRITE_SCHOOL_A)
    if writes and persona not in writers:
        return 403
    return 200


@pytest.mark.parametrize("name", [n for n, (kind, _) in ROUTES.items() if kind])
def test_object_pages_answer_each_persona_as_scoped(client, world, personas, name):
    kind, writes = ROUTES[name]
    target = _target(kind, world)
    url = _url(name, kind, world, target)
    for persona, user in personas.items():
        client.logout()
        if user is None:
            response = client.get(url)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], (persona, url)
            continue
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == _expected(persona, kind, writes, name), (persona, url, response.status_code)


@pytest.mark.parametrize("name", [n for n, (kind, _) in ROUTES.items() if not kind])
def test_anonymous_gets_the_login_page_everywhere(client, world, name):
    response = client.get(reverse(name, kwargs=URL_KWARGS.get(name)))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def commune_decision_about_school_a(world):
    """A decision of the commune (above both schools) awarding a teacher of A, with a signed scan."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories_awards import tiny_pdf
    from thidua.awards import services

    return services.decision_create(
        actor=world.admin,
        issuer=world.commune,
        number="40/QĐ-UBND",
        decision_date=dt.date(2026, 5, 25),
        award_type="annual",
        awards=[services.AwardSpec(kind_code="LDTT", person=world.colleague_a)],
        scan=SimpleUploadedFile("qd.pdf", tiny_pdf(), content_type="application/pdf"),
    )


# A decision of another issuer about A's staff: A's readers open it (and its scan); only the issuer's
# writers change it (docs/architecture.md, "Visibility").
WRITE_COMMUNE = {"admin", "officer_dept"}


@pytest.mark.parametrize("name", [n for n, (kind, _) in ROUTES.items() if kind in ("decision", "award")])
def test_a_decision_about_school_as_staff_answers_each_persona(client, world, personas, name):
    kind, writes = ROUTES[name]
    decision = commune_decision_about_school_a(world)
    target = decision if kind == "decision" else decision.awards.get()
    url = reverse(name, kwargs={"pk": target.pk})
    for persona, user in personas.items():
        if user is None:
            continue
        client.force_login(user)
        expected = 404 if persona not in READ_SCHOOL_A else 403 if writes and persona not in WRITE_COMMUNE else 200
        assert client.get(url).status_code == expected, (persona, url)


def test_officer_of_sibling_school_gets_404_for_people_of_school_a(client, world):
    client.force_login(world.officer_school_b)
    assert client.get(reverse("people:detail", kwargs={"pk": world.person_a.pk})).status_code == 404
    assert client.get(reverse("people:detail", kwargs={"pk": world.person_b.pk})).status_code == 200


def test_people_list_shows_only_people_in_scope(client, world):
    client.force_login(world.officer_school_b)
    body = client.get(reverse("people:list")).content.decode()
    assert "Lê Thị Bích" in body and "Nguyễn Thị Hoà" not in body and "Phạm Văn Cường" not in body
    client.force_login(world.officer_dept)
    body = client.get(reverse("people:list")).content.decode()
    assert "Lê Thị Bích" in body and "Nguyễn Thị Hoà" in body and "Phạm Văn Cường" not in body


def test_teacher_sees_only_their_own_record(client, world):
    client.force_login(world.teacher_a)
    assert client.get(reverse("people:list")).url == reverse("people:detail", kwargs={"pk": world.person_a.pk})
    assert client.get(reverse("people:detail", kwargs={"pk": world.person_a.pk})).status_code == 200
    assert client.get(reverse("people:detail", kwargs={"pk": world.colleague_a.pk})).status_code == 404
    assert client.get(reverse("audit:log")).status_code == 403
    assert client.get(reverse("org:tree")).status_code == 403


def test_audit_log_is_limited_to_the_officers_units(client, world):
    from thidua.people import services

    period = {"kind": "training", "start_date": dt.date(2024, 1, 1), "end_date": dt.date(2024, 3, 1)}
    services.leave_add(actor=world.officer_school_a, person=world.person_a, **period)
    services.leave_add(actor=world.officer_school_b, person=world.person_b, **period)
    client.force_login(world.officer_school_a)
    body = client.get(reverse("audit:log")).content.decode()
    assert "Nguyễn Thị Hoà" in body and "Lê Thị Bích" not in body
    client.force_login(world.officer_dept)
    body = client.get(reverse("audit:log")).content.decode()
    assert "Nguyễn Thị Hoà" in body and "Lê Thị Bích" in body


def test_a_user_never_sees_anothers_notifications(client, world, personas):
    """A notification is its recipient's alone: every other persona, admin included, gets 404 opening it and
    does not find it in their inbox; marking it read as someone else changes nothing."""
    from thidua.notifications import services

    note = services.notify(world.officer_school_a, kind="general", title="Hạn nộp kế hoạch của trường A", url="/units/")
    for persona, user in personas.items():
        client.logout()
        if user is None:
            assert client.get(reverse("notifications:open", args=[note.pk])).status_code == 302
            assert client.post(reverse("notifications:mark_read"), {"all": "1"})["Location"].startswith("/accounts/login/")
            continue
        client.force_login(user)
        mine = user == world.officer_school_a
        assert ("Hạn nộp kế hoạch của trường A" in client.get(reverse("notifications:inbox")).content.decode()) is mine, persona
        if not mine:
            assert client.get(reverse("notifications:open", args=[note.pk])).status_code == 404, persona
            client.post(reverse("notifications:mark_read"), {"ids": [note.pk]})
            client.post(reverse("notifications:mark_read"), {"all": "1"})
            note.refresh_from_db()
            assert note.read_at is None, persona
    client.force_login(world.officer_school_a)
    assert client.get(reverse("notifications:open", args=[note.pk]))["Location"] == "/units/"
