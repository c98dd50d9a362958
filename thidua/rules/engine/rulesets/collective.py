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
from ..regimes import NEW, NEW98, OLD
from .building import rule
from .sources import L2003, L2022, C, P, U, cite
from .votes import vote_criteria, vote_share

CSTD_TITLES = ("CSTDCS", "CSTD_BO_TINH", "CSTDTQ")


def _rule(**kw):
    return rule(subject="collective", **kw)


_SHARE_WORD = {">": "Trên", ">=": "Ít nhất"}  # how the law words the comparison of a share


def _ttldtt(regime, *, doc, ratio, op, tag):
    label = _SHARE_WORD[op] + " {ratio:pct}% thành viên đạt Lao động tiên tiến"
    return _rule(
        code="TTLDTT",
        category="title",
        regime=regime,
        citation=cite(doc, "28"),
        tag=tag,
        criteria=[
            Criterion(
                key="rating",
                label="Tập thể hoàn thành tốt nhiệm vụ",
                params=CollectiveRating(min="good"),
                cite=cite(doc, "28", None, "a"),
                tag=tag,
            ),
            Criterion(
                key="emulation",
                label="Có phong trào thi đua thường xuyên, thiết thực, hiệu quả",
                params=Confirmed(fact="emulation_regular"),
                cite=cite(doc, "28", None, "b"),
                tag=tag,
            ),
            Criterion(key="share", label=label, params=MemberShare(ratio=ratio, op=op), cite=cite(doc, "28", None, "c"), tag=tag),
            Criterion(
                key="discipline",
                label="Không có cá nhân bị kỷ luật từ cảnh cáo trở lên",
                params=NoMemberDiscipline(min_form="warning"),
                cite=cite(doc, "28", None, "c"),
                tag=tag,
            ),
            Criterion(
                key="solidarity",
                label="Nội bộ đoàn kết, chấp hành tốt chủ trương, chính sách, pháp luật",
                params=Confirmed(fact="solidarity_compliance"),
                cite=cite(doc, "28", None, "d"),
                tag=tag,
            ),
        ],
        note="Tỷ lệ được so sánh chính xác bằng phân số, không làm tròn.",
    )


def _ttldxs(regime, *, doc, tag, old):
    criteria = [
        Criterion(
            key="rating",
            label="Tập thể hoàn thành xuất sắc nhiệm vụ",
            params=CollectiveRating(min="excellent"),
            cite=cite(doc, "27", None, "a"),
            tag=tag,
        ),
        Criterion(
            key="emulation",
            label="Phong trào thi đua thường xuyên, thiết thực, hiệu quả",
            params=Confirmed(fact="emulation_regular"),
            cite=cite(doc, "27", None, "b"),
            tag=tag,
        ),
        Criterion(
            key="complete",
            label="100% cá nhân hoàn thành nhiệm vụ",
            params=AllMembersAtLeast(min="completed"),
            cite=cite(doc, "27", None, "c"),
            tag=tag,
        ),
        Criterion(
            key="share",
            label="Ít nhất {ratio:pct}% thành viên đạt Lao động tiên tiến",
            params=MemberShare(ratio=Fraction(7, 10), op=">="),
            cite=cite(doc, "27", None, "c"),
            tag=tag,
        ),
        Criterion(
            key="cstdcs",
            label="Có cá nhân đạt Chiến sĩ thi đua cơ sở",
            params=HasMemberWith(titles=CSTD_TITLES),
            cite=cite(doc, "27", None, "d"),
            tag=tag,
        ),
    ]
    if old:
        criteria.insert(
            0,
            Criterion(
                key="outstanding",
                label="Tiêu biểu trong số các tập thể lao động tiên tiến",
                params=Confirmed(fact="outstanding_among_ttldtt"),
                cite=cite(doc, "27"),
                tag=tag,
            ),
        )
        criteria.append(
            Criterion(
                key="discipline",
                label="Không có cá nhân bị kỷ luật từ cảnh cáo trở lên",
                params=NoMemberDiscipline(min_form="warning"),
                cite=cite(doc, "27", None, "d"),
                tag=tag,
            )
        )
    criteria.append(
        Criterion(
            key="solidarity",
            label="Nội bộ đoàn kết, gương mẫu chấp hành pháp luật",
            params=Confirmed(fact="solidarity_compliance"),
            cite=cite(doc, "27", None, "đ"),
            tag=tag,
        )
    )
    note = "" if old else "Văn bản nhắc lại Điều 27 Luật 2022 không có điều kiện kỷ luật thành viên."
    return _rule(
        code="TTLDXS",
        category="title",
        regime=regime,
        citation=cite(doc, "27"),
        tag=tag,
        criteria=criteria,
        note=note,
    )


