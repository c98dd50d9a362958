"""What other apps do when the council decides, without the council app importing them.

``councils`` is reused by other councils (initiative councils later) and must not import ``nominations``; an app
that links its rows to ballot items registers a callback here (in its ``AppConfig.ready()``) and the tally calls
every callback inside its own transaction, after the tally row and the item's transition are written. A callback
that raises rolls the tally back: the result and what follows from it are committed together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable

TallyHook = Callable[..., None]  # hook(*, actor, item, tally)
_TALLIED: list[TallyHook] = []


def on_tallied(hook: TallyHook) -> TallyHook:
    """Register ``hook(actor=, item=, tally=)``, called after each item's tally (once per function)."""
    if hook not in _TALLIED:
        _TALLIED.append(hook)
    return hook


def tallied(*, actor, item, tally) -> None:
    for hook in list(_TALLIED):
        hook(actor=actor, item=item, tally=tally)
