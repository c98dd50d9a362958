"""Honours of the education sector (DOMAIN §6.6, §6.7): Kỷ niệm chương "Vì sự nghiệp giáo dục", Nhà giáo Ưu tú,
Nhà giáo Nhân dân. The KNC's versions follow the education circulars (QĐ 27/2005, TT 22/2018, TT 29/2023),
narrower than the regimes."""

from __future__ import annotations

import datetime as dt

from ..criteria import AnyOf, Confirmed, Criterion, HasAward, NotHeld, SectorYears, TeachingTenure, TitleCount
from ..facts import AWAY_KINDS
from ..regimes import NEW, NEW98, NEW152, OLD
from .building import no_pending, rule
from .sources import L2003, L2022, ND27, QD27, TT22, TT29, C, P, U, cite


def _rule(**kw):
    return rule(subject="individual", **kw)


# -- Kỷ niệm chương "Vì sự nghiệp giáo dục" (DOMAIN §6.6) ------------------------------------------------
def _knc(
    regime, *, start, end, doc, article, years, hardship=None, exclude_discipline=True, by_gender=(), tag=C, version="1", counted_away=()
):
    return _rule(
        code="KNC_GD",
        category="form",
        regime=regime,
        period=(start, end),
        citation=cite(doc, article),
        tag=tag,
        criteria=[
            Criterion(key="once", label="Chưa được tặng (tặng một lần)", params=NotHeld(code="KNC_GD"), cite=cite(doc, article), tag=tag),
            Criterion(
                key="sector",
                label="Đủ thời gian công tác trong ngành giáo dục",
                params=SectorYears(
                    years=years,
                    hardship_years=hardship,
                    hardship_min_years=5,
                    exclude_discipline=exclude_discipline,
                    by_gender=by_gender,
                    counted_away=counted_away,
                ),
                cite=cite(doc, article, "1" if counted_away else None, "a" if counted_away else None),
                tag=tag,
            ),
        ],
        note="Áp dụng cho cá nhân trong ngành; đối tượng ngoài ngành (Điều 8 khoản 2) do hội đồng đánh giá.",
        version=version,
    )


# -- Nhà giáo Ưu tú, Nhà giáo Nhân dân (DOMAIN §6.7) -----------------------------------------------------
# Luật 2022 Điều 64; the old regime's rules assume the same tenure (❓), so each is written once here.
NGUT_TENURE = TeachingTenure(teaching=15, sector=20, manager_teaching=10, multiplier=2)
NGND_TENURE = TeachingTenure(teaching=20, sector=25, manager_teaching=15, multiplier=2)
_TENURE_LABEL = (
    "≥ {teaching} năm trực tiếp giảng dạy (CBQL, nghiên cứu: ≥ {sector} năm trong ngành, ≥ {manager_teaching} năm giảng dạy); "
    "thời gian ở biên giới, hải đảo, vùng có điều kiện kinh tế – xã hội đặc biệt khó khăn tính hệ số {multiplier:coef}"
)


def _ngut_new(regime):
    return _rule(
        code="NGUT",
        category="form",
        regime=regime,
        citation=cite(L2022, "64", "3"),
        tag=C,
        criteria=[
            Criterion(key="once", label="Chưa được phong tặng", params=NotHeld(code="NGUT"), cite=cite(L2022, "64", "3"), tag=C),
            Criterion(
                key="qualities",
                label="Trung thành, chấp hành pháp luật; đạo đức, tận tụy, tài năng sư phạm, đóng góp, được tôn vinh",
                params=Confirmed(fact="ngut_qualities"),
                cite=cite(L2022, "64", "3"),
                tag=C,
            ),
            Criterion(
                key="tenure",
                label=_TENURE_LABEL,
                params=NGUT_TENURE,
                cite=cite(L2022, "64", "3"),
                tag=C,
            ),
            no_pending(regime),
        ],
        note="Xét 3 năm một lần vào 20/11 (NĐ 35/2024 Điều 5); tiêu chí định lượng của NĐ 35/2024 chưa xác nhận (❓).",
    )


def _ngut_old():
    return _rule(
        code="NGUT",
        category="form",
        regime=OLD,
        citation=cite(ND27),
        tag=P,
        criteria=[
            Criterion(key="once", label="Chưa được phong tặng", params=NotHeld(code="NGUT"), cite=cite(L2003), tag=P),
            Criterion(
                key="qualities",
                label="Phẩm chất, tài năng sư phạm, đóng góp (hội đồng xác nhận)",
                params=Confirmed(fact="ngut_qualities"),
                cite=cite(ND27),
                tag=P,
            ),
            Criterion(
                key="cstdcs", label="{n:02d} lần đạt Chiến sĩ thi đua cơ sở", params=TitleCount(code="CSTDCS", n=7), cite=cite(ND27), tag=P
            ),
            Criterion(
                key="tenure",
                label="Thời gian trực tiếp giảng dạy (giả định như Luật 2022)",
                params=NGUT_TENURE,
                cite=cite(ND27),
                tag=U,
            ),
        ],
    )


