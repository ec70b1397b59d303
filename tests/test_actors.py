"""Actor mentions: hand cases from the seed texts, and ``mention_spans`` (the fast path used for
masking names) against ``find_mentions``."""

from __future__ import annotations

import pytest

from framing import actors, masking


def _variants(built) -> list[str]:
    """Every corpus sentence as written, name-masked, lower-case and upper-case, and possessives."""
    texts = list(built.sentences["text"])
    return (
        texts
        + [masking.mask_names(t) for t in texts]
        + [t.lower() for t in texts]
        + [t.upper() for t in texts]
        + [
            "Russia's envoy, the Kremlin\u2019s line and the US' plan",
            "us and US",
            "",
        ]
    )


def test_mention_spans_equal_find_mentions(built):
    for text in _variants(built):
        assert actors.mention_spans(text) == [(m.start, m.end) for m in actors.find_mentions(text)], text


def _mentions(text: str) -> list[tuple[str, str]]:
    return [(m.alias, m.actor) for m in actors.find_mentions(text)]


@pytest.mark.parametrize(
    "text_in, expected",
    [
        # the Kremlin is an actor of its own (an institution of Russia that speaks for Putin);
        # a possessive stays in the span
        ("on the Kremlin's website", [("the Kremlin's", "Kremlin")]),
        ("on the Kremlin’s website", [("the Kremlin’s", "Kremlin")]),
        # the longest alias wins
        ("Russian President Vladimir Putin said", [("Russian President Vladimir Putin", "Vladimir Putin")]),
        (
            "Russian Foreign Minister Sergey Lavrov, who delivered a message similar to Putin’s earlier this week",
            [("Russian Foreign Minister Sergey Lavrov", "Sergey Lavrov"), ("Putin’s", "Vladimir Putin")],
        ),
        (
            "The head of the Ministry of Foreign Affairs stressed",
            [("The head of the Ministry of Foreign Affairs", "Sergey Lavrov")],
        ),
        # "us" is not the US; "U.S." before a hyphen is
        ("let us talk, said the US", [("US", "United States")]),
        ("U.S.-South Korean military drills", [("U.S.", "United States"), ("South Korean", "South Korea")]),
        # metonyms: capitals for governments
        ("Moscow has already told Washington", [("Moscow", "Russia"), ("Washington", "United States")]),
        # plurals and possessive plurals
        (
            "President Putin has ordered Russians living near the North Korean border to move away.",
            [("President Putin", "Vladimir Putin"), ("Russians", "Russia"), ("North Korean", "North Korea")],
        ),
        ("distracts the Americans’ attention", [("Americans’", "United States")]),
        # whole words only
        ("Russianness", []),
    ],
)
def test_find_mentions_hand_cases(text_in, expected):
    assert _mentions(text_in) == expected


def test_a_mention_names_its_actor_group_and_kind():
    (kremlin,) = actors.find_mentions("the Kremlin")
    assert (kremlin.actor, kremlin.kind, kremlin.actor_group) == ("Kremlin", "body", "Russia")
    (putin,) = actors.find_mentions("Mr Putin")
    assert (putin.actor, putin.kind, putin.actor_group) == ("Vladimir Putin", "person", "Russia")


def test_offsets_index_the_original_text_with_typographic_marks():
    text = "“Russia’s opinion,” Putin wrote on the Kremlin’s website."
    for mention in actors.find_mentions(text):
        assert text[mention.start : mention.end] == mention.alias
    assert _mentions(text) == [("Russia’s", "Russia"), ("Putin", "Vladimir Putin"), ("the Kremlin’s", "Kremlin")]


def test_case_insensitive_aliases_match_any_case_but_names_do_not():
    """Role nouns ('the Russian president') match in any case; names are case-sensitive."""
    assert _mentions("THE RUSSIAN PRESIDENT said") == [("THE RUSSIAN PRESIDENT", "Vladimir Putin")]
    assert _mentions("the russian president said") == [("the russian president", "Vladimir Putin")]
    assert _mentions("moscow") == []


def test_each_call_returns_its_own_list():
    """Mentions of recent texts are kept; a caller changing the list it got changes no later answer."""
    first = actors.find_mentions("the Kremlin")
    first.clear()
    assert _mentions("the Kremlin") == [("the Kremlin", "Kremlin")]
