"""What stops a decision on nomination lines (issue 14 item 6).

``decision_blockers(lines)`` returns one plain Vietnamese message per reason the granting unit may not decide on
these lines yet; ``dossiers.services.dossier_decide`` refuses with the messages when the list is not empty. The
checks are registered by the apps that know the reasons, so that ``nominations`` imports none of them: the
disclosure app registers "still being disclosed / an objection unanswered" (DOMAIN §8.4, Luật TĐKT 2022 Điều 84
khoản 5) in ``DisclosuresConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

_CHECKS: list[Callable[[Sequence], list[str]]] = []


def register(check: Callable[[Sequence], list[str]]) -> None:
    """Add a check (lines → messages); registering the same function twice keeps one."""
    if check not in _CHECKS:
        _CHECKS.append(check)


def decision_blockers(lines: Sequence) -> list[str]:
    """Messages naming why ``lines`` (``NominationLine`` rows) may not be decided now; [] when nothing blocks."""
    return [message for check in _CHECKS for message in check(lines)]
