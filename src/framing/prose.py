"""Small helpers that turn numbers from the tables into sentences true for any corpus:
plurals, lists, ranges and shares, so findings never hard-code a count."""

from __future__ import annotations

from collections.abc import Iterable


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 text', '5 texts', '1,000 texts' (``words`` for an irregular plural)."""
    return f"{n:,} {word if n == 1 else words or word + 's'}"


def listing(items: Iterable[str], conjunction: str = "and", limit: int = 6) -> str:
    """'a', 'a and b', 'a, b and c'; beyond ``limit`` items, 'a, b, c and 4 more'."""
    items = list(items)
    if not items:
        return "none"
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" {conjunction} {len(items) - limit:,} more"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {conjunction} {items[-1]}"


def share(part: int, whole: int) -> str:
    """'3 of 19 (16%)'; '0 of 0' when there is nothing to share."""
    return f"{part:,} of {whole:,}" + (f" ({part / whole:.0%})" if whole else "")


def span(low: float, high: float, fmt: str = "{:.0%}") -> str:
    """'7%' when both ends round alike, else '7%-37%'."""
    a, b = fmt.format(low), fmt.format(high)
    return a if a == b else f"{a}-{b}"


def interval(value: float, low: float, high: float, fmt: str = "{:.0f}") -> str:
    """'24 [12-42]' (a value with its interval)."""
    if value != value:
        return "n/a"
    return f"{fmt.format(value)} [{fmt.format(low)}-{fmt.format(high)}]"
