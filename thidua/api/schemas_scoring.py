"""Shapes of ``/api/v1/clusters/`` and ``/api/v1/scoring-rounds/``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema

from thidua.org.models import Cluster
from thidua.scoring import compute
from thidua.scoring.models import SheetCriterion

from .schemas import In, PageParams, UnitRef

ClusterKind = Literal[tuple(Cluster.Kind.values)]
CriterionKind = Literal[tuple(SheetCriterion.Kind.values)]
EvidenceCode = Literal[tuple(SheetCriterion.Evidence.values)]
AutoSourceCode = Literal[tuple(SheetCriterion.AutoSource.values)]
TierCode = Literal[tuple(compute.TIERS)]
# An id the database can hold (SQLite and PostgreSQL bigint): a larger number in a body is a 422, not a server error.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]


class ClusterOut(Schema):
    id: int
    name: str
    kind: str = Field(..., description="cluster (cụm) or bloc (khối)")
    organiser: UnitRef
    feeds_flag: bool = Field(..., description="Đơn vị dẫn đầu là “tập thể dẫn đầu” xét Cờ thi đua")
    leaders_per_year: int
    founding_document: str
    valid_from: dt.date
    valid_to: dt.date | None


class ClusterPage(Schema):
    items: list[ClusterOut]
    count: int


class MembershipOut(Schema):
    unit: UnitRef
    role: str = Field(..., description="leader, deputy or member")
    rotation_order: int
    replaces: UnitRef | None = Field(None, description="The merged-away member this unit took the place of")


class ClusterDetailOut(ClusterOut):
    school_year: str | None
    memberships: list[MembershipOut]
    rounds: list[int]


class ClusterFilters(PageParams):
    pass


class YearQuery(Schema):
    year: str | None = Field(None, max_length=9, description="Năm học, ví dụ 2025-2026 (mặc định: năm gần nhất có thành viên)")


class CriterionOut(Schema):
    code: str
    text: str
    kind: str
    max_points: Decimal
    min_points: Decimal
    step: Decimal | None
    evidence: str
    auto_source: str
    parent: str | None


class BandOut(Schema):
    label: str
    minimum: Decimal


class SheetOut(Schema):
    id: int
    name: str
    version: int
    status: str
    bonus_cap: Decimal | None
    penalty_cap: Decimal | None
    decimals: int
    gate_cap: str
    criteria: list[CriterionOut]
    bands: list[BandOut]


class SubmissionRef(Schema):
    id: int
    unit: UnitRef
    status: str
    late: bool


class RoundOut(Schema):
    id: int
    cluster: int
    school_year: str
    status: str
    tiers: list[str]
    opens: dt.date
    self_due: dt.date
    sheet: SheetOut
    submissions: list[SubmissionRef]


class EntryOut(Schema):
    criterion: str
    tier: str
    scorer_unit: UnitRef | None
    points: Decimal
    reason: str
    created_at: dt.datetime
    superseded: bool


class SubmissionOut(SubmissionRef):
    round: int
    entries: list[EntryOut] = Field(..., description="Mọi lần chấm của mọi lớp, cũ nhất trước; `superseded` khi đã có lần chấm sau")
    evidence: list[str] = Field(..., description="Mục có minh chứng")


class ValueIn(In):
    criterion: str = Field(..., max_length=20)
    points: Decimal
    reason: str = Field("", max_length=2000)


class EntriesIn(In):
    tier: str = Field(..., max_length=10, description="self, peer, leader, organiser, council")
    values: list[ValueIn] = Field(..., max_length=500)
    as_unit: int | None = Field(None, description="Chấm chéo: đơn vị chấm (được phân công)")


class SubmitIn(In):
    answer: str = Field("", max_length=4000)


class ReturnIn(In):
    criteria: list[str] = Field(..., min_length=1, max_length=500)
    reason: str = Field(..., min_length=1, max_length=4000)


class PublishIn(In):
    decision_number: str = Field("", max_length=60)
    decision_date: dt.date | None = None
    designated: int | None = Field(None, description="Đơn vị dẫn đầu do Hội đồng chỉ định khi đồng hạng")


class CorrectIn(PublishIn):
    supersedes: int = Field(..., description="Lần công bố hiện hành bị thay thế")
    reason: str = Field(..., min_length=1, max_length=4000)


class ResultOut(Schema):
    unit: UnitRef
    total: Decimal
    rank: int | None = Field(..., description="null: không nộp")
    band: str
    gates_failed: list[str]
    leader: bool


class PublicationOut(Schema):
    id: int
    round: int
    version: int
    kind: str
    supersedes: int | None
    current: bool
    reason: str
    decision_number: str
    decision_date: dt.date | None
    published_at: dt.datetime
    snapshot_sha256: str
    results: list[ResultOut]


class ResultsOut(Schema):
    current: PublicationOut | None
    history: list[int] = Field(..., description="Mọi lần công bố, mới nhất trước")


# -- writes on clusters, rounds and sheets ----------------------------------------------------------------
class ClusterCreateIn(In):
    organiser: Id = Field(..., description="Đơn vị tổ chức cụm, khối (người gọi phải có quyền ghi)")
    name: str = Field(..., min_length=1, max_length=255)
    kind: ClusterKind = "cluster"
    valid_from: dt.date
    feeds_flag: bool = True
    leaders_per_year: int = Field(1, ge=1, le=50)
    founding_document: str = Field("", max_length=255)


class MembersIn(In):
    school_year: str = Field(..., max_length=20, description="Năm học, ví dụ 2025-2026")
    units: list[Id] = Field(..., min_length=1, max_length=500, description="Thành viên theo thứ tự luân phiên")
    replaces: dict[Id, Id] = Field(default_factory=dict, description="Đơn vị → thành viên đã sáp nhập mà đơn vị này thay thế")


class LeaderIn(In):
    school_year: str = Field(..., max_length=20)
    leader: Id
    deputy: Id | None = None


class RoundOpenIn(In):
    cluster: Id
    school_year: str = Field(..., max_length=20)
    sheet: Id = Field(..., description="Bảng tiêu chí đã ban hành")
    opens: dt.date
    self_days: int = Field(15, ge=1, le=365, description="Hạn tự chấm: số ngày làm việc sau ngày mở")
    tiers: list[TierCode] = Field(default_factory=lambda: ["self", "peer", "organiser"], min_length=1, max_length=5)
    peer_trim: bool = False


class PairIn(In):
    scorer: Id = Field(..., description="Đơn vị chấm chéo")
    scored: Id = Field(..., description="Đơn vị được chấm")


class PeersIn(In):
    pairs: list[PairIn] = Field(..., min_length=1, max_length=2000)


class PeerOut(Schema):
    id: int
    scorer: UnitRef
    scored: UnitRef
    scored_already: bool = Field(..., description="Đơn vị chấm chéo đã cho điểm: không bỏ được phân công")


class PeersOut(Schema):
    round: int
    items: list[PeerOut]


class SheetCreateIn(In):
    organiser: Id
    name: str = Field(..., min_length=1, max_length=255)
    bonus_cap: Decimal | None = Field(None, ge=0, max_digits=8, decimal_places=2)
    penalty_cap: Decimal | None = Field(None, ge=0, max_digits=8, decimal_places=2)
    decimals: int = Field(2, ge=0, le=2)
    gate_cap: str = Field("", max_length=60, description="Xếp loại cao nhất khi không đạt một điều kiện")


class CriterionIn(In):
    code: str = Field(..., min_length=1, max_length=20)
    text: str = Field(..., min_length=1, max_length=2000)
    kind: CriterionKind = "score"
    max_points: Decimal = Field(Decimal(0), max_digits=8, decimal_places=2)
    min_points: Decimal = Field(Decimal(0), max_digits=8, decimal_places=2)
    step: Decimal | None = Field(None, gt=0, max_digits=8, decimal_places=2)
    evidence: EvidenceCode = "none"
    auto_source: AutoSourceCode = ""
    parent: str | None = Field(None, max_length=20, description="Mã mục cha")


class BandIn(In):
    label: str = Field(..., min_length=1, max_length=60)
    minimum: Decimal = Field(..., max_digits=8, decimal_places=2)


class SheetDetailOut(SheetOut):
    organiser: UnitRef
    supersedes: int | None


class SheetPage(Schema):
    items: list[SheetDetailOut]
    count: int


class SheetFilters(PageParams):
    pass
