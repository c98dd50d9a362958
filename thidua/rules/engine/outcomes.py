"""What the engine answers: every criterion with its status, a Vietnamese reason and its citation."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from .sharing.fastinit import fast_init


def _(message: str) -> str:
    """Marks a Vietnamese source string for translation; the engine itself stays free of Django."""
    return message


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"  # a fact is missing: an officer must supply or confirm it


class Verdict(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    UNDETERMINED = "undetermined"
    NOT_MODELLED = "not_modelled"  # the regime has no rule we can evaluate; see the citation


class Badge(StrEnum):
    """Where an outcome stands for the officer: its verdict, with "undetermined" split into what an officer
    must confirm (every open criterion is a confirmation) and what facts are missing (any other)."""

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    CONFIRM = "confirm"
    MISSING = "missing"
    NOT_MODELLED = "not_modelled"

    @property
    def label(self) -> str:
        """The Vietnamese source text (the Django side translates it)."""
        return BADGE_LABELS[self]


BADGE_LABELS = {
    Badge.ELIGIBLE: _("Đủ điều kiện"),
    Badge.NOT_ELIGIBLE: _("Chưa đủ điều kiện"),
    Badge.CONFIRM: _("Cần xác nhận"),
    Badge.MISSING: _("Thiếu dữ kiện"),
    Badge.NOT_MODELLED: _("Chưa mô hình hoá"),
}
TAG_SYMBOL = {"confirmed": "✅", "partial": "⚠️", "unconfirmed": "❓"}


@dataclass(frozen=True)
class Citation:
    document: str
    article: str | None = None
    clause: str | None = None
    point: str | None = None

    def __str__(self) -> str:
        return _citation_text(self)

    @property
    def text(self) -> str:
        return _citation_text(self)

    def _text(self) -> str:
        parts = [self.document]
        if self.article:
            parts.append(f"Điều {self.article}")
        if self.clause:
            parts.append(f"khoản {self.clause}")
        if self.point:
            parts.append(f"điểm {self.point}")
        return ", ".join(parts)

    def as_dict(self) -> dict:
        return dict(_citation_dict(self))  # a fresh dict: callers may change theirs


@lru_cache(maxsize=4096)
def _citation_text(c: Citation) -> str:
    return c._text()


@lru_cache(maxsize=4096)
def _citation_dict(c: Citation) -> dict:
    # Citations are few and immutable; the text is built once (a province evaluation formats ~10⁶ of them).
    return {"document": c.document, "article": c.article, "clause": c.clause, "point": c.point, "text": str(c)}


@fast_init
@dataclass(frozen=True)
class CriterionResult:
    key: str
    label: str
    status: Status
    reason: str
    citation: Citation
    tag: str  # confirmed | partial | unconfirmed (DOMAIN status of the rule text)
    missing: str = ""  # what is still needed, e.g. "1 sáng kiến cấp tỉnh"
    evidence: tuple[str, ...] = ()  # ids used (initiatives, award years …): the council can check them
    children: tuple[CriterionResult, ...] = ()

    @property
    def met(self) -> bool:
        return self.status is Status.MET

    @property
    def tag_symbol(self) -> str:
        return TAG_SYMBOL[self.tag]

    def as_dict(self) -> dict:
        out = {
            "key": self.key,
            "label": self.label,
            "status": self.status.value,
            "reason": self.reason,
            "citation": self.citation.as_dict(),
            "tag": self.tag,
            "tag_symbol": TAG_SYMBOL[self.tag],
            "missing": self.missing,
            "evidence": list(self.evidence),
        }
        if self.children:
            out["children"] = [c.as_dict() for c in self.children]
        return out


def combine(statuses: list[Status]) -> Status:
    """All met → met; any not met → not met; otherwise unknown."""
    if Status.NOT_MET in statuses:
        return Status.NOT_MET
    if Status.UNKNOWN in statuses:
        return Status.UNKNOWN
    return Status.MET


def any_of(statuses: list[Status]) -> Status:
    if any(s is Status.MET for s in statuses):
        return Status.MET
    if any(s is Status.UNKNOWN for s in statuses):
        return Status.UNKNOWN
    return Status.NOT_MET


@fast_init
@dataclass(frozen=True)
class Outcome:
    subject: str  # person or collective id
    code: str
    name: str
    regime: str
    rule_version: str
    year: int
    verdict: Verdict
    citation: Citation
    tag: str
    criteria: tuple[CriterionResult, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def eligible(self) -> bool:
        return self.verdict is Verdict.ELIGIBLE

    @property
    def school_year(self) -> str:
        return f"{self.year}-{self.year + 1}"

    @property
    def tag_symbol(self) -> str:
        return TAG_SYMBOL[self.tag]

    @property
    def open_keys(self) -> frozenset[str]:
        """The keys of the criteria not met (yet)."""
        return frozenset(c.key for c in self.criteria if c.status is not Status.MET)

    def is_open(self, key: str) -> bool:
        """Whether criterion ``key`` is there and not met (e.g. the council's vote still to enter)."""
        return any(c.key == key and c.status is not Status.MET for c in self.criteria)

    def needs_confirmation(self, confirmable: frozenset[str]) -> bool:
        """Undetermined, and every open criterion is one an officer confirms (``confirmable``: their keys)."""
        return self.verdict is Verdict.UNDETERMINED and self.open_keys <= confirmable

    def missing_fact(self, confirmable: frozenset[str]) -> bool:
        """Undetermined because a recorded fact is missing (an open criterion no officer confirms)."""
        return self.verdict is Verdict.UNDETERMINED and not self.open_keys <= confirmable

    def badge(self, confirmable: frozenset[str]) -> Badge:
        """eligible | not_eligible | confirm | missing | not_modelled."""
        if self.verdict is not Verdict.UNDETERMINED:
            return Badge(self.verdict.value)
        return Badge.CONFIRM if self.open_keys <= confirmable else Badge.MISSING

    def missing(self) -> list[str]:
        out: list[str] = []
        for c in self.criteria:
            text = c.missing or c.reason
            if c.status is not Status.MET and text not in out:
                out.append(text)
        return out

    def still_missing(self) -> list[str]:
        """What is missing, unless the outcome is eligible (the result document's ``missing``)."""
        return self.missing() if self.verdict is not Verdict.ELIGIBLE else []

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "regime": self.regime,
            "rule_version": self.rule_version,
            "school_year": self.school_year,
            "verdict": self.verdict.value,
            "citation": self.citation.as_dict(),
            "tag": self.tag,
            "tag_symbol": TAG_SYMBOL[self.tag],
            "criteria": [c.as_dict() for c in self.criteria],
            "missing": self.still_missing(),
            "notes": list(self.notes),
        }
