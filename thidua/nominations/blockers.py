"""What stops a decision on nomination lines: **the hook for public disclosure** (issue 14 item 6).

``decision_blockers(lines)`` returns one plain Vietnamese message per reason the granting unit may not decide on
these lines yet (an objection still open during the disclosure, DOMAIN §8.4). ``dossiers.services.dossier_decide``
refuses with the messages when the list is not empty. It returns [] until the disclosure app is wired in.
"""

from __future__ import annotations

from collections.abc import Sequence


def decision_blockers(lines: Sequence) -> list[str]:
    """Messages naming why ``lines`` (``NominationLine`` rows) may not be decided now; [] when nothing blocks."""
    return []