def _co_tinh_new(regime):
    return _rule(
        code="CO_BO_TINH",
        category="title",
        regime=regime,
        citation=cite(L2022, "26"),
        tag=P,
        criteria=[
            Criterion(
                key="leads",
                label="Dẫn đầu cụm, khối thi đua (hoặc phong trào chuyên đề ≥ 5 năm) do Bộ, tỉnh tổ chức",
                params=LeadsCluster(or_movement=True),
                cite=cite(L2022, "26", "1"),
                tag=C,
            ),
            Criterion(
                key="exemplary",
                label="Hoàn thành vượt mức chỉ tiêu, tiêu biểu xuất sắc, nội bộ đoàn kết, trong sạch vững mạnh",
                params=Confirmed(fact="exceeded_targets"),
                cite=cite(L2022, "26", "1"),
                tag=P,
            ),
            *vote_criteria(regime.code, "CO_BO_TINH"),
        ],
        note="Cách chấm điểm chọn tập thể dẫn đầu do quy chế cụm, khối quy định: nhập kết quả là dữ kiện.",
    )


def _co_tinh_old():
    return _rule(
        code="CO_BO_TINH",
        category="title",
        regime=OLD,
        citation=cite(L2003, "26"),
        tag=U,
        criteria=[
            Criterion(
                key="not_modelled",
                label="Tiêu chuẩn Cờ thi đua theo Luật 2003",
                params=NotModelled(
                    statement="Hệ thống chưa có nội dung tiêu chuẩn Cờ thi đua cấp Bộ, tỉnh theo Luật 2003 Điều 26: hội đồng đánh giá."
                ),
                cite=cite(L2003, "26"),
                tag=U,
            ),
        ],
    )


def _co_cp_new(regime):
    return _rule(
        code="CO_CP",
        category="title",
        regime=regime,
        citation=cite(L2022, "25"),
        tag=C,
        criteria=[
            Criterion(
                key="leads",
                label="Thuộc một trường hợp của Điều 25",
                params=AnyOf(
                    options=(
                        Criterion(
                            key="among_leaders",
                            label="Tiêu biểu xuất sắc trong các tập thể dẫn đầu cụm, khối của Bộ, tỉnh",
                            params=Confirmed(fact="outstanding_among_leaders"),
                            cite=cite(L2022, "25", "1"),
                            tag=C,
                        ),
                        Criterion(
                            key="central_cluster",
                            label="Dẫn đầu cụm, khối do Hội đồng TĐKT Trung ương tổ chức",
                            params=Confirmed(fact="leads_central_cluster"),
                            cite=cite(L2022, "25", "2"),
                            tag=C,
                        ),
                        Criterion(
                            key="pm_movement",
                            label="Dẫn đầu phong trào do Thủ tướng phát động ≥ 5 năm",
                            params=Confirmed(fact="leads_pm_movement"),
                            cite=cite(L2022, "25", "3"),
                            tag=C,
                        ),
                    )
                ),
                cite=cite(L2022, "25"),
                tag=C,
            ),
            Criterion(
                key="exemplary",
                label="Vượt mức chỉ tiêu; đoàn kết; tổ chức đảng, đoàn thể trong sạch; dẫn đầu thực hành tiết kiệm, chống lãng phí, tham nhũng",
                params=Confirmed(fact="exceeded_targets"),
                cite=cite(L2022, "25", "1"),
                tag=C,
            ),
            *vote_criteria(regime.code, "CO_CP"),
        ],
        note=f"Hội đồng cần ≥ {vote_share(NEW98, 'CO_CP')}% phiếu (NĐ 98 Điều 30.7); hồ sơ ngành giáo dục trước 31/12.",
    )


