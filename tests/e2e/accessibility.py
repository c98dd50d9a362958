"""axe-core in the browser tests: the serious and critical accessibility violations of the page shown."""

from __future__ import annotations

from functools import cache
from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")


@cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def serious_violations(page) -> list[str]:
    """Run axe-core on the page (WCAG 2.1 A and AA rules and best practices) and describe each serious or
    critical violation as "rule: the first elements concerned". The script is evaluated through the
    browser's debugging channel, so the page's Content Security Policy does not block it."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ["violations"]});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
        }"""
    )
    return [f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(v['nodes'])}" for v in result if v["impact"] in SERIOUS]


def unlabelled_inputs(page) -> list[str]:
    """The form fields of the page that have no label of their own: a <label> (around it or pointing to it),
    aria-label or aria-labelledby. axe accepts a placeholder or a title as a name; the house rule does not
    (a placeholder disappears as soon as one types)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll("input, select, textarea"))
            .filter(e => !["hidden", "submit", "button", "reset", "image"].includes(e.type))
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute("aria-label")
                         && !e.getAttribute("aria-labelledby"))
            .map(e => e.id ? "#" + e.id : `${e.tagName.toLowerCase()}[name=${e.name}]`)"""
    )
