"""Individual emulation titles (danh hiệu thi đua, DOMAIN §4): Lao động tiên tiến, Chiến sĩ thi đua cơ sở,
cấp Bộ/tỉnh, toàn quốc, one builder per title taking the regime."""

from __future__ import annotations

from fractions import Fraction

from ..criteria import (
    AnyOf,
    AwardChain,
    Confirmed,
    Criterion,
    InitiativeCount,
    MeetsStandard,
    MinService,
    NoDiscipline,
    RatingAtLeast,
    TitleChain,
    UnitCap,
    Window,
)
from ..regimes import NEW, NEW98, NEW152, OLD
from ..wording import percent
from .building import no_pending, rule
from .sources import L2003, L2022, ND91, ND233, TT29, C, P, U, cite
from .votes import vote_criteria, vote_share


def _rule(**kw):
    return rule(subject="individual", **kw)


# -- Lao động tiên tiến (DOMAIN §4.1) -------------------------------------------------------------------
def _ldtt_old():
    return _rule(
        code="LDTT",
        category="title",
        regime=OLD,
        citation=cite(L2003, "24"),
        tag=C,
        criteria=[
            Criterion(
                key="rating",
                label="Hoàn thành tốt nhiệm vụ trở lên",
                params=RatingAtLeast(min="good"),
                cite=cite(L2003, "24"),
                tag=C,
                missing="xếp loại hoàn thành tốt nhiệm vụ trở lên",
            ),
            Criterion(
                key="qualities",
                label="Chấp hành tốt chủ trương, chính sách, pháp luật; tích cực học tập; đạo đức, lối sống lành mạnh",
                params=Confirmed(fact="ldtt_qualities"),
                cite=cite(L2003, "24"),
                tag=C,
            ),
            Criterion(
                key="service",
                label="Công tác đủ {months} tháng trong năm (người mới tuyển dụng)",
                params=MinService(months=10),
                cite=cite(ND91, "10"),
                tag=C,
                missing="đủ {months} tháng công tác trong năm",
            ),
            Criterion(
                key="discipline",
                label="Không bị kỷ luật từ khiển trách trở lên trong năm",
                params=NoDiscipline(min_form="reprimand"),
                cite=cite(ND91, "10"),
                tag=C,
            ),
        ],
        note="Nghỉ thai sản được tính là thời gian công tác (TT 02/2011/TT-BNV ⚠️); quy định nghỉ ≥ 40 ngày của NĐ 65/2014 đã bỏ.",
    )


def _ldtt_new(regime):
    service = MinService(months=10)
    return _rule(
        code="LDTT",
        category="title",
        regime=regime,
        citation=cite(L2022, "24", "1"),
        tag=C,
        criteria=[
            Criterion(
                key="rating",
                label="Hoàn thành tốt nhiệm vụ trở lên",
                params=RatingAtLeast(min="good"),
                cite=cite(L2022, "24", "1", "a"),
                tag=C,
                missing="xếp loại hoàn thành tốt nhiệm vụ trở lên",
            ),
            Criterion(
                key="qualities",
                label="Có tinh thần tự lực, tự cường; đoàn kết, tương trợ, tích cực tham gia phong trào thi đua",
                params=Confirmed(fact="ldtt_qualities"),
                cite=cite(L2022, "24", "1", "b"),
                tag=C,
            ),
            no_pending(regime),
            Criterion(
                key="discipline",
                label="Không bị kỷ luật từ khiển trách trở lên trong năm (xếp loại KHTNV)",
                params=NoDiscipline(min_form="reprimand"),
                cite=cite(ND233, "12", "4", "c"),
                tag=P,
            ),
            Criterion(
                key="service",
                label="Công tác đủ {months} tháng trong năm (người mới tuyển dụng)",
                params=service,
                cite=cite(TT29, "3"),
                tag=U,
                missing="đủ {months} tháng công tác trong năm",
            ),
        ],
        note=f"Nghỉ thai sản được tính (NĐ 152/2025 Điều 4 khoản 5). Quy định {service.months} tháng theo chế độ mới chưa xác nhận (❓).",
    )


