"""Actor mentions: ``mention_spans`` (the fast path used for masking names) against ``find_mentions``."""

from __future__ import annotations

import pytest

from framing import actors, sentiment


def _variants(built) -> list[str]:
    """Every corpus sentence as written, name-masked, lower-case and upper-case, and possessives."""
    texts = list(built.sentences["text"])
    return texts + [sentiment.mask_names(t) for t in texts] + [t.lower() for t in texts] + [t.upper() for t in texts] + [
        "Russia's envoy, the Kremlin\u2019s line and the US' plan", "us and US", "",
    ]


def test_mention_spans_equal_find_mentions(built):
    for text in _variants(built):
        assert actors.mention_spans(text) == [(m.start, m.end) for m in actors.find_mentions(text)], text


@pytest.mark.parametrize("text_in, expected", [
    ("on the Kremlin's website", [("the Kremlin's", "Russia")]),          # a possessive stays in the span
    ("Russian President Vladimir Putin said", [("Russian President Vladimir Putin", "Vladimir Putin")]),
    ("let us talk, said the US", [("US", "United States")]),              # "us" is not the US
])
def test_find_mentions_hand_cases(text_in, expected):
    assert [(m.alias, m.actor) for m in actors.find_mentions(text_in)] == expected
