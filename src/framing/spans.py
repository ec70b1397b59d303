"""Character spans written into table cells: quote spans of a sentence as 'start-end;start-end'."""

from __future__ import annotations


def format_spans(spans: list[tuple[int, int]]) -> str:
    """Spans as 'start-end;start-end' (empty string for none)."""
    return ";".join(f"{start}-{end}" for start, end in spans)


def parse_spans(text) -> list[tuple[int, int]]:
    """Inverse of ``format_spans``; an empty cell (or NaN, as pandas may read one) means none."""
    if not isinstance(text, str):
        return []
    return [(int(a), int(b)) for a, b in (part.split("-") for part in text.split(";") if part)]


def blank(text: str, spans) -> str:
    """``text`` with each span (``(start, end, ...)``, the inner text of a quotation) and the mark on
    either side of it replaced by spaces, so every offset stays valid: the one way quoted words
    are taken out of a text."""
    chars = list(text)
    for start, end, *_ in spans:
        for i in range(max(start - 1, 0), min(end + 1, len(chars))):
            chars[i] = " "
    return "".join(chars)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int] | None:
    """The overlap of two spans, or None."""
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return (start, end) if start < end else None
