"""Individual titles and forms (DOMAIN §4, §6) per regime."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from ..criteria import (
    AnyOf,
    AwardChain,
    ChainWithInitiatives,
    Confirmed,
    Criterion,
    HasAward,
    InitiativeCount,
    MeetsStandard,
    MinService,
    NoDiscipline,
    NoPending,
    NotHeld,
    NotModelled,
    PriorAward,
    RatingAtLeast,
    RatingCount,
    RatingRun,
    Rule,
    SectorYears,
    TeachingTenure,
    TitleChain,
    TitleCount,
    UnitCap,
    Window,
)
from ..facts import AWAY_KINDS
from .sources import (
    BNV,
    L2003,
    L2022,
    ND27,
    ND91,
    ND233,
    NEW,
    NEW98,
    NEW152,
    OLD,
    QD27,
    TT22,
    TT29,
    cite,
    pending_cite,
)
from .votes import vote_criteria

C, P, U = "confirmed", "partial", "unconfirmed"


def _rule(code, name, category, regime, citation, tag, criteria, note="", version="1", unit_cap=None):
    code_regime, start, end = regime
    return Rule(
        code=code, name=name, subject="individual", category=category, regime=code_regime, effective_from=start, effective_to=end,
        citation=citation, tag=tag, criteria=tuple(criteria), note=note, version=version, unit_cap=unit_cap,
    )  # fmt: skip


def _pending(regime_code: str) -> Criterion:
    citation, tag = pending_cite(regime_code)
    return Criterion(
        "no_pending", "Không đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra", NoPending(), citation, tag,
        missing="chờ kết luận xem xét kỷ luật/điều tra",
    )  # fmt: skip


# -- Lao động tiên tiến (DOMAIN §4.1) -------------------------------------------------------------------
def _ldtt_old():
    return _rule(
        "LDTT",
        "Lao động tiên tiến",
        "title",
        OLD,
        cite(L2003, "24"),
        C,
        [
            Criterion(
                "rating",
                "Hoàn thành tốt nhiệm vụ trở lên",
                RatingAtLeast("good"),
                cite(L2003, "24"),
                C,
                missing="xếp loại hoàn thành tốt nhiệm vụ trở lên",
            ),
            Criterion(
                "qualities",
                "Chấp hành tốt chủ trương, chính sách, pháp luật; tích cực học tập; đạo đức, lối sống lành mạnh",
                Confirmed("ldtt_qualities"),
                cite(L2003, "24"),
                C,
            ),
            Criterion(
                "service",
                "Công tác đủ 10 tháng trong năm (người mới tuyển dụng)",
                MinService(10),
                cite(ND91, "10"),
                C,
                missing="đủ 10 tháng công tác trong năm",
            ),
            Criterion("discipline", "Không bị kỷ luật từ khiển trách trở lên trong năm", NoDiscipline("reprimand"), cite(ND91, "10"), C),
        ],
        note="Nghỉ thai sản được tính là thời gian công tác (TT 02/2011/TT-BNV ⚠️); quy định nghỉ ≥ 40 ngày của NĐ 65/2014 đã bỏ.",
    )


def _ldtt_new(regime):
    code = regime[0]
    return _rule(
        "LDTT",
        "Lao động tiên tiến",
        "title",
        regime,
        cite(L2022, "24", "1"),
        C,
        [
            Criterion(
                "rating",
                "Hoàn thành tốt nhiệm vụ trở lên",
                RatingAtLeast("good"),
                cite(L2022, "24", "1", "a"),
                C,
                missing="xếp loại hoàn thành tốt nhiệm vụ trở lên",
            ),
            Criterion(
                "qualities",
                "Có tinh thần tự lực, tự cường; đoàn kết, tương trợ, tích cực tham gia phong trào thi đua",
                Confirmed("ldtt_qualities"),
                cite(L2022, "24", "1", "b"),
                C,
            ),
            _pending(code),
            Criterion(
                "discipline",
                "Không bị kỷ luật từ khiển trách trở lên trong năm (xếp loại KHTNV)",
                NoDiscipline("reprimand"),
                cite(ND233, "12", "4", "c"),
                P,
            ),
            Criterion(
                "service",
                "Công tác đủ 10 tháng trong năm (người mới tuyển dụng)",
                MinService(10),
                cite(TT29, "3"),
                U,
                missing="đủ 10 tháng công tác trong năm",
            ),
        ],
        note="Nghỉ thai sản được tính (NĐ 152/2025 Điều 4 khoản 5). Quy định 10 tháng theo chế độ mới chưa xác nhận (❓).",
    )


# -- Chiến sĩ thi đua cơ sở (DOMAIN §4.2) ---------------------------------------------------------------
def _cstdcs_old():
    return _rule(
        "CSTDCS",
        "Chiến sĩ thi đua cơ sở",
        "title",
        OLD,
        cite(ND91, "9", "3"),
        C,
        [
            Criterion("ldtt", "Đạt tiêu chuẩn Lao động tiên tiến", MeetsStandard("LDTT"), cite(ND91, "9", "3", "a"), C),
            Criterion(
                "initiative",
                "Có sáng kiến được cơ sở công nhận hoặc đề tài NCKH đã nghiệm thu, áp dụng tại đơn vị",
                InitiativeCount(1, "unit"),
                cite(ND91, "9", "3", "b"),
                C,
                missing="1 sáng kiến cấp cơ sở (hoặc đề tài đã nghiệm thu)",
            ),
        ],
        note="Số lượng không quá 15 % số Lao động tiên tiến của đơn vị (NĐ 91/2017 Điều 9 khoản 3): xét ở cấp đơn vị.",
        # The cap is confirmed; how 15 % × n is rounded is not stated anywhere DOMAIN has seen (❓): floor by default.
        unit_cap=UnitCap(
            Fraction(15, 100), cite(ND91, "9", "3"), "Trong tỉ lệ 15 % số Lao động tiên tiến của đơn vị", "LDTT", C, "floor", U
        ),
    )


def _cstdcs_new(regime):
    return _rule(
        "CSTDCS",
        "Chiến sĩ thi đua cơ sở",
        "title",
        regime,
        cite(L2022, "23"),
        C,
        [
            Criterion("ldtt", "Đạt tiêu chuẩn Lao động tiên tiến", MeetsStandard("LDTT"), cite(L2022, "23"), C),
            Criterion(
                "achievement",
                "Hoàn thành xuất sắc nhiệm vụ, hoặc có sáng kiến được cơ sở công nhận, hoặc đề tài/đề án/công trình KH&CN đã nghiệm thu",
                AnyOf(
                    (
                        Criterion("excellent", "Hoàn thành xuất sắc nhiệm vụ", RatingAtLeast("excellent"), cite(L2022, "23"), C),
                        Criterion(
                            "initiative",
                            "Sáng kiến được cơ sở công nhận",
                            InitiativeCount(1, "unit", ("initiative",)),
                            cite(L2022, "23"),
                            C,
                        ),
                        Criterion(
                            "research",
                            "Đề tài, đề án, công trình KH&CN đã nghiệm thu",
                            InitiativeCount(1, "unit", ("research",)),
                            cite(L2022, "23"),
                            C,
                        ),
                    )
                ),
                cite(L2022, "23"),
                C,
                missing="HTXSNV hoặc 1 sáng kiến cấp cơ sở",
            ),
            *vote_criteria(regime[0], "CSTDCS"),
        ],
        note="Luật 2022 không giới hạn tỷ lệ; tỷ lệ xếp loại HTXSNV bị giới hạn nên số CSTĐCS bị giới hạn gián tiếp.",
    )


# -- Chiến sĩ thi đua cấp Bộ, tỉnh (DOMAIN §4.3) --------------------------------------------------------
def _cstd_tinh(regime, doc, article, tag=C, resets=False):
    window = Window(reset_by=("CSTD_BO_TINH",), discipline_resets=resets)
    return _rule(
        "CSTD_BO_TINH",
        "Chiến sĩ thi đua cấp Bộ, ngành, tỉnh",
        "title",
        regime,
        cite(doc, article),
        tag,
        [
            Criterion(
                "chain",
                "03 lần liên tục đạt Chiến sĩ thi đua cơ sở",
                TitleChain("CSTDCS", 3, window),
                cite(doc, article, "1" if doc == L2022 else None),
                tag,
            ),
            Criterion(
                "initiative",
                "Sáng kiến (hoặc đề tài) có hiệu quả, phạm vi ảnh hưởng cấp Bộ, ngành, tỉnh",
                InitiativeCount(1, "province", window=Window(reset_by=("CSTD_BO_TINH",), span=3, discipline_resets=resets)),
                cite(doc, article, "2" if doc == L2022 else None),
                tag,
                missing="1 sáng kiến cấp tỉnh",
            ),
            Criterion(
                "outstanding",
                "Tiêu biểu xuất sắc trong số những người đạt 03 lần liên tục CSTĐCS",
                Confirmed("outstanding"),
                cite(doc, article),
                tag,
            ),
            *vote_criteria(regime[0], "CSTD_BO_TINH"),
        ],
        note="Hội đồng bỏ phiếu kín, cần ≥ 90% tổng số thành viên (NĐ 98 Điều 30.7).",
    )


# -- Chiến sĩ thi đua toàn quốc (DOMAIN §4.4) -------------------------------------------------------------
def _cstdtq(regime, doc, tag, note=""):
    return _rule(
        "CSTDTQ",
        "Chiến sĩ thi đua toàn quốc",
        "title",
        regime,
        cite(doc, "21"),
        tag,
        [
            Criterion(
                "chain",
                "02 lần liên tục đạt Chiến sĩ thi đua cấp Bộ, ngành, tỉnh",
                AwardChain("CSTD_BO_TINH", 2),
                cite(doc, "21", "1"),
                tag,
                missing="thêm 1 lần liên tục CSTĐ cấp tỉnh",
            ),
            Criterion(
                "initiative",
                "Sáng kiến (hoặc đề tài) có phạm vi ảnh hưởng toàn quốc",
                InitiativeCount(1, "national", window=Window(reset_by=("CSTDTQ",), span=6)),
                cite(doc, "21", "2"),
                tag,
                missing="1 sáng kiến cấp toàn quốc",
            ),
            Criterion(
                "outstanding",
                "Tiêu biểu xuất sắc trong số những người đạt 02 lần liên tục CSTĐ cấp tỉnh",
                Confirmed("outstanding"),
                cite(doc, "21"),
                tag,
            ),
            *vote_criteria(regime[0], "CSTDTQ"),
        ],
        note=note or "Hồ sơ gửi Bộ Nội vụ trước 31/12 năm liền kề; hội đồng cần ≥ 90% phiếu (NĐ 98 Điều 30.7, 32).",
    )


# -- Giấy khen (DOMAIN §6.1) ------------------------------------------------------------------------------
def _gk_new(regime):
    return _rule(
        "GK",
        "Giấy khen",
        "form",
        regime,
        cite(L2022, "75"),
        P,
        [
            Criterion(
                "compliance",
                "Gương mẫu chấp hành chủ trương, chính sách, pháp luật",
                Confirmed("exemplary_compliance"),
                cite(L2022, "75"),
                P,
            ),
            Criterion("rating", "Hoàn thành tốt nhiệm vụ, nghĩa vụ công dân", RatingAtLeast("good"), cite(L2022, "75"), P),
            Criterion(
                "achievement",
                "Có thành tích được công nhận trong phong trào thi đua, hoặc nhiều thành tích/đột xuất có ảnh hưởng trong đơn vị",
                AnyOf(
                    (
                        Criterion(
                            "movement", "Thành tích trong phong trào thi đua", Confirmed("movement_achievement"), cite(L2022, "75"), P
                        ),
                        Criterion(
                            "influence",
                            "Nhiều thành tích hoặc thành tích đột xuất có ảnh hưởng trong đơn vị",
                            Confirmed("unit_influence"),
                            cite(L2022, "75"),
                            P,
                        ),
                        Criterion(
                            "education",
                            "Thành tích xuất sắc trong công tác, phong trào thi đua, thi cử của đơn vị",
                            Confirmed("outstanding_in_unit"),
                            cite(TT29, "11", "1"),
                            C,
                        ),
                    )
                ),
                cite(L2022, "75"),
                P,
            ),
        ],
    )


def _gk_old():
    return _rule(
        "GK",
        "Giấy khen",
        "form",
        OLD,
        cite(L2003, "75"),
        U,
        [
            Criterion(
                "not_modelled",
                "Tiêu chuẩn Giấy khen theo Luật 2003",
                NotModelled("Hệ thống chưa có nội dung tiêu chuẩn Giấy khen theo Luật 2003 Điều 75: hội đồng đánh giá."),
                cite(L2003, "75"),
                U,
            ),
        ],
    )


# -- Bằng khen Bộ, tỉnh (DOMAIN §6.2) ---------------------------------------------------------------------
def _bk_new(regime):
    code = regime[0]
    return _rule(
        "BK_BO_TINH",
        "Bằng khen cấp Bộ, tỉnh",
        "form",
        regime,
        cite(L2022, "74", "1"),
        C,
        [
            Criterion(
                "achievement",
                "Đạt một trong các tiêu chuẩn của Điều 74 khoản 1",
                AnyOf(
                    (
                        Criterion(
                            "movement",
                            "Tiêu biểu xuất sắc trong phong trào thi đua của Bộ, ngành, tỉnh",
                            Confirmed("outstanding_ministry_movement"),
                            cite(L2022, "74", "1", "a"),
                            P,
                        ),
                        Criterion(
                            "influence",
                            "Nhiều thành tích hoặc thành tích đột xuất có ảnh hưởng trong Bộ, ngành, tỉnh",
                            Confirmed("ministry_influence"),
                            cite(L2022, "74", "1", "b"),
                            P,
                        ),
                        Criterion(
                            "contribution",
                            "Có đóng góp vào phát triển kinh tế – xã hội, ứng dụng KH&CN, xã hội, từ thiện",
                            Confirmed("socio_contribution"),
                            cite(L2022, "74", "1", "c"),
                            P,
                        ),
                        Criterion(
                            "chain",
                            "02 lần liên tục CSTĐCS hoặc 02 năm liên tục HTXSNV, trong thời gian đó có 02 sáng kiến cấp cơ sở (ngoài sáng kiến đã dùng cho CSTĐCS)",
                            ChainWithInitiatives("CSTDCS", "excellent", 2, 2, "unit", True, Window(reset_by=("BK_BO_TINH",))),
                            cite(L2022, "74", "1", "d"),
                            C,
                            missing="02 sáng kiến cấp cơ sở chưa dùng cho CSTĐCS",
                        ),
                    )
                ),
                cite(L2022, "74", "1"),
                C,
            ),
            _pending(code),
        ],
        note="Điểm đ (công nhân, nông dân) không áp dụng cho cán bộ ngành giáo dục. Cách đọc của Bộ Nội vụ về điểm d: " + BNV + ".",
    )


def _bk_old():
    window = Window(reset_by=("BK_BO_TINH",))
    return _rule(
        "BK_BO_TINH",
        "Bằng khen cấp Bộ, tỉnh",
        "form",
        OLD,
        cite(ND91, "39"),
        U,
        [
            Criterion(
                "achievement",
                "Đạt một trong các tiêu chuẩn Bằng khen",
                AnyOf(
                    (
                        Criterion(
                            "run",
                            "02 năm liên tục HTXSNV, trong thời gian đó có 02 sáng kiến cấp cơ sở",
                            ChainWithInitiatives("", "excellent", 2, 2, "unit", False, window),
                            cite(ND91, "39"),
                            U,
                            missing="02 năm liên tục HTXSNV và 02 sáng kiến cấp cơ sở",
                        ),
                        Criterion(
                            "movement",
                            "Tiêu biểu xuất sắc trong phong trào thi đua của Bộ, ngành, tỉnh (hội đồng xác nhận)",
                            Confirmed("outstanding_ministry_movement"),
                            cite(ND91, "39"),
                            U,
                        ),
                    )
                ),
                cite(ND91, "39"),
                U,
            ),
        ],
        note="Tiêu chuẩn theo NĐ 91/2017 Điều 39 chưa xác nhận (❓).",
    )


# -- Bằng khen Thủ tướng (DOMAIN §6.3) --------------------------------------------------------------------
def _bk_ttg_new(regime):
    code = regime[0]
    window = Window(after_prereq=("BK_BO_TINH",), min_years=5, reset_by=("BK_TTG",), discipline_resets=code == "law2022_nd152",
                    run_rating="good")  # fmt: skip
    return _rule("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", "form", regime, cite(L2022, "73", "1", "b"), C, [
        Criterion("prior", "Đã được tặng Bằng khen cấp Bộ, ngành, tỉnh (công trạng)", PriorAward(window), cite(L2022, "73", "1", "b"), C,
                  missing="Bằng khen cấp Bộ/tỉnh (công trạng) trước đó"),
        Criterion("run", "Liên tục từ 05 năm trở lên hoàn thành tốt nhiệm vụ trở lên đến thời điểm đề nghị", RatingRun("good", 5, window),
                  cite(L2022, "73", "1", "b"), C),
        Criterion("cstdcs", "Trong thời gian đó có 03 lần đạt Chiến sĩ thi đua cơ sở", TitleCount("CSTDCS", 3, window), cite(L2022, "73", "1", "b"), C),
        _pending(code),
    ], note="Thời gian tính từ sau thời gian lập thành tích ghi trong quyết định Bằng khen trước (NĐ 98 Điều 30.9); Bằng khen đột xuất, "
            "chuyên đề không được dùng (NĐ 152 Điều 4.3). Các điểm khác của Điều 73 chưa xác nhận (❓).")  # fmt: skip


def _bk_ttg_old():
    window = Window(after_prereq=("BK_BO_TINH",), min_years=5, reset_by=("BK_TTG",), run_rating="excellent")
    return _rule(
        "BK_TTG",
        "Bằng khen của Thủ tướng Chính phủ",
        "form",
        OLD,
        cite(ND91, "38", "1", "c"),
        C,
        [
            Criterion(
                "prior",
                "Đã được tặng Bằng khen cấp Bộ, ngành, tỉnh",
                PriorAward(window),
                cite(ND91, "38", "1", "c"),
                C,
                missing="Bằng khen cấp Bộ/tỉnh trước đó",
            ),
            Criterion(
                "run",
                "05 năm liên tục tiếp theo hoàn thành xuất sắc nhiệm vụ",
                RatingRun("excellent", 5, window),
                cite(ND91, "38", "1", "c"),
                C,
            ),
            Criterion(
                "initiatives",
                "Trong thời gian đó có 05 sáng kiến được công nhận, áp dụng hiệu quả trong phạm vi cơ sở",
                InitiativeCount(5, "unit", window=window),
                cite(ND91, "38", "1", "c"),
                C,
            ),
        ],
    )


# -- Huân chương Lao động hạng Ba (DOMAIN §6.5) -----------------------------------------------------------
def _hcld3_new(regime):
    code = regime[0]
    window = Window(
        after_prereq=("BK_TTG",), min_years=5, reset_by=("HCLD3",), discipline_resets=code == "law2022_nd152", run_rating="good"
    )
    return _rule(
        "HCLD3",
        "Huân chương Lao động hạng Ba",
        "form",
        regime,
        cite(L2022, "44", "1", "e"),
        P,
        [
            Criterion(
                "prior",
                "Đã được tặng Bằng khen của Thủ tướng Chính phủ",
                PriorAward(window),
                cite(L2022, "44", "1", "e"),
                P,
                missing="Bằng khen Thủ tướng trước đó",
            ),
            Criterion(
                "run",
                "Liên tục từ 05 năm trở lên hoàn thành tốt nhiệm vụ trở lên đến thời điểm đề nghị",
                RatingRun("good", 5, window),
                cite(L2022, "44", "1", "e"),
                P,
            ),
            Criterion(
                "excellent",
                "Trong thời gian đó có năm hoàn thành xuất sắc nhiệm vụ (số năm chưa xác nhận)",
                RatingCount("excellent", 1, window),
                cite(L2022, "44", "1", "e"),
                U,
            ),
            Criterion(
                "cstdcs",
                "Trong thời gian đó có 03 lần đạt Chiến sĩ thi đua cơ sở",
                TitleCount("CSTDCS", 3, window),
                cite(L2022, "44", "1", "e"),
                P,
            ),
            _pending(code),
        ],
        note="Nội dung điểm e thấy qua bản dịch câu trả lời của Bộ Nội vụ (⚠️); các điểm khác của Điều 44 chưa xác nhận.",
    )


def _hcld3_old():
    return _rule(
        "HCLD3",
        "Huân chương Lao động hạng Ba",
        "form",
        OLD,
        cite(L2003, "46"),
        U,
        [
            Criterion(
                "not_modelled",
                "Tiêu chuẩn HCLĐ hạng Ba theo Luật 2003",
                NotModelled("Hệ thống chưa có tiêu chuẩn Huân chương Lao động hạng Ba theo Luật 2003 Điều 46: hội đồng đánh giá."),
                cite(L2003, "46"),
                U,
            ),
        ],
    )


# -- Kỷ niệm chương "Vì sự nghiệp giáo dục" (DOMAIN §6.6) ------------------------------------------------
def _knc(
    regime, start, end, doc, article, years, *, hardship=None, exclude_discipline=True, by_gender=(), tag=C, version="1", counted_away=()
):
    code_regime = regime[0]
    return _rule(
        "KNC_GD",
        "Kỷ niệm chương Vì sự nghiệp giáo dục",
        "form",
        (code_regime, start, end),
        cite(doc, article),
        tag,
        [
            Criterion("once", "Chưa được tặng (tặng một lần)", NotHeld("KNC_GD"), cite(doc, article), tag),
            Criterion(
                "sector",
                "Đủ thời gian công tác trong ngành giáo dục",
                SectorYears(years, hardship, 5, exclude_discipline, by_gender, counted_away),
                cite(doc, article, "1" if counted_away else None, "a" if counted_away else None),
                tag,
            ),
        ],
        note="Áp dụng cho cá nhân trong ngành; đối tượng ngoài ngành (Điều 8 khoản 2) do hội đồng đánh giá.",
        version=version,
    )


# -- Nhà giáo Ưu tú, Nhà giáo Nhân dân (DOMAIN §6.7) -----------------------------------------------------
def _ngut_new(regime):
    code = regime[0]
    return _rule(
        "NGUT",
        "Nhà giáo Ưu tú",
        "form",
        regime,
        cite(L2022, "64", "3"),
        C,
        [
            Criterion("once", "Chưa được phong tặng", NotHeld("NGUT"), cite(L2022, "64", "3"), C),
            Criterion(
                "qualities",
                "Trung thành, chấp hành pháp luật; đạo đức, tận tụy, tài năng sư phạm, đóng góp, được tôn vinh",
                Confirmed("ngut_qualities"),
                cite(L2022, "64", "3"),
                C,
            ),
            Criterion(
                "tenure",
                "≥ 15 năm trực tiếp giảng dạy (CBQL, nghiên cứu: ≥ 20 năm trong ngành, ≥ 10 năm giảng dạy); thời gian ở biên giới, hải đảo, "
                "vùng có điều kiện kinh tế – xã hội đặc biệt khó khăn tính hệ số 2,0",
                TeachingTenure(15, 20, 10, 2),
                cite(L2022, "64", "3"),
                C,
            ),
            _pending(code),
        ],
        note="Xét 3 năm một lần vào 20/11 (NĐ 35/2024 Điều 5); tiêu chí định lượng của NĐ 35/2024 chưa xác nhận (❓).",
    )


def _ngut_old():
    return _rule(
        "NGUT",
        "Nhà giáo Ưu tú",
        "form",
        OLD,
        cite(ND27),
        P,
        [
            Criterion("once", "Chưa được phong tặng", NotHeld("NGUT"), cite(L2003), P),
            Criterion("qualities", "Phẩm chất, tài năng sư phạm, đóng góp (hội đồng xác nhận)", Confirmed("ngut_qualities"), cite(ND27), P),
            Criterion("cstdcs", "07 lần đạt Chiến sĩ thi đua cơ sở", TitleCount("CSTDCS", 7), cite(ND27), P),
            Criterion("tenure", "Thời gian trực tiếp giảng dạy (giả định như Luật 2022)", TeachingTenure(15, 20, 10, 2), cite(ND27), U),
        ],
    )


def _ngnd_new(regime):
    code = regime[0]
    return _rule(
        "NGND",
        "Nhà giáo Nhân dân",
        "form",
        regime,
        cite(L2022, "64", "2"),
        C,
        [
            Criterion(
                "ngut",
                "Đã được phong tặng Nhà giáo Ưu tú",
                HasAward(("NGUT",)),
                cite(L2022, "64", "2"),
                C,
                missing="danh hiệu Nhà giáo Ưu tú",
            ),
            Criterion("once", "Chưa được phong tặng", NotHeld("NGND"), cite(L2022, "64", "2"), C),
            Criterion(
                "qualities",
                "Tài năng sư phạm xuất sắc, đóng góp to lớn, ảnh hưởng rộng rãi",
                Confirmed("ngnd_qualities"),
                cite(L2022, "64", "2"),
                C,
            ),
            Criterion(
                "tenure",
                "≥ 20 năm trực tiếp giảng dạy (CBQL, nghiên cứu: ≥ 25 năm trong ngành, ≥ 15 năm giảng dạy); thời gian ở biên giới, hải đảo, "
                "vùng có điều kiện kinh tế – xã hội đặc biệt khó khăn tính hệ số 2,0",
                TeachingTenure(20, 25, 15, 2),
                cite(L2022, "64", "2"),
                C,
            ),
            _pending(code),
        ],
        note="Xét 3 năm một lần vào 20/11 (NĐ 35/2024 Điều 5).",
    )


def _ngnd_old():
    return _rule(
        "NGND",
        "Nhà giáo Nhân dân",
        "form",
        OLD,
        cite(ND27),
        P,
        [
            Criterion("ngut", "Đã được phong tặng Nhà giáo Ưu tú", HasAward(("NGUT",)), cite(L2003), P, missing="danh hiệu Nhà giáo Ưu tú"),
            Criterion("once", "Chưa được phong tặng", NotHeld("NGND"), cite(L2003), P),
            Criterion(
                "cstd",
                "01 lần CSTĐ cấp tỉnh hoặc giải nhà giáo xuất sắc cấp tỉnh",
                AnyOf(
                    (
                        Criterion("cstd_tinh", "Chiến sĩ thi đua cấp tỉnh", HasAward(("CSTD_BO_TINH",)), cite(ND27), P),
                        Criterion(
                            "teacher_award", "Giải thưởng nhà giáo xuất sắc cấp tỉnh", Confirmed("provincial_teacher_award"), cite(ND27), P
                        ),
                    )
                ),
                cite(ND27),
                P,
            ),
            Criterion(
                "bk",
                "Bằng khen Thủ tướng (MN, TH, THCS: 02 Bằng khen cấp tỉnh)",
                AnyOf(
                    (
                        Criterion("bk_ttg", "Bằng khen Thủ tướng", HasAward(("BK_TTG",)), cite(ND27), P),
                        Criterion(
                            "two_bk",
                            "02 Bằng khen cấp tỉnh (giáo viên mầm non, tiểu học, THCS)",
                            TitleCount("BK_BO_TINH", 2),
                            cite(ND27),
                            P,
                        ),
                    )
                ),
                cite(ND27),
                P,
            ),
            Criterion(
                "qualities", "Tài năng sư phạm xuất sắc, ảnh hưởng rộng rãi (hội đồng xác nhận)", Confirmed("ngnd_qualities"), cite(ND27), P
            ),
            Criterion("tenure", "Thời gian trực tiếp giảng dạy (giả định như Luật 2022)", TeachingTenure(20, 25, 15, 2), cite(ND27), U),
        ],
    )


_KNC_OLD_START = dt.date(2018, 10, 14)  # TT 22/2018 in force
_KNC_NEW_START = dt.date(2024, 2, 15)  # TT 29/2023 in force

RULES: tuple[Rule, ...] = (
    _ldtt_old(), *(_ldtt_new(r) for r in NEW),
    _cstdcs_old(), *(_cstdcs_new(r) for r in NEW),
    _cstd_tinh(OLD, L2003, "22"), _cstd_tinh(NEW98, L2022, "22"), _cstd_tinh(NEW152, L2022, "22", resets=True),
    _cstdtq(OLD, L2003, U, "Hệ thống chỉ có tiêu chuẩn theo Luật 2022; chế độ cũ giả định như Luật 2022 (❓)."), *(_cstdtq(r, L2022, C) for r in NEW),
    _gk_old(), *(_gk_new(r) for r in NEW),
    _bk_old(), *(_bk_new(r) for r in NEW),
    _bk_ttg_old(), *(_bk_ttg_new(r) for r in NEW),
    _hcld3_old(), *(_hcld3_new(r) for r in NEW),
    _knc(OLD, OLD[1], _KNC_OLD_START - dt.timedelta(days=1), QD27, None, 20, exclude_discipline=False,
         by_gender=(("male", 25), ("female", 20)), version="qd27_2005"),
    _knc(OLD, _KNC_OLD_START, OLD[2], TT22, None, 20, exclude_discipline=False, version="tt22_2018"),
    _knc(NEW98, NEW98[1], _KNC_NEW_START - dt.timedelta(days=1), TT22, None, 20, exclude_discipline=False, version="tt22_2018"),
    _knc(NEW98, _KNC_NEW_START, NEW98[2], TT29, "8", 20, hardship=15, version="tt29_2023", counted_away=AWAY_KINDS),
    _knc(NEW152, NEW152[1], None, TT29, "8", 20, hardship=15, version="tt29_2023", counted_away=AWAY_KINDS),
    _ngut_old(), *(_ngut_new(r) for r in NEW),
    _ngnd_old(), *(_ngnd_new(r) for r in NEW),
)  # fmt: skip
