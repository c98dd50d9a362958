"""A confirmation that races another officer's first save is refused with the criterion's words, not its key."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from thidua.core.errors import Conflict
from thidua.rules.models import Confirmation, fact_label
from thidua.rules.services import confirmations_set

from .conftest import school_year

pytestmark = pytest.mark.django_db


def test_the_race_is_told_by_the_criterions_words(world, history, monkeypatch):
    def lost_race(self, *args, **kwargs):
        raise IntegrityError("one_confirmation_per_fact")

    monkeypatch.setattr(Confirmation, "save", lost_race)
    with pytest.raises(Conflict) as refused:
        confirmations_set(
            actor=world.officer_school_a,
            person=history.hoa,
            school_year=school_year("2024-2025"),
            values={"ldtt_qualities": True},
            basis="Biên bản họp Hội đồng TĐKT số 05/BB-THCS",
        )

    assert refused.value.code == "confirmed_meanwhile"
    assert fact_label("ldtt_qualities") in str(refused.value) and "ldtt_qualities" not in str(refused.value)
