"""The organiser's pages: clusters and their members, criteria sheets, opening a round, assigning peers.
Buttons show only to whoever may act; refusals come back on the form in Vietnamese with nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import make_unit
from thidua.org import clusters
from thidua.org import services as org_services
from thidua.org.models import Cluster
from thidua.scoring import services
from thidua.scoring.models import PeerAssignment, ScoreSheet, ScoringRound
from thidua.years.models import SchoolYear

from .factories import make_scoring, make_sheet

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("n", [2, 3, 8, 9, 14])
def test_the_default_peers_never_score_themselves_and_score_each_other_evenly(n):
    members = list(range(1, n + 1))
    pairs = services.peers_proposed(members)
    assert all(a != b for a, b in pairs) and len(set(pairs)) == len(pairs)
    each = n - 1 if n <= services.PEERS_ALL_UP_TO else services.PEERS_EACH
    for m in members:
        assert sum(1 for a, _b in pairs if a == m) == each
        assert sum(1 for _a, b in pairs if b == m) == each


def test_the_cluster_page_shows_the_organisers_buttons_to_its_officer_only(client, world):
    s = make_scoring(world)
    url = reverse("org:cluster", kwargs={"pk": s.cluster.pk}) + "?year=2025-2026"
    client.force_login(world.officer_dept)
    body = client.get(url).content.decode()
    for name in ("org:cluster_members", "org:cluster_leader", "scoring:round_open"):
        assert reverse(name, kwargs={"pk": s.cluster.pk}) in body, name
    client.force_login(world.officer_school_a)  # a member reads the cluster, it does not organise it
    body = client.get(url).content.decode()
    assert reverse("org:cluster_members", kwargs={"pk": s.cluster.pk}) not in body
    assert reverse("scoring:round_open", kwargs={"pk": s.cluster.pk}) not in body
    round_url = reverse("scoring:round", kwargs={"pk": s.round.pk})
    assert reverse("scoring:peers", kwargs={"pk": s.round.pk}) not in client.get(round_url).content.decode()
    client.force_login(world.officer_dept)
    assert reverse("scoring:peers", kwargs={"pk": s.round.pk}) in client.get(round_url).content.decode()


def test_founding_a_cluster_by_picking_the_organiser(client, world):
    client.force_login(world.officer_dept)
    data = {"organiser_q": "UBND xã Yên Tiến", "kind": "cluster", "name": "Cụm thi đua tiểu học", "valid_from": "01/09/2025"}
    response = client.post(reverse("org:cluster_create"), data | {"leaders_per_year": "1"})
    cluster = Cluster.objects.get(name="Cụm thi đua tiểu học")
    assert response.status_code == 302 and cluster.organiser == world.commune


def test_next_years_members_are_prefilled_from_last_year_with_the_successor_flagged_then_confirmed(client, world):
    last, this = SchoolYear.objects.get(code="2024-2025"), SchoolYear.objects.get(code="2025-2026")
    school_x = make_unit(code="TH-YX", name="Trường Tiểu học Yên Xá", kind="school", parent=world.district)
    cluster = clusters.cluster_create(actor=world.admin, organiser=world.dept, name="Cụm tiểu học", valid_from=dt.date(2020, 9, 1))
    clusters.cluster_members_set(actor=world.admin, cluster=cluster, school_year=last, units=[world.school_a, school_x])
    org_services.unit_merge(actor=world.admin, sources=[school_x], target=world.school_b, effective_date=dt.date(2025, 7, 1))
    url = reverse("org:cluster_members", kwargs={"pk": cluster.pk}) + "?year=2025-2026"
    client.force_login(world.officer_dept)
    body = client.get(url).content.decode()
    assert "Danh sách đề xuất từ năm học trước" in body
    assert f'value="{world.school_a.pk}"' in body and f'value="{world.school_b.pk}"' in body
    assert "thay cho Trường Tiểu học Yên Xá (đã sáp nhập)" in body
    assert not cluster.memberships.filter(school_year=this).exists()  # proposed, not saved
    response = client.post(url, {"member_1": str(world.school_a.pk), "member_2": str(world.school_b.pk)})
    assert response.status_code == 302
    assert {m.unit_id: m.replaces_id for m in clusters.members(cluster, this)} == {world.school_a.pk: None, world.school_b.pk: school_x.pk}


def test_a_unit_of_another_cluster_of_the_organiser_is_refused_on_the_members_form(client, world):
    s = make_scoring(world)
    other = clusters.cluster_create(actor=world.admin, organiser=world.commune, name="Cụm liên cấp", valid_from=dt.date(2025, 7, 1))
    client.force_login(world.officer_dept)
    url = reverse("org:cluster_members", kwargs={"pk": other.pk}) + "?year=2025-2026"
    response = client.post(url, {"member_1": str(world.school_b.pk), "member_2": str(world.school_a.pk)})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Mỗi đơn vị chỉ thuộc một cụm, khối của UBND xã Yên Tiến" in body and s.cluster.name in body
    assert not other.memberships.exists()


def test_leader_and_deputy_are_chosen_among_the_members(client, world):
    s = make_scoring(world)
    client.force_login(world.officer_dept)
    url = reverse("org:cluster_leader", kwargs={"pk": s.cluster.pk}) + "?year=2025-2026"
    body = client.post(url, {"leader": str(s.school_d.pk), "deputy": str(s.school_d.pk)}).content.decode()
    assert "Cụm trưởng và cụm phó phải là hai đơn vị khác nhau." in body
    assert client.post(url, {"leader": str(s.school_e.pk), "deputy": str(s.school_d.pk)}).status_code == 302
    roles = {m.unit_id: m.role for m in clusters.members(s.cluster, s.year)}
    assert roles == {s.school_e.pk: "leader", s.school_d.pk: "deputy", world.school_a.pk: "member"}


def test_a_sheet_is_drafted_filled_and_issued_through_its_pages(client, world):
    client.force_login(world.officer_dept)
    response = client.post(
        reverse("scoring:sheet_create"), {"organiser": str(world.commune.pk), "name": "Bảng tiêu chí mầm non", "decimals": "2"}
    )
    sheet = ScoreSheet.objects.get(name="Bảng tiêu chí mầm non")
    assert response["Location"] == reverse("scoring:sheet", kwargs={"pk": sheet.pk})
    publish = reverse("scoring:sheet_publish", kwargs={"pk": sheet.pk})
    assert "Bảng tiêu chí chưa có tiêu chí nào." in client.post(publish, {}).content.decode()
    add = reverse("scoring:criterion_add", kwargs={"pk": sheet.pk})
    bad = {"code": "I", "text": "Chất lượng", "kind": "score", "max_points": "1", "min_points": "5", "evidence": "none"}
    assert "Điểm tối thiểu lớn hơn điểm tối đa." in client.post(add, bad).content.decode()
    assert not sheet.criteria.exists()
    assert client.post(add, {**bad, "kind": "info", "max_points": "0", "min_points": "0"}).status_code == 302
    child = {"code": "I.1", "text": "Chất lượng dạy học", "kind": "score", "max_points": "10", "min_points": "0", "step": "0,5"}
    heading = sheet.criteria.get(code="I")
    assert client.post(add, child | {"evidence": "required", "parent": str(heading.pk)}).status_code == 302
    assert client.post(reverse("scoring:band_add", kwargs={"pk": sheet.pk}), {"label": "Tốt", "minimum": "5"}).status_code == 302
    body = client.get(reverse("scoring:sheet", kwargs={"pk": sheet.pk})).content.decode()
    assert 'class="depth-1"' in body and "Bắt buộc" in body and publish in body
    assert client.post(publish, {}).status_code == 302
    sheet.refresh_from_db()
    assert sheet.status == "published" and sheet.criteria.get(code="I.1").parent == heading
    body = client.get(reverse("scoring:sheet", kwargs={"pk": sheet.pk})).content.decode()
    assert publish not in body  # issued: no more changes offered
    assert "Bảng tiêu chí đã ban hành không được sửa" in client.post(add, child | {"code": "I.2", "evidence": "none"}).content.decode()


def test_a_round_is_opened_from_the_cluster_with_a_published_sheet(client, world):
    s = make_scoring(world)
    other = make_sheet(world.admin, world.commune, name="Bảng tiêu chí học kỳ II")
    draft = ScoreSheet.objects.create(organiser=world.commune, name="Bảng dự thảo")
    client.force_login(world.officer_dept)
    url = reverse("scoring:round_open", kwargs={"pk": s.cluster.pk}) + "?year=2025-2026"
    body = client.get(url).content.decode()
    assert "Bảng tiêu chí học kỳ II" in body and "Bảng dự thảo" not in body
    data = {"sheet": str(other.pk), "opens": "04/05/2026", "self_days": "15", "tiers": ["self", "peer", "organiser"]}
    assert client.post(url, data).status_code == 302
    made = ScoringRound.objects.get(sheet=other)
    assert made.submissions.count() == 3 and made.tiers == ["self", "peer", "organiser"]
    assert client.post(url, {**data, "sheet": str(draft.pk)}).status_code == 200  # not offered, not accepted
    assert "Cụm, khối đã có đợt chấm theo bảng này" in client.post(url, data).content.decode()


def test_the_peers_page_offers_the_default_and_saves_it(client, world):
    s = make_scoring(world)
    fresh = services.round_open(
        actor=world.admin, cluster=s.cluster, school_year=s.year, sheet=make_sheet(world.admin, world.commune, name="Bảng khác"),
        opens=dt.date(2026, 5, 4),
    )  # fmt: skip
    client.force_login(world.officer_dept)
    url = reverse("scoring:peers", kwargs={"pk": fresh.pk})
    body = client.get(url).content.decode()
    assert "Phân công đề xuất" in body and body.count("checked") == 6  # 3 members, each scores the other two
    assert f'name="scorer_{world.school_a.pk}" value="{world.school_a.pk}"' not in body  # never itself
    data = {
        f"scorer_{u.pk}": [str(o.pk) for o in (world.school_a, s.school_d, s.school_e) if o != u]
        for u in (world.school_a, s.school_d, s.school_e)
    }
    assert client.post(url, data).status_code == 302
    assert PeerAssignment.objects.filter(scoring_round=fresh).count() == 6
    self_pair = {f"scorer_{world.school_a.pk}": [str(world.school_a.pk)]}
    assert client.post(url, self_pair).status_code == 200  # refused on the form
    assert PeerAssignment.objects.filter(scoring_round=fresh).count() == 6


def test_the_round_exports_its_results_to_excel_as_the_page_shows_them(client, world):
    import io

    from openpyxl import load_workbook

    from .factories import self_score

    s = make_scoring(world)
    self_score(world.officer_school_a, s.submission(world.school_a))
    url = reverse("scoring:round", kwargs={"pk": s.round.pk}) + "?format=xlsx"
    client.force_login(world.officer_dept)
    response = client.get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "Hạng")
    assert header[1] == "Đơn vị" and "I.1 – Tự chấm" in header and "I.1 – Chấm chéo" in header
    units = [r[1] for r in rows[rows.index(header) + 1 :]]
    assert sorted(units) == sorted(["Trường THCS Yên Tiến", "Trường THCS Yên Bình", "Trường THCS Yên Hưng"])
    a = next(r for r in rows if r[1] == "Trường THCS Yên Tiến")
    assert a[header.index("I.1 – Tự chấm")] == 8
    client.force_login(world.officer_school_a)  # a member exports its own row only
    rows = list(load_workbook(io.BytesIO(client.get(url).content)).active.iter_rows(values_only=True))
    assert [r[1] for r in rows[rows.index(header) + 1 :]] == ["Trường THCS Yên Tiến"]


def test_a_member_reads_its_published_rank_and_every_layer_on_its_submission(client, world):
    from thidua.scoring import publishing

    from .factories import self_score

    s = make_scoring(world)
    a = s.submission(world.school_a)
    self_score(world.officer_school_a, a)
    services.scores_enter(actor=s.officer_d, submission=a, tier="peer", values=services.values_from({"I.1": "7"}))
    a.refresh_from_db()
    services.submission_approve(actor=world.admin, submission=a)
    url = reverse("scoring:submission", kwargs={"pk": a.pk})
    client.force_login(world.officer_school_a)
    assert "Kết quả đã công bố" not in client.get(url).content.decode()
    publication = publishing.round_publish(actor=world.admin, scoring_round=s.round)
    body = client.get(url).content.decode()
    assert reverse("scoring:publication", kwargs={"pk": publication.pk}) in body and "dẫn đầu" in body
    assert "Tự chấm" in body and "Chấm chéo" in body  # every layer of its own scores


def test_the_organiser_removes_a_peer_assignment_after_confirming(client, world):
    s = make_scoring(world)
    assignment = s.round.peer_assignments.get(scorer=s.school_e)
    remove = reverse("scoring:peer_remove", kwargs={"pk": assignment.pk})
    client.force_login(world.officer_dept)
    round_page = client.get(reverse("scoring:round", kwargs={"pk": s.round.pk})).content.decode()
    assert remove in round_page
    confirm = client.get(remove).content.decode()
    assert "Bỏ phân công “Trường THCS Yên Hưng” chấm chéo cho “Trường THCS Yên Tiến”?" in confirm
    assert PeerAssignment.objects.filter(pk=assignment.pk).exists()  # opening the page changes nothing

    response = client.post(remove)

    assert response.status_code == 302 and not PeerAssignment.objects.filter(pk=assignment.pk).exists()
    from thidua.audit.models import AuditEvent

    event = AuditEvent.objects.get(verb="scoring.peer_removed")
    assert event.before == {"scorer": s.school_e.pk, "scored": world.school_a.pk}
    client.force_login(world.officer_school_a)  # a member reads the round, changes none of its assignments
    assert remove not in client.get(reverse("scoring:round", kwargs={"pk": s.round.pk})).content.decode()


def test_a_peer_who_has_scored_cannot_be_removed(client, world):
    from .factories import self_score

    s = make_scoring(world)
    a = s.submission(world.school_a)
    self_score(world.officer_school_a, a)
    services.scores_enter(actor=s.officer_d, submission=a, tier="peer", values=services.values_from({"I.1": "7"}))
    assignment = s.round.peer_assignments.get(scorer=s.school_d, scored=world.school_a)
    client.force_login(world.officer_dept)
    round_page = client.get(reverse("scoring:round", kwargs={"pk": s.round.pk})).content.decode()
    assert reverse("scoring:peer_remove", kwargs={"pk": assignment.pk}) not in round_page and "đã chấm" in round_page

    body = client.post(reverse("scoring:peer_remove", kwargs={"pk": assignment.pk})).content.decode()

    assert "“Trường THCS Yên Bình” đã chấm chéo cho “Trường THCS Yên Tiến”; không bỏ được phân công này." in body
    assert PeerAssignment.objects.filter(pk=assignment.pk).exists()
