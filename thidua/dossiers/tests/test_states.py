"""The dossier's table without a database."""

import pytest

from thidua.accounts.models import Role
from thidua.dossiers import states
from thidua.nominations import states as line_states

S, A = states.DossierStatus, states.DossierAction
OFFICER = {Role.OFFICER}


@pytest.mark.parametrize(
    ("state", "actions"),
    [
        (S.DRAFT, [A.SUBMIT]),
        (S.SUBMITTED, [A.RECALL, A.RECEIVE]),
        (S.RECEIVED, [A.CHECK, A.RETURN]),
        (S.CHECKING, [A.RETURN, A.FORWARD, A.DECIDE]),
        (S.RETURNED, [A.RESUBMIT]),
        (S.FORWARDED, []),
        (S.DECIDED, []),
    ],
)
def test_allowed_actions(state, actions):
    assert [t.action for t in states.DOSSIER.allowed_actions(state, OFFICER)] == actions


def test_recall_only_before_receipt():
    assert states.DOSSIER.step(S.SUBMITTED, A.RECALL) is not None
    for state in (S.RECEIVED, S.CHECKING, S.RETURNED, S.DECIDED):
        assert states.DOSSIER.step(state, A.RECALL) is None


def test_staff_and_council_take_no_step():
    for state in S.values:
        assert states.DOSSIER.allowed_actions(state, {Role.STAFF, Role.COUNCIL_MEMBER}) == ()


def test_every_action_is_one_side():
    assert states.DOSSIER.actions == states.SENDER_ACTIONS | states.RECEIVER_ACTIONS
    assert not states.SENDER_ACTIONS & states.RECEIVER_ACTIONS


def test_passed_lines_end_decided_or_refused():
    L, LA = line_states.LineState, line_states.LineAction
    for source in (L.PASSED, L.PASSED_LOWER):
        assert line_states.LINE.step(source, LA.DECIDE).target == L.DECIDED
        assert line_states.LINE.step(source, LA.REFUSE).target == L.REFUSED
    assert {L.DECIDED, L.REFUSED} <= line_states.LINE.final
    assert line_states.LINE.step(L.FAILED, LA.DECIDE) is None
