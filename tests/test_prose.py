"""Sentences built from numbers: plurals, lists, shares, ranges and intervals, for any corpus size."""

from __future__ import annotations

import pytest

from framing import prose


@pytest.mark.parametrize(
    "n, word, words, expected",
    [
        (1, "text", None, "1 text"),
        (5, "text", None, "5 texts"),
        (0, "text", None, "0 texts"),
        (1000, "text", None, "1,000 texts"),
        (2, "analysis", "analyses", "2 analyses"),
        (1, "analysis", "analyses", "1 analysis"),
        (12345, "body sentence", None, "12,345 body sentences"),
    ],
)
def test_plural(n, word, words, expected):
    assert prose.plural(n, word, words) == expected


@pytest.mark.parametrize(
    "items, expected",
    [
        ([], "none"),
        (["Newsweek"], "Newsweek"),
        (["Newsweek", "RFE/RL"], "Newsweek and RFE/RL"),
        (["a", "b", "c"], "a, b and c"),
        (list("abcdef"), "a, b, c, d, e and f"),  # six: all named
        (list("abcdefghi"), "a, b, c, d, e, f and 3 more"),
    ],
)
def test_listing(items, expected):
    assert prose.listing(items) == expected


def test_listing_takes_any_iterable_a_conjunction_and_a_limit():
    assert prose.listing((label for label in ["Breitbart", "Newsweek"]), "or") == "Breitbart or Newsweek"
    assert prose.listing([str(i) for i in range(1500)], limit=2) == "0, 1 and 1,498 more"


@pytest.mark.parametrize(
    "part, whole, expected",
    [
        (3, 19, "3 of 19 (16%)"),
        (0, 5, "0 of 5 (0%)"),
        (5, 5, "5 of 5 (100%)"),
        (0, 0, "0 of 0"),
        (1234, 5678, "1,234 of 5,678 (22%)"),
    ],
)
def test_share(part, whole, expected):
    assert prose.share(part, whole) == expected


@pytest.mark.parametrize(
    "low, high, fmt, expected",
    [
        (0.07, 0.37, "{:.0%}", "7%-37%"),
        (0.071, 0.074, "{:.0%}", "7%"),
        (0.191, 0.423, "{:.2f}", "0.19-0.42"),
        (1.0, 1.0, "{:.0f}", "1"),
    ],
)
def test_span(low, high, fmt, expected):
    assert prose.span(low, high, fmt) == expected


def test_interval():
    assert prose.interval(24.2, 12.4, 41.6) == "24 [12-42]"
    assert prose.interval(0.5, 0.25, 0.75, "{:.2f}") == "0.50 [0.25-0.75]"
    assert prose.interval(float("nan"), 1, 2) == "n/a"