# -- Chiến sĩ thi đua cơ sở (DOMAIN §4.2) ---------------------------------------------------------------
def _cstdcs_old():
    # The cap is confirmed; how 15 % × n is rounded is not stated anywhere DOMAIN has seen (❓): floor by default.
    cap = UnitCap(
        ratio=Fraction(15, 100),
        cite=cite(ND91, "9", "3"),
        label="Trong tỉ lệ {ratio:pct} % số Lao động tiên tiến của đơn vị",
        of="LDTT",
        tag=C,
        rounding="floor",
        rounding_tag=U,
    )
    return _rule(
        code="CSTDCS",
        category="title",
        regime=OLD,
        citation=cite(ND91, "9", "3"),
        tag=C,
        criteria=[
            Criterion(
                key="ldtt",
                label="Đạt tiêu chuẩn Lao động tiên tiến",
                params=MeetsStandard(code="LDTT"),
                cite=cite(ND91, "9", "3", "a"),
                tag=C,
            ),
            Criterion(
                key="initiative",
                label="Có sáng kiến được cơ sở công nhận hoặc đề tài NCKH đã nghiệm thu, áp dụng tại đơn vị",
                params=InitiativeCount(n=1, min_scope="unit"),
                cite=cite(ND91, "9", "3", "b"),
                tag=C,
                missing="{n} sáng kiến cấp cơ sở (hoặc đề tài đã nghiệm thu)",
            ),
        ],
        note=f"Số lượng không quá {percent(cap.ratio)} số Lao động tiên tiến của đơn vị (NĐ 91/2017 Điều 9 khoản 3): xét ở cấp đơn vị.",
        unit_cap=cap,
    )


def _cstdcs_new(regime):
    initiative = InitiativeCount(n=1, min_scope="unit", kinds=("initiative",))
    return _rule(
        code="CSTDCS",
        category="title",
        regime=regime,
        citation=cite(L2022, "23"),
        tag=C,
        criteria=[
            Criterion(
                key="ldtt", label="Đạt tiêu chuẩn Lao động tiên tiến", params=MeetsStandard(code="LDTT"), cite=cite(L2022, "23"), tag=C
            ),
            Criterion(
                key="achievement",
                label="Hoàn thành xuất sắc nhiệm vụ, hoặc có sáng kiến được cơ sở công nhận, hoặc đề tài/đề án/công trình KH&CN đã nghiệm thu",
                params=AnyOf(
                    options=(
                        Criterion(
                            key="excellent",
                            label="Hoàn thành xuất sắc nhiệm vụ",
                            params=RatingAtLeast(min="excellent"),
                            cite=cite(L2022, "23"),
                            tag=C,
                        ),
                        Criterion(
                            key="initiative",
                            label="Sáng kiến được cơ sở công nhận",
                            params=initiative,
                            cite=cite(L2022, "23"),
                            tag=C,
                        ),
                        Criterion(
                            key="research",
                            label="Đề tài, đề án, công trình KH&CN đã nghiệm thu",
                            params=InitiativeCount(n=1, min_scope="unit", kinds=("research",)),
                            cite=cite(L2022, "23"),
                            tag=C,
                        ),
                    )
                ),
                cite=cite(L2022, "23"),
                tag=C,
                missing=f"HTXSNV hoặc {initiative.n} sáng kiến cấp cơ sở",
            ),
            *vote_criteria(regime.code, "CSTDCS"),
        ],
        note="Luật 2022 không giới hạn tỷ lệ; tỷ lệ xếp loại HTXSNV bị giới hạn nên số CSTĐCS bị giới hạn gián tiếp.",
    )


