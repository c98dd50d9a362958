"""Collective titles and forms (DOMAIN §5, §6.2) per regime. Shares are exact fractions."""

from __future__ import annotations

from fractions import Fraction

from ..criteria import (
    AllMembersAtLeast,
    AnyOf,
    CollectiveRating,
    CollectiveRun,
    Confirmed,
    Criterion,
    HasMemberWith,
    LeadsCluster,
    MemberShare,
    NoMemberDiscipline,
    NotModelled,
    Rule,
)
from .sources import L2003, L2022, NEW, OLD, cite
from .votes import vote_criteria

C, P, U = "confirmed", "partial", "unconfirmed"
CSTD_TITLES = ("CSTDCS", "CSTD_BO_TINH", "CSTDTQ")


def _rule(code, name, category, regime, citation, tag, criteria, note=""):
    code_regime, start, end = regime
    return Rule(
        code=code, name=name, subject="collective", category=category, regime=code_regime, effective_from=start, effective_to=end,
        citation=citation, tag=tag, criteria=tuple(criteria), note=note,
    )  # fmt: skip


def _ttldtt(regime, doc, ratio, op, tag):
    label = "Trên 50% thành viên đạt Lao động tiên tiến" if op == ">" else "Ít nhất 70% thành viên đạt Lao động tiên tiến"
    return _rule(
        "TTLDTT",
        "Tập thể lao động tiên tiến",
        "title",
        regime,
        cite(doc, "28"),
        tag,
        [
            Criterion("rating", "Tập thể hoàn thành tốt nhiệm vụ", CollectiveRating("good"), cite(doc, "28", None, "a"), tag),
            Criterion(
                "emulation",
                "Có phong trào thi đua thường xuyên, thiết thực, hiệu quả",
                Confirmed("emulation_regular"),
                cite(doc, "28", None, "b"),
                tag,
            ),
            Criterion("share", label, MemberShare(ratio, op), cite(doc, "28", None, "c"), tag),
            Criterion(
                "discipline",
                "Không có cá nhân bị kỷ luật từ cảnh cáo trở lên",
                NoMemberDiscipline("warning"),
                cite(doc, "28", None, "c"),
                tag,
            ),
            Criterion(
                "solidarity",
                "Nội bộ đoàn kết, chấp hành tốt chủ trương, chính sách, pháp luật",
                Confirmed("solidarity_compliance"),
                cite(doc, "28", None, "d"),
                tag,
            ),
        ],
        note="Tỷ lệ được so sánh chính xác bằng phân số, không làm tròn.",
    )


def _ttldxs(regime, doc, tag, old):
    criteria = [
        Criterion("rating", "Tập thể hoàn thành xuất sắc nhiệm vụ", CollectiveRating("excellent"), cite(doc, "27", None, "a"), tag),
        Criterion(
            "emulation",
            "Phong trào thi đua thường xuyên, thiết thực, hiệu quả",
            Confirmed("emulation_regular"),
            cite(doc, "27", None, "b"),
            tag,
        ),
        Criterion("complete", "100% cá nhân hoàn thành nhiệm vụ", AllMembersAtLeast("completed"), cite(doc, "27", None, "c"), tag),
        Criterion(
            "share", "Ít nhất 70% thành viên đạt Lao động tiên tiến", MemberShare(Fraction(7, 10), ">="), cite(doc, "27", None, "c"), tag
        ),
        Criterion("cstdcs", "Có cá nhân đạt Chiến sĩ thi đua cơ sở", HasMemberWith(CSTD_TITLES), cite(doc, "27", None, "d"), tag),
    ]
    if old:
        criteria.insert(0, Criterion("outstanding", "Tiêu biểu trong số các tập thể lao động tiên tiến", Confirmed("outstanding_among_ttldtt"),
                                     cite(doc, "27"), tag))  # fmt: skip
        criteria.append(Criterion("discipline", "Không có cá nhân bị kỷ luật từ cảnh cáo trở lên", NoMemberDiscipline("warning"),
                                  cite(doc, "27", None, "d"), tag))  # fmt: skip
    criteria.append(Criterion("solidarity", "Nội bộ đoàn kết, gương mẫu chấp hành pháp luật", Confirmed("solidarity_compliance"),
                              cite(doc, "27", None, "đ"), tag))  # fmt: skip
    note = "" if old else "Văn bản nhắc lại Điều 27 Luật 2022 không có điều kiện kỷ luật thành viên."
    return _rule("TTLDXS", "Tập thể lao động xuất sắc", "title", regime, cite(doc, "27"), tag, criteria, note)


def _co_tinh_new(regime):
    return _rule(
        "CO_BO_TINH",
        "Cờ thi đua cấp Bộ, tỉnh",
        "title",
        regime,
        cite(L2022, "26"),
        P,
        [
            Criterion(
                "leads",
                "Dẫn đầu cụm, khối thi đua (hoặc phong trào chuyên đề ≥ 5 năm) do Bộ, tỉnh tổ chức",
                LeadsCluster(True),
                cite(L2022, "26", "1"),
                C,
            ),
            Criterion(
                "exemplary",
                "Hoàn thành vượt mức chỉ tiêu, tiêu biểu xuất sắc, nội bộ đoàn kết, trong sạch vững mạnh",
                Confirmed("exceeded_targets"),
                cite(L2022, "26", "1"),
                P,
            ),
            *vote_criteria(regime[0], "CO_BO_TINH"),
        ],
        note="Cách chấm điểm chọn tập thể dẫn đầu do quy chế cụm, khối quy định: nhập kết quả là dữ kiện.",
    )


