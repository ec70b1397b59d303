"""Clauses and the actors in their slots (subject, object, agent), on sentences in the shape of news copy."""

from __future__ import annotations

import pytest

from framing import clauses
from tests.conftest import one_sentence


@pytest.mark.parametrize(
    "text_in, trigger, expected",
    [
        ("This position only encourages Kim Jong-un to further escalate the conflict.", "escalate", ["Kim Jong-un"]),
        (
            "Russia, which has helped North Korea to develop missiles, has supported the regime.",
            "supported",
            ["Russia"],
        ),
        ("U.S.-South Korean military drills are provocative.", "are provocative", ["United States", "South Korea"]),
        (
            "The conflict between North Korea and the United States seems to intensify and Russia contributes to it.",
            "contributes",
            ["Russia"],
        ),
        ("North Korea's violations of UN resolutions alarmed Tokyo.", "violations", ["North Korea"]),  # a possessive
        ("While quietly supporting Pyongyang, Moscow plays with fire.", "plays", ["Russia"]),
    ],
)
def test_subject_rules(text_in, trigger, expected):
    s = one_sentence(text_in)
    start = text_in.index(trigger)
    clause = clauses.clause_of(clauses.clause_bounds(s), start)
    assert [m.actor for m in clauses.subject_of(s, clause, start)] == expected