def _ngnd_new(regime):
    return _rule(
        code="NGND",
        category="form",
        regime=regime,
        citation=cite(L2022, "64", "2"),
        tag=C,
        criteria=[
            Criterion(
                key="ngut",
                label="Đã được phong tặng Nhà giáo Ưu tú",
                params=HasAward(codes=("NGUT",)),
                cite=cite(L2022, "64", "2"),
                tag=C,
                missing="danh hiệu Nhà giáo Ưu tú",
            ),
            Criterion(key="once", label="Chưa được phong tặng", params=NotHeld(code="NGND"), cite=cite(L2022, "64", "2"), tag=C),
            Criterion(
                key="qualities",
                label="Tài năng sư phạm xuất sắc, đóng góp to lớn, ảnh hưởng rộng rãi",
                params=Confirmed(fact="ngnd_qualities"),
                cite=cite(L2022, "64", "2"),
                tag=C,
            ),
            Criterion(
                key="tenure",
                label=_TENURE_LABEL,
                params=NGND_TENURE,
                cite=cite(L2022, "64", "2"),
                tag=C,
            ),
            no_pending(regime),
        ],
        note="Xét 3 năm một lần vào 20/11 (NĐ 35/2024 Điều 5).",
    )


def _ngnd_old():
    two_bk = TitleCount(code="BK_BO_TINH", n=2)
    return _rule(
        code="NGND",
        category="form",
        regime=OLD,
        citation=cite(ND27),
        tag=P,
        criteria=[
            Criterion(
                key="ngut",
                label="Đã được phong tặng Nhà giáo Ưu tú",
                params=HasAward(codes=("NGUT",)),
                cite=cite(L2003),
                tag=P,
                missing="danh hiệu Nhà giáo Ưu tú",
            ),
            Criterion(key="once", label="Chưa được phong tặng", params=NotHeld(code="NGND"), cite=cite(L2003), tag=P),
            Criterion(
                key="cstd",
                label="01 lần CSTĐ cấp tỉnh hoặc giải nhà giáo xuất sắc cấp tỉnh",
                params=AnyOf(
                    options=(
                        Criterion(
                            key="cstd_tinh",
                            label="Chiến sĩ thi đua cấp tỉnh",
                            params=HasAward(codes=("CSTD_BO_TINH",)),
                            cite=cite(ND27),
                            tag=P,
                        ),
                        Criterion(
                            key="teacher_award",
                            label="Giải thưởng nhà giáo xuất sắc cấp tỉnh",
                            params=Confirmed(fact="provincial_teacher_award"),
                            cite=cite(ND27),
                            tag=P,
                        ),
                    )
                ),
                cite=cite(ND27),
                tag=P,
            ),
            Criterion(
                key="bk",
                label=f"Bằng khen Thủ tướng (MN, TH, THCS: {two_bk.n:02d} Bằng khen cấp tỉnh)",
                params=AnyOf(
                    options=(
                        Criterion(key="bk_ttg", label="Bằng khen Thủ tướng", params=HasAward(codes=("BK_TTG",)), cite=cite(ND27), tag=P),
                        Criterion(
                            key="two_bk",
                            label="{n:02d} Bằng khen cấp tỉnh (giáo viên mầm non, tiểu học, THCS)",
                            params=two_bk,
                            cite=cite(ND27),
                            tag=P,
                        ),
                    )
                ),
                cite=cite(ND27),
                tag=P,
            ),
            Criterion(
                key="qualities",
                label="Tài năng sư phạm xuất sắc, ảnh hưởng rộng rãi (hội đồng xác nhận)",
                params=Confirmed(fact="ngnd_qualities"),
                cite=cite(ND27),
                tag=P,
            ),
            Criterion(
                key="tenure",
                label="Thời gian trực tiếp giảng dạy (giả định như Luật 2022)",
                params=NGND_TENURE,
                cite=cite(ND27),
                tag=U,
            ),
        ],
    )


_KNC_OLD_START = dt.date(2018, 10, 14)  # TT 22/2018 in force
_KNC_NEW_START = dt.date(2024, 2, 15)  # TT 29/2023 in force
_DAY = dt.timedelta(days=1)

RULES = (
    _knc(
        OLD,
        start=OLD.effective_from,
        end=_KNC_OLD_START - _DAY,
        doc=QD27,
        article=None,
        years=20,
        exclude_discipline=False,
        by_gender=(("male", 25), ("female", 20)),
        version="qd27_2005",
    ),
    _knc(OLD, start=_KNC_OLD_START, end=OLD.effective_to, doc=TT22, article=None, years=20, exclude_discipline=False, version="tt22_2018"),
    _knc(
        NEW98,
        start=NEW98.effective_from,
        end=_KNC_NEW_START - _DAY,
        doc=TT22,
        article=None,
        years=20,
        exclude_discipline=False,
        version="tt22_2018",
    ),
    _knc(
        NEW98,
        start=_KNC_NEW_START,
        end=NEW98.effective_to,
        doc=TT29,
        article="8",
        years=20,
        hardship=15,
        version="tt29_2023",
        counted_away=AWAY_KINDS,
    ),
    _knc(
        NEW152,
        start=NEW152.effective_from,
        end=None,
        doc=TT29,
        article="8",
        years=20,
        hardship=15,
        version="tt29_2023",
        counted_away=AWAY_KINDS,
    ),
    _ngut_old(),
    *(_ngut_new(r) for r in NEW),
    _ngnd_old(),
    *(_ngnd_new(r) for r in NEW),
)
