"""Reads of the documents app: the data of a document, from the rows it reproduces, for one actor."""

from __future__ import annotations

from thidua.awards.models import Award, Decision
from thidua.awards.permissions import access_decision


def decision_document(*, actor, decision_id) -> tuple[Decision, dict]:
    """The decision (if the actor may open it: ``awards.permissions.access_decision``, 404 otherwise) and the
    plain dict ``documents.decision`` renders. Every line of the decision is listed, as on the signed paper
    (docs/decisions/0012). Two queries after the access check, whatever the number of lines."""
    decision = access_decision(actor, decision_id)
    awards = (
        Award.objects.filter(decision=decision)
        .select_related("kind", "person", "unit", "unit__parent", "recipient_unit")
        .order_by("-kind__rank", "kind__code", "id")
    )
    sections: dict[int, dict] = {}
    for a in awards:
        section = sections.setdefault(a.kind_id, {"kind": a.kind.name, "rows": []})
        if a.person_id:
            row = {
                "name": a.person.full_name,
                "position": a.person.current_position,
                "unit": a.recipient_unit.name if a.recipient_unit else "",
            }
        else:
            parent_unit = a.unit.parent.name if a.unit.parent_id and a.unit.parent_id != a.unit_id else ""
            row = {"name": a.unit.name, "position": "", "unit": parent_unit, "collective": True}
        section["rows"].append(row)
    issuer = decision.issuer
    bases = [f"Căn cứ {decision.regime.citation}"] if decision.regime.citation else []
    if decision.school_year_id:
        bases.append(f"Căn cứ kết quả thực hiện nhiệm vụ năm học {decision.school_year.code}")
    data = {
        "issuer": issuer.name,
        "parent": issuer.parent.name if issuer.parent_id else "",
        "place": "",
        "date": decision.decision_date,
        "number": decision.number,
        "subject": decision.title,
        "signer_title": decision.signer_title,
        "signer_name": decision.signer_name,
        "bases": bases,
        "school_year": decision.school_year.code if decision.school_year_id else "",
        "sections": list(sections.values()),
    }
    return decision, data
