"""Find mentions of the canonical actors listed in ``data/lexicons/actors.csv``.

Each alias maps to an actor (``Vladimir Putin``, ``Russia``) and an actor group (``Russia``).
The longest alias wins at any position ("Russian President Vladimir Putin" over "Russian");
``match_case`` keeps "US" from matching the pronoun "us". Matching runs on text whose
typographic quotes are mapped to ASCII one for one, so offsets index the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from framing import resources, storage

POSSESSIVE = r"(?:'s|')?"


@dataclass(frozen=True)
class Mention:
    """An actor mention: character span, the alias as written, and who it denotes."""

    start: int
    end: int
    alias: str
    actor: str
    kind: str
    actor_group: str


def _alternative(alias: str, match_case: bool) -> str:
    body = re.escape(resources.normalise_same_length(alias))
    return body if match_case else f"(?i:{body})"


@lru_cache(maxsize=4)
def _compiled(folder: str | None = None):
    table = resources.load_lexicon("actors.csv", folder)
    table = table.assign(_len=table["alias"].str.len()).sort_values("_len", ascending=False, kind="stable")
    by_alias: dict[str, Any] = {}  # normalised lower-case alias -> its row of actors.csv
    parts = []
    for row in storage.rows(table):
        key = resources.normalise_same_length(row.alias).lower()
        by_alias.setdefault(key, row)
        parts.append(_alternative(row.alias, row.match_case == "yes"))
    pattern = re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w){POSSESSIVE}")
    return pattern, by_alias


# Texts whose mentions are kept: one unit is searched several times in a row (as written, then its
# quote-blanked copy for reporting verbs and for speaker phrases), and short names recur in every text.
RECENT_TEXTS = 4096


def find_mentions(text: str) -> list[Mention]:
    """Actor mentions in ``text``, left to right, not overlapping."""
    return list(_mentions(text))


@lru_cache(maxsize=RECENT_TEXTS)
def _mentions(text: str) -> tuple[Mention, ...]:
    pattern, by_alias = _compiled()
    plain = resources.normalise_same_length(text)
    mentions = []
    for match in pattern.finditer(plain):
        written = resources.strip_possessive(match.group(0))
        row = by_alias[written.lower()]
        mentions.append(
            Mention(match.start(), match.end(), text[match.start() : match.end()], row.actor, row.kind, row.actor_group)
        )
    return tuple(mentions)


def mention_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each mention ``find_mentions`` returns, without building the mentions
    (the same regex over the same text; ``test_actors`` checks equality on every sentence)."""
    pattern, _ = _compiled()
    return [match.span() for match in pattern.finditer(resources.normalise_same_length(text))]