# -- Chiến sĩ thi đua cấp Bộ, tỉnh (DOMAIN §4.3) --------------------------------------------------------
def _cstd_tinh(regime, *, doc, article, tag=C, resets=False):
    window = Window(reset_by=("CSTD_BO_TINH",), discipline_resets=resets)
    chain = TitleChain(code="CSTDCS", years=3, window=window)
    return _rule(
        code="CSTD_BO_TINH",
        category="title",
        regime=regime,
        citation=cite(doc, article),
        tag=tag,
        criteria=[
            Criterion(
                key="chain",
                label="{years:02d} lần liên tục đạt Chiến sĩ thi đua cơ sở",
                params=chain,
                cite=cite(doc, article, "1" if doc == L2022 else None),
                tag=tag,
            ),
            Criterion(
                key="initiative",
                label="Sáng kiến (hoặc đề tài) có hiệu quả, phạm vi ảnh hưởng cấp Bộ, ngành, tỉnh",
                params=InitiativeCount(
                    n=1, min_scope="province", window=Window(reset_by=("CSTD_BO_TINH",), span=3, discipline_resets=resets)
                ),
                cite=cite(doc, article, "2" if doc == L2022 else None),
                tag=tag,
                missing="{n} sáng kiến cấp tỉnh",
            ),
            Criterion(
                key="outstanding",
                label=f"Tiêu biểu xuất sắc trong số những người đạt {chain.years:02d} lần liên tục CSTĐCS",
                params=Confirmed(fact="outstanding"),
                cite=cite(doc, article),
                tag=tag,
            ),
            *vote_criteria(regime.code, "CSTD_BO_TINH"),
        ],
        note=f"Hội đồng bỏ phiếu kín, cần ≥ {vote_share(NEW98, 'CSTD_BO_TINH')}% tổng số thành viên (NĐ 98 Điều 30.7).",
    )


# -- Chiến sĩ thi đua toàn quốc (DOMAIN §4.4) -------------------------------------------------------------
def _cstdtq(regime, *, doc, tag, note=""):
    chain = AwardChain(code="CSTD_BO_TINH", n=2)
    return _rule(
        code="CSTDTQ",
        category="title",
        regime=regime,
        citation=cite(doc, "21"),
        tag=tag,
        criteria=[
            Criterion(
                key="chain",
                label="{n:02d} lần liên tục đạt Chiến sĩ thi đua cấp Bộ, ngành, tỉnh",
                params=chain,
                cite=cite(doc, "21", "1"),
                tag=tag,
                missing=f"thêm {chain.n - 1} lần liên tục CSTĐ cấp tỉnh",  # when the last one is undetermined
            ),
            Criterion(
                key="initiative",
                label="Sáng kiến (hoặc đề tài) có phạm vi ảnh hưởng toàn quốc",
                params=InitiativeCount(n=1, min_scope="national", window=Window(reset_by=("CSTDTQ",), span=6)),
                cite=cite(doc, "21", "2"),
                tag=tag,
                missing="{n} sáng kiến cấp toàn quốc",
            ),
            Criterion(
                key="outstanding",
                label=f"Tiêu biểu xuất sắc trong số những người đạt {chain.n:02d} lần liên tục CSTĐ cấp tỉnh",
                params=Confirmed(fact="outstanding"),
                cite=cite(doc, "21"),
                tag=tag,
            ),
            *vote_criteria(regime.code, "CSTDTQ"),
        ],
        note=note
        or f"Hồ sơ gửi Bộ Nội vụ trước 31/12 năm liền kề; hội đồng cần ≥ {vote_share(NEW98, 'CSTDTQ')}% phiếu (NĐ 98 Điều 30.7, 32).",
    )


RULES = (
    _ldtt_old(),
    *(_ldtt_new(r) for r in NEW),
    _cstdcs_old(),
    *(_cstdcs_new(r) for r in NEW),
    _cstd_tinh(OLD, doc=L2003, article="22"),
    _cstd_tinh(NEW98, doc=L2022, article="22"),
    _cstd_tinh(NEW152, doc=L2022, article="22", resets=True),  # NĐ 152/2025 Điều 4.4
    _cstdtq(OLD, doc=L2003, tag=U, note="Hệ thống chỉ có tiêu chuẩn theo Luật 2022; chế độ cũ giả định như Luật 2022 (❓)."),
    *(_cstdtq(r, doc=L2022, tag=C) for r in NEW),
)
