"""Individual forms of commendation (hình thức khen thưởng, DOMAIN §6.1–6.5): Giấy khen, Bằng khen cấp Bộ/tỉnh,
Bằng khen Thủ tướng, Huân chương Lao động hạng Ba.

``resets``: under NĐ 152/2025 Điều 4.4 the years counted start again after a discipline period ends.
"""

from __future__ import annotations

from ..criteria import (
    AnyOf,
    ChainWithInitiatives,
    Confirmed,
    Criterion,
    InitiativeCount,
    NotModelled,
    PriorAward,
    RatingAtLeast,
    RatingCount,
    RatingRun,
    TitleCount,
    Window,
)
from ..regimes import NEW, NEW98, NEW152, OLD
from .building import no_pending, rule
from .sources import BNV, L2003, L2022, ND91, TT29, C, P, U, cite


def _rule(**kw):
    return rule(subject="individual", **kw)


# -- Giấy khen (DOMAIN §6.1) ------------------------------------------------------------------------------
def _gk_new(regime):
    return _rule(
        code="GK",
        category="form",
        regime=regime,
        citation=cite(L2022, "75"),
        tag=P,
        criteria=[
            Criterion(
                key="compliance",
                label="Gương mẫu chấp hành chủ trương, chính sách, pháp luật",
                params=Confirmed(fact="exemplary_compliance"),
                cite=cite(L2022, "75"),
                tag=P,
            ),
            Criterion(
                key="rating",
                label="Hoàn thành tốt nhiệm vụ, nghĩa vụ công dân",
                params=RatingAtLeast(min="good"),
                cite=cite(L2022, "75"),
                tag=P,
            ),
            Criterion(
                key="achievement",
                label="Có thành tích được công nhận trong phong trào thi đua, hoặc nhiều thành tích/đột xuất có ảnh hưởng trong đơn vị",
                params=AnyOf(
                    options=(
                        Criterion(
                            key="movement",
                            label="Thành tích trong phong trào thi đua",
                            params=Confirmed(fact="movement_achievement"),
                            cite=cite(L2022, "75"),
                            tag=P,
                        ),
                        Criterion(
                            key="influence",
                            label="Nhiều thành tích hoặc thành tích đột xuất có ảnh hưởng trong đơn vị",
                            params=Confirmed(fact="unit_influence"),
                            cite=cite(L2022, "75"),
                            tag=P,
                        ),
                        Criterion(
                            key="education",
                            label="Thành tích xuất sắc trong công tác, phong trào thi đua, thi cử của đơn vị",
                            params=Confirmed(fact="outstanding_in_unit"),
                            cite=cite(TT29, "11", "1"),
                            tag=C,
                        ),
                    )
                ),
                cite=cite(L2022, "75"),
                tag=P,
            ),
        ],
    )


def _gk_old():
    return _rule(
        code="GK",
        category="form",
        regime=OLD,
        citation=cite(L2003, "75"),
        tag=U,
        criteria=[
            Criterion(
                key="not_modelled",
                label="Tiêu chuẩn Giấy khen theo Luật 2003",
                params=NotModelled(statement="Hệ thống chưa có nội dung tiêu chuẩn Giấy khen theo Luật 2003 Điều 75: hội đồng đánh giá."),
                cite=cite(L2003, "75"),
                tag=U,
            ),
        ],
    )