def _co_tinh_old():
    return _rule(
        "CO_BO_TINH",
        "Cờ thi đua cấp Bộ, tỉnh",
        "title",
        OLD,
        cite(L2003, "26"),
        U,
        [
            Criterion(
                "not_modelled",
                "Tiêu chuẩn Cờ thi đua theo Luật 2003",
                NotModelled("Hệ thống chưa có nội dung tiêu chuẩn Cờ thi đua cấp Bộ, tỉnh theo Luật 2003 Điều 26: hội đồng đánh giá."),
                cite(L2003, "26"),
                U,
            ),
        ],
    )


def _co_cp_new(regime):
    return _rule(
        "CO_CP",
        "Cờ thi đua của Chính phủ",
        "title",
        regime,
        cite(L2022, "25"),
        C,
        [
            Criterion(
                "leads",
                "Thuộc một trường hợp của Điều 25",
                AnyOf(
                    (
                        Criterion(
                            "among_leaders",
                            "Tiêu biểu xuất sắc trong các tập thể dẫn đầu cụm, khối của Bộ, tỉnh",
                            Confirmed("outstanding_among_leaders"),
                            cite(L2022, "25", "1"),
                            C,
                        ),
                        Criterion(
                            "central_cluster",
                            "Dẫn đầu cụm, khối do Hội đồng TĐKT Trung ương tổ chức",
                            Confirmed("leads_central_cluster"),
                            cite(L2022, "25", "2"),
                            C,
                        ),
                        Criterion(
                            "pm_movement",
                            "Dẫn đầu phong trào do Thủ tướng phát động ≥ 5 năm",
                            Confirmed("leads_pm_movement"),
                            cite(L2022, "25", "3"),
                            C,
                        ),
                    )
                ),
                cite(L2022, "25"),
                C,
            ),
            Criterion(
                "exemplary",
                "Vượt mức chỉ tiêu; đoàn kết; tổ chức đảng, đoàn thể trong sạch; dẫn đầu thực hành tiết kiệm, chống lãng phí, tham nhũng",
                Confirmed("exceeded_targets"),
                cite(L2022, "25", "1"),
                C,
            ),
            *vote_criteria(regime[0], "CO_CP"),
        ],
        note="Hội đồng cần ≥ 80% phiếu (NĐ 98 Điều 30.7); hồ sơ ngành giáo dục trước 31/12.",
    )


def _co_cp_old():
    return _rule(
        "CO_CP",
        "Cờ thi đua của Chính phủ",
        "title",
        OLD,
        cite(L2003, "25"),
        C,
        [
            Criterion(
                "exemplary",
                "Hoàn thành vượt mức chỉ tiêu, tiêu biểu toàn quốc, dẫn đầu phong trào của Bộ, tỉnh; nội bộ đoàn kết",
                Confirmed("exceeded_targets"),
                cite(L2003, "25"),
                C,
            ),
        ],
    )


def _bk_tt_new(regime):
    return _rule(
        "BK_BO_TINH_TT",
        "Bằng khen cấp Bộ, tỉnh (tập thể)",
        "form",
        regime,
        cite(L2022, "74"),
        P,
        [
            Criterion(
                "achievement",
                "Đạt một trong các tiêu chuẩn của Điều 74 đối với tập thể",
                AnyOf(
                    (
                        Criterion(
                            "movement",
                            "Tiêu biểu xuất sắc trong phong trào thi đua",
                            Confirmed("outstanding_ministry_movement"),
                            cite(L2022, "74"),
                            P,
                        ),
                        Criterion("ad_hoc", "Thành tích đột xuất, có đóng góp", Confirmed("ministry_influence"), cite(L2022, "74"), P),
                        Criterion(
                            "excellent_run",
                            "02 năm liên tục hoàn thành xuất sắc nhiệm vụ",
                            CollectiveRun(2, rating="excellent"),
                            cite(L2022, "74"),
                            P,
                        ),
                        Criterion(
                            "ttldxs_run",
                            "02 năm liên tục đạt Tập thể lao động xuất sắc",
                            CollectiveRun(2, title="TTLDXS"),
                            cite(L2022, "74"),
                            P,
                        ),
                    )
                ),
                cite(L2022, "74"),
                P,
            ),
            Criterion(
                "democracy",
                "Thực hiện tốt dân chủ cơ sở, chăm lo đời sống, thực hành tiết kiệm, phòng chống tham nhũng",
                Confirmed("democracy_welfare"),
                cite(L2022, "74"),
                P,
            ),
        ],
    )


def _bk_tt_old():
    return _rule(
        "BK_BO_TINH_TT",
        "Bằng khen cấp Bộ, tỉnh (tập thể)",
        "form",
        OLD,
        cite(L2003),
        U,
        [
            Criterion(
                "not_modelled",
                "Tiêu chuẩn Bằng khen tập thể theo chế độ cũ",
                NotModelled("Hệ thống chưa có tiêu chuẩn Bằng khen tập thể theo Luật 2003, NĐ 91/2017: hội đồng đánh giá."),
                cite(L2003),
                U,
            ),
        ],
    )


RULES: tuple[Rule, ...] = (
    _ttldtt(OLD, L2003, Fraction(1, 2), ">", C), *(_ttldtt(r, L2022, Fraction(7, 10), ">=", P) for r in NEW),
    _ttldxs(OLD, L2003, C, True), *(_ttldxs(r, L2022, P, False) for r in NEW),
    _co_tinh_old(), *(_co_tinh_new(r) for r in NEW),
    _co_cp_old(), *(_co_cp_new(r) for r in NEW),
    _bk_tt_old(), *(_bk_tt_new(r) for r in NEW),
)  # fmt: skip
