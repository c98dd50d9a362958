"""The before/after of an audit row as a readable list: "Trường: cũ → mới", in Vietnamese.

Field names come from the models' ``verbose_name``; values are shown as a page shows them (dates
dd/mm/yyyy, choices by their label, titles by name, linked rows by their name, numbers with a thousands
dot). Bookkeeping keys (ids, search keys, tree paths, timestamps) are left out. ``describe_page`` does it
once per row of a page, resolving the linked rows with one query per model.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.formats.numbers import number_vi
from thidua.rules.engine.titles import BY_CODE as TITLES

from .selectors import actor_name
from .verbs import verb_label

HIDDEN = {"id", "code", "name_folded", "sort_key", "path", "depth", "created_at", "updated_at", "sha256", "scan", "owner"}
# Keys that are not fields of the target model (what services add to a row's snapshot).
EXTRA_LABELS = {
    "awards": gettext_lazy("khen thưởng"),
    "authors": gettext_lazy("tác giả"),
    "restructuring": gettext_lazy("sắp xếp đơn vị"),
    "people_moved": gettext_lazy("số người chuyển"),
    "previous": gettext_lazy("quá trình công tác trước"),
    "previous_end_date": gettext_lazy("ngày kết thúc quá trình trước"),
    "employment": gettext_lazy("quá trình công tác"),
    "cash_amount": gettext_lazy("tiền thưởng"),
    "rows": gettext_lazy("số dòng"),
    "person": gettext_lazy("cán bộ"),
    "user": gettext_lazy("tài khoản"),
    "unit": gettext_lazy("đơn vị"),
    "school_year": gettext_lazy("năm học"),
    "created_by": gettext_lazy("người tạo"),
    "issuer": gettext_lazy("cơ quan ban hành"),
    "kind": gettext_lazy("loại"),
    "target_units": gettext_lazy("đơn vị được phát động"),
    "responses": gettext_lazy("số đơn vị hưởng ứng"),
    "due_on": gettext_lazy("hạn hưởng ứng"),
    "lines": gettext_lazy("đề nghị khen thưởng"),
    "count": gettext_lazy("số đề nghị"),
    "comment": gettext_lazy("góp ý"),
    "granted": gettext_lazy("danh hiệu được thông qua"),
    "member": gettext_lazy("thành viên Hội đồng"),
    "items": gettext_lazy("số nội dung"),
    "kind_code": gettext_lazy("danh hiệu đề nghị"),
    "lower_codes": gettext_lazy("danh hiệu thấp hơn"),
    "granted_code": gettext_lazy("danh hiệu đạt"),
    "support": gettext_lazy("số phiếu đồng ý"),
    "total": gettext_lazy("tổng số thành viên"),
    "line": gettext_lazy("đề nghị khen thưởng"),
    "zip_sha256": gettext_lazy("mã băm tệp nén"),
    "pdf_sha256": gettext_lazy("mã băm tệp PDF"),
}
EMPTY = "—"


@dataclass(frozen=True)
class Change:
    field: str
    before: str | None  # None: the field was not there before (a creation)
    after: str | None  # None: the field is gone (a deletion)


@dataclass(frozen=True)
class Row:
    event: object
    actor: str
    action: str
    target: str
    changes: list[Change]


def _model(event):
    try:
        return apps.get_model(event.target_type)
    except (LookupError, ValueError):
        return None


def _field(model, key: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def fact_labels() -> dict[str, str]:
    """Fact key -> the label of the criterion that asks for it (the rules' confirmation facts)."""
    from thidua.rules.engine.facade import DEFAULT_BOOK
    from thidua.rules.engine.rulesets import confirmation_facts

    labels = {}
    for subject in ("individual", "collective"):
        labels.update({k: f.label for k, f in confirmation_facts(DEFAULT_BOOK, subject=subject).items()})
    return labels


class Describer:
    """Shows the values of one page of audit rows; linked rows are fetched once per model."""

    def __init__(self, events) -> None:
        self.events = list(events)
        self.facts = fact_labels()
        wanted: dict[type[models.Model], set] = defaultdict(set)
        for event in self.events:
            model = _model(event)
            for data in (event.before, event.after):
                for key, value in (data or {}).items() if isinstance(data, dict) else ():
                    field = _field(model, key)
                    if field is not None and field.is_relation and field.related_model is not None:
                        for pk in value if isinstance(value, list) else [value]:
                            if isinstance(pk, int):
                                wanted[field.related_model].add(pk)
        self.names = {m: {o.pk: str(o) for o in m._default_manager.filter(pk__in=pks)} for m, pks in wanted.items()}

    def value(self, model, key: str, value) -> str:
        field = _field(model, key)
        if value is None or value == "" or value == []:
            return EMPTY
        if isinstance(value, bool):
            return _("có") if value else _("không")
        if key == "fact" and isinstance(value, str):
            return self.facts.get(value, value)
        if key in ("kind", "code", "kind_code", "granted_code") and isinstance(value, str) and value in TITLES:
            return TITLES[value].name
        if key == "lower_codes" and isinstance(value, list):
            return ", ".join(TITLES[v].name if v in TITLES else v for v in value)
        if key == "awards" and isinstance(value, list):
            return self.awards(value)
        pks = value if isinstance(value, list) else [value]
        if field is not None and field.is_relation and field.related_model is not None and all(isinstance(pk, int) for pk in pks):
            names = self.names.get(field.related_model, {})
            return ", ".join(names.get(pk, f"#{pk}") for pk in pks)
        if field is not None and getattr(field, "flatchoices", None) and not isinstance(value, (list, dict)):
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, (int, float)):
            return number_vi(value)
        if isinstance(value, str):
            return _date_text(value)
        if isinstance(value, list):
            return ", ".join(self.value(None, "", v) for v in value)
        if isinstance(value, dict):
            return "; ".join(f"{_label(None, k)}: {self.value(None, k, v)}" for k, v in value.items())
        return str(value)

    def awards(self, awards: list) -> str:
        counts: dict[str, int] = defaultdict(int)
        for award in awards:
            code = award.get("kind") if isinstance(award, dict) else None
            counts[TITLES[code].name if code in TITLES else _("khen thưởng")] += 1
        return ", ".join(f"{name} × {n}" for name, n in counts.items())

    def changes(self, event) -> list[Change]:
        model = _model(event)
        before = event.before if isinstance(event.before, dict) else {}
        after = event.after if isinstance(event.after, dict) else {}
        out = []
        for key in dict.fromkeys([*before, *after]):
            if key in HIDDEN:
                continue
            old, new = before.get(key), after.get(key)
            if event.before is not None and event.after is not None and key in before and key in after and old == new:
                continue
            if event.before is None and new in (None, "", []):
                continue  # a creation lists what was filled in
            out.append(
                Change(
                    field=_label(model, key),
                    before=self.value(model, key, old) if event.before is not None else None,
                    after=self.value(model, key, new) if event.after is not None else None,
                )
            )
        return out

    def target(self, event) -> str:
        text = event.target_repr
        for key, label in self.facts.items():
            if key in text:
                text = text.replace(key, label)
        return text

    def rows(self) -> list[Row]:
        return [Row(e, actor_name(e), verb_label(e.verb), self.target(e), self.changes(e)) for e in self.events]


def _label(model, key: str) -> str:
    field = _field(model, key)
    named = field is not None and hasattr(field, "verbose_name") and field.verbose_name != key.replace("_", " ")
    text = str(field.verbose_name) if named else str(EXTRA_LABELS.get(key, _("thông tin khác")))
    return text[:1].upper() + text[1:]


def _date_text(value: str) -> str:
    """ISO dates and times (as ``recorder.jsonable`` stores them) as the pages show them; other text as is."""
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date_format(dt.date.fromisoformat(value), "d/m/Y")
        except ValueError:
            return value
    if len(value) > 18 and value[4] == "-" and value[10] == "T":
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        return date_format(localtime(moment) if moment.tzinfo else moment, "d/m/Y H:i")
    return value


def describe_page(events) -> list[Row]:
    return Describer(events).rows()