# -- Bằng khen Bộ, tỉnh (DOMAIN §6.2) ---------------------------------------------------------------------
def _bk_new(regime):
    return _rule(
        code="BK_BO_TINH",
        category="form",
        regime=regime,
        citation=cite(L2022, "74", "1"),
        tag=C,
        criteria=[
            Criterion(
                key="achievement",
                label="Đạt một trong các tiêu chuẩn của Điều 74 khoản 1",
                params=AnyOf(
                    options=(
                        Criterion(
                            key="movement",
                            label="Tiêu biểu xuất sắc trong phong trào thi đua của Bộ, ngành, tỉnh",
                            params=Confirmed(fact="outstanding_ministry_movement"),
                            cite=cite(L2022, "74", "1", "a"),
                            tag=P,
                        ),
                        Criterion(
                            key="influence",
                            label="Nhiều thành tích hoặc thành tích đột xuất có ảnh hưởng trong Bộ, ngành, tỉnh",
                            params=Confirmed(fact="ministry_influence"),
                            cite=cite(L2022, "74", "1", "b"),
                            tag=P,
                        ),
                        Criterion(
                            key="contribution",
                            label="Có đóng góp vào phát triển kinh tế – xã hội, ứng dụng KH&CN, xã hội, từ thiện",
                            params=Confirmed(fact="socio_contribution"),
                            cite=cite(L2022, "74", "1", "c"),
                            tag=P,
                        ),
                        Criterion(
                            key="chain",
                            label="{years:02d} lần liên tục CSTĐCS hoặc {years:02d} năm liên tục HTXSNV, trong thời gian đó có {n:02d} sáng kiến cấp cơ sở "
                            "(ngoài sáng kiến đã dùng cho CSTĐCS)",
                            params=ChainWithInitiatives(
                                title="CSTDCS",
                                rating="excellent",
                                years=2,
                                n=2,
                                min_scope="unit",
                                extra_to_title=True,
                                window=Window(reset_by=("BK_BO_TINH",)),
                            ),
                            cite=cite(L2022, "74", "1", "d"),
                            tag=C,
                            missing="{n:02d} sáng kiến cấp cơ sở chưa dùng cho CSTĐCS",
                        ),
                    )
                ),
                cite=cite(L2022, "74", "1"),
                tag=C,
            ),
            no_pending(regime),
        ],
        note="Điểm đ (công nhân, nông dân) không áp dụng cho cán bộ ngành giáo dục. Cách đọc của Bộ Nội vụ về điểm d: " + BNV + ".",
    )


def _bk_old():
    window = Window(reset_by=("BK_BO_TINH",))
    return _rule(
        code="BK_BO_TINH",
        category="form",
        regime=OLD,
        citation=cite(ND91, "39"),
        tag=U,
        criteria=[
            Criterion(
                key="achievement",
                label="Đạt một trong các tiêu chuẩn Bằng khen",
                params=AnyOf(
                    options=(
                        Criterion(
                            key="run",
                            label="{years:02d} năm liên tục HTXSNV, trong thời gian đó có {n:02d} sáng kiến cấp cơ sở",
                            params=ChainWithInitiatives(
                                title="", rating="excellent", years=2, n=2, min_scope="unit", extra_to_title=False, window=window
                            ),
                            cite=cite(ND91, "39"),
                            tag=U,
                            missing="{years:02d} năm liên tục HTXSNV và {n:02d} sáng kiến cấp cơ sở",
                        ),
                        Criterion(
                            key="movement",
                            label="Tiêu biểu xuất sắc trong phong trào thi đua của Bộ, ngành, tỉnh (hội đồng xác nhận)",
                            params=Confirmed(fact="outstanding_ministry_movement"),
                            cite=cite(ND91, "39"),
                            tag=U,
                        ),
                    )
                ),
                cite=cite(ND91, "39"),
                tag=U,
            ),
        ],
        note="Tiêu chuẩn theo NĐ 91/2017 Điều 39 chưa xác nhận (❓).",
    )


# -- Bằng khen Thủ tướng (DOMAIN §6.3) --------------------------------------------------------------------
def _bk_ttg_new(regime, resets=False):
    window = Window(after_prereq=("BK_BO_TINH",), min_years=5, reset_by=("BK_TTG",), discipline_resets=resets, run_rating="good")
    return _rule(
        code="BK_TTG",
        category="form",
        regime=regime,
        citation=cite(L2022, "73", "1", "b"),
        tag=C,
        criteria=[
            Criterion(
                key="prior",
                label="Đã được tặng Bằng khen cấp Bộ, ngành, tỉnh (công trạng)",
                params=PriorAward(window=window),
                cite=cite(L2022, "73", "1", "b"),
                tag=C,
                missing="Bằng khen cấp Bộ/tỉnh (công trạng) trước đó",
            ),
            Criterion(
                key="run",
                label="Liên tục từ {years:02d} năm trở lên hoàn thành tốt nhiệm vụ trở lên đến thời điểm đề nghị",
                params=RatingRun(min="good", years=5, window=window),
                cite=cite(L2022, "73", "1", "b"),
                tag=C,
            ),
            Criterion(
                key="cstdcs",
                label="Trong thời gian đó có {n:02d} lần đạt Chiến sĩ thi đua cơ sở",
                params=TitleCount(code="CSTDCS", n=3, window=window),
                cite=cite(L2022, "73", "1", "b"),
                tag=C,
            ),
            no_pending(regime),
        ],
        note="Thời gian tính từ sau thời gian lập thành tích ghi trong quyết định Bằng khen trước (NĐ 98 Điều 30.9); Bằng khen đột xuất, "
        "chuyên đề không được dùng (NĐ 152 Điều 4.3). Các điểm khác của Điều 73 chưa xác nhận (❓).",
    )