def _co_cp_old():
    return _rule(
        code="CO_CP",
        category="title",
        regime=OLD,
        citation=cite(L2003, "25"),
        tag=C,
        criteria=[
            Criterion(
                key="exemplary",
                label="Hoàn thành vượt mức chỉ tiêu, tiêu biểu toàn quốc, dẫn đầu phong trào của Bộ, tỉnh; nội bộ đoàn kết",
                params=Confirmed(fact="exceeded_targets"),
                cite=cite(L2003, "25"),
                tag=C,
            ),
        ],
    )


def _bk_tt_new(regime):
    return _rule(
        code="BK_BO_TINH_TT",
        category="form",
        regime=regime,
        citation=cite(L2022, "74"),
        tag=P,
        criteria=[
            Criterion(
                key="achievement",
                label="Đạt một trong các tiêu chuẩn của Điều 74 đối với tập thể",
                params=AnyOf(
                    options=(
                        Criterion(
                            key="movement",
                            label="Tiêu biểu xuất sắc trong phong trào thi đua",
                            params=Confirmed(fact="outstanding_ministry_movement"),
                            cite=cite(L2022, "74"),
                            tag=P,
                        ),
                        Criterion(
                            key="ad_hoc",
                            label="Thành tích đột xuất, có đóng góp",
                            params=Confirmed(fact="ministry_influence"),
                            cite=cite(L2022, "74"),
                            tag=P,
                        ),
                        Criterion(
                            key="excellent_run",
                            label="{years:02d} năm liên tục hoàn thành xuất sắc nhiệm vụ",
                            params=CollectiveRun(years=2, rating="excellent"),
                            cite=cite(L2022, "74"),
                            tag=P,
                        ),
                        Criterion(
                            key="ttldxs_run",
                            label="{years:02d} năm liên tục đạt Tập thể lao động xuất sắc",
                            params=CollectiveRun(years=2, title="TTLDXS"),
                            cite=cite(L2022, "74"),
                            tag=P,
                        ),
                    )
                ),
                cite=cite(L2022, "74"),
                tag=P,
            ),
            Criterion(
                key="democracy",
                label="Thực hiện tốt dân chủ cơ sở, chăm lo đời sống, thực hành tiết kiệm, phòng chống tham nhũng",
                params=Confirmed(fact="democracy_welfare"),
                cite=cite(L2022, "74"),
                tag=P,
            ),
        ],
    )


def _bk_tt_old():
    return _rule(
        code="BK_BO_TINH_TT",
        category="form",
        regime=OLD,
        citation=cite(L2003),
        tag=U,
        criteria=[
            Criterion(
                key="not_modelled",
                label="Tiêu chuẩn Bằng khen tập thể theo chế độ cũ",
                params=NotModelled(
                    statement="Hệ thống chưa có tiêu chuẩn Bằng khen tập thể theo Luật 2003, NĐ 91/2017: hội đồng đánh giá."
                ),
                cite=cite(L2003),
                tag=U,
            ),
        ],
    )


RULES: tuple[Rule, ...] = (
    _ttldtt(OLD, doc=L2003, ratio=Fraction(1, 2), op=">", tag=C),
    *(_ttldtt(r, doc=L2022, ratio=Fraction(7, 10), op=">=", tag=P) for r in NEW),
    _ttldxs(OLD, doc=L2003, tag=C, old=True),
    *(_ttldxs(r, doc=L2022, tag=P, old=False) for r in NEW),
    _co_tinh_old(),
    *(_co_tinh_new(r) for r in NEW),
    _co_cp_old(),
    *(_co_cp_new(r) for r in NEW),
    _bk_tt_old(),
    *(_bk_tt_new(r) for r in NEW),
)