def _bk_ttg_old():
    window = Window(after_prereq=("BK_BO_TINH",), min_years=5, reset_by=("BK_TTG",), run_rating="excellent")
    return _rule(
        code="BK_TTG",
        category="form",
        regime=OLD,
        citation=cite(ND91, "38", "1", "c"),
        tag=C,
        criteria=[
            Criterion(
                key="prior",
                label="Đã được tặng Bằng khen cấp Bộ, ngành, tỉnh",
                params=PriorAward(window=window),
                cite=cite(ND91, "38", "1", "c"),
                tag=C,
                missing="Bằng khen cấp Bộ/tỉnh trước đó",
            ),
            Criterion(
                key="run",
                label="{years:02d} năm liên tục tiếp theo hoàn thành xuất sắc nhiệm vụ",
                params=RatingRun(min="excellent", years=5, window=window),
                cite=cite(ND91, "38", "1", "c"),
                tag=C,
            ),
            Criterion(
                key="initiatives",
                label="Trong thời gian đó có {n:02d} sáng kiến được công nhận, áp dụng hiệu quả trong phạm vi cơ sở",
                params=InitiativeCount(n=5, min_scope="unit", window=window),
                cite=cite(ND91, "38", "1", "c"),
                tag=C,
            ),
        ],
    )


# -- Huân chương Lao động hạng Ba (DOMAIN §6.5) -----------------------------------------------------------
def _hcld3_new(regime, resets=False):
    window = Window(after_prereq=("BK_TTG",), min_years=5, reset_by=("HCLD3",), discipline_resets=resets, run_rating="good")
    return _rule(
        code="HCLD3",
        category="form",
        regime=regime,
        citation=cite(L2022, "44", "1", "e"),
        tag=P,
        criteria=[
            Criterion(
                key="prior",
                label="Đã được tặng Bằng khen của Thủ tướng Chính phủ",
                params=PriorAward(window=window),
                cite=cite(L2022, "44", "1", "e"),
                tag=P,
                missing="Bằng khen Thủ tướng trước đó",
            ),
            Criterion(
                key="run",
                label="Liên tục từ {years:02d} năm trở lên hoàn thành tốt nhiệm vụ trở lên đến thời điểm đề nghị",
                params=RatingRun(min="good", years=5, window=window),
                cite=cite(L2022, "44", "1", "e"),
                tag=P,
            ),
            Criterion(
                key="excellent",
                label="Trong thời gian đó có năm hoàn thành xuất sắc nhiệm vụ (số năm chưa xác nhận)",
                params=RatingCount(min="excellent", n=1, window=window),
                cite=cite(L2022, "44", "1", "e"),
                tag=U,
            ),
            Criterion(
                key="cstdcs",
                label="Trong thời gian đó có {n:02d} lần đạt Chiến sĩ thi đua cơ sở",
                params=TitleCount(code="CSTDCS", n=3, window=window),
                cite=cite(L2022, "44", "1", "e"),
                tag=P,
            ),
            no_pending(regime),
        ],
        note="Nội dung điểm e thấy qua bản dịch câu trả lời của Bộ Nội vụ (⚠️); các điểm khác của Điều 44 chưa xác nhận.",
    )


def _hcld3_old():
    return _rule(
        code="HCLD3",
        category="form",
        regime=OLD,
        citation=cite(L2003, "46"),
        tag=U,
        criteria=[
            Criterion(
                key="not_modelled",
                label="Tiêu chuẩn HCLĐ hạng Ba theo Luật 2003",
                params=NotModelled(
                    statement="Hệ thống chưa có tiêu chuẩn Huân chương Lao động hạng Ba theo Luật 2003 Điều 46: hội đồng đánh giá."
                ),
                cite=cite(L2003, "46"),
                tag=U,
            ),
        ],
    )


RULES = (
    _gk_old(),
    *(_gk_new(r) for r in NEW),
    _bk_old(),
    *(_bk_new(r) for r in NEW),
    _bk_ttg_old(),
    _bk_ttg_new(NEW98),
    _bk_ttg_new(NEW152, resets=True),
    _hcld3_old(),
    _hcld3_new(NEW98),
    _hcld3_new(NEW152, resets=True),
)
