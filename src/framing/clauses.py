"""Clauses of a unit and the actors in their slots, for rules that attach a word to an actor.

A unit's clauses end at ; and dashes, at clause words (``data/lexicons/clause_words.csv``) and
reporting verbs, and before "and"/"but" + a new actor; a relative clause (", which ...") inherits
its antecedent. In a clause, the *subject* of a word is the first actor before it that is not the
object of a preposition (or a possessive right before it: "North Korea's violations"); the
*object* is the first actor after it; the *agent* is the first actor after a following "by"
("done by Washington"). Coordinated actors come along ("Russia and China", "U.S.-South Korean").
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from framing import actors, attribution, lexicon, resources, segment, voice

# Verbs that take an actor as object ("encourages Kim Jong-un"); -ing and -ed forms count too.
TRANSITIVE_VERBS = frozenset(
    {
        "encourages",
        "encourage",
        "supports",
        "support",
        "helps",
        "help",
        "backs",
        "urges",
        "urge",
        "tells",
        "warns",
        "invites",
        "invite",
        "pressure",
        "pressures",
        "unnerve",
        "unnerves",
    }
)
# "encourages Kim Jong-un to further escalate": an object right before "to (adverb) <trigger>" is its subject
_CONTROL = re.compile(r"^\s+to\s+(?:[a-z]+ly\s+|further\s+)?$")
# Words that open a new clause: classes of data/lexicons/clause_words.csv.
CLAUSE_CLASSES = (
    "complement",
    "time",
    "cause",
    "concession",
    "condition",
    "contrast",
    "result",
    "time_cause_or_comparison",
)
RELATIVE_WORDS = ("which", "who", "whose")
POSSESSIVE_MAX_GAP_WORDS = 2  # "North Korea's [latest] violations"
AGENT_MAX_GAP_CHARS = 60  # "intimidated (what is allegedly done by Washington)"

_HARD_BREAK = re.compile(r";|\s-{1,2}\s")
_RELATIVE = re.compile(r",\s+(?:" + "|".join(RELATIVE_WORDS) + r")(?![\w-])", re.I)
_AND_BEFORE = re.compile(r"(?:,\s*)?(?<![\w-])(?:and|but|or)\s+(?:the\s+)?$", re.I)
_COORDINATION = re.compile(r"^\s*(?:,\s*)?(?:(?:and|or)\s+(?:the\s+)?)?$|^-$", re.I)
_SUBJECTLESS = re.compile(r"\s*(?:but|and)\s+(?:also\s+)?(?:has|have|had|is|are|was|were|will|would|did|does)\b", re.I)


@lru_cache(maxsize=1)
def reporting_codebook() -> lexicon.Codebook:
    """Reporting verbs only (they end a clause: what follows is the reported content)."""
    forms = sorted(attribution.cue_forms())
    return lexicon.compile_codebook(pd.DataFrame({"category": "cue", "term": forms, "negation": "no"}))


# ----------------------------------------------------------------------------- clauses and slots


def clause_bounds(s: voice.Unit) -> list[tuple[int, int, list[actors.Mention]]]:
    """Clauses as (start, end, inherited subject mentions) covering the sentence."""
    text = resources.normalise_same_length(s.text)
    clause_word = resources.clause_word_pattern(*CLAUSE_CLASSES)
    cuts = {m.start() for m in _HARD_BREAK.finditer(text)} | {m.start() for m in clause_word.finditer(text)}
    cuts |= {
        c.end
        for c in lexicon.find_matches(s.masked, reporting_codebook())
        if not text[c.end :].lstrip().startswith("to ")
    }
    ends = {m.end for m in s.mentions}
    for m in s.mentions:
        before = _AND_BEFORE.search(text[: m.start])
        if (
            before
            and text[: before.start()].rstrip(" ,")
            and not any(e <= before.start() and not text[e : before.start()].strip(" ,") for e in ends)
        ):
            cuts.add(before.start())
    relatives = {m.start() for m in _RELATIVE.finditer(text)}
    cuts |= relatives
    points = sorted(c for c in cuts if 0 < c < len(text))
    bounds = list(zip([0, *points], [*points, len(text)]))
    clauses: list[tuple[int, int, list[actors.Mention]]] = []
    for a, b in bounds:
        inherited = _antecedent(s, a) if a in relatives else []
        if not inherited and clauses and _SUBJECTLESS.match(text[a:b]):
            inherited = clauses[-1][2]  # "which has backed ... but has called for": same subject
        clauses.append((a, b, inherited))
    return clauses


def _antecedent(s: voice.Unit, position: int) -> list[actors.Mention]:
    """The actor (with its coordinated partners) right before a relative clause at ``position``."""
    before = [m for m in s.mentions if m.end <= position]
    if not before or s.text[before[-1].end : position].strip(" ,"):
        return []
    group = [before[-1]]
    for m in reversed(before[:-1]):
        if not _COORDINATION.match(s.text[m.end : group[0].start]):
            break
        group.insert(0, m)
    return group


def _is_object_marker(word: str) -> bool:
    """A preposition or a verb form that makes the next actor an object."""
    return (
        word in attribution.PREPOSITIONS or word in TRANSITIVE_VERBS or (len(word) > 4 and word.endswith(("ing", "ed")))
    )


def _with_coordinated(s: voice.Unit, first: actors.Mention, limit: int) -> list[actors.Mention]:
    """``first`` and the actors coordinated after it ("Russia and China", "U.S.-South Korean")."""
    chosen = [first]
    for m in s.mentions:
        if m.start >= chosen[-1].end and m.end <= limit:
            if _COORDINATION.match(s.text[chosen[-1].end : m.start]):
                chosen.append(m)
            else:
                break
    return chosen


def subject_of(s: voice.Unit, clause: tuple[int, int, list], start: int) -> list[actors.Mention]:
    """The subject actors of a trigger at ``start`` (rules in order):

    a possessive actor right before it ("North Korea's violations"); the antecedent of a subject
    relative clause (", which has helped"); the first actor of the clause before it that is not
    an object (after a preposition or a verb), unless the trigger is the infinitive right after
    it ("encourages Kim Jong-un to further escalate"); else the antecedent.
    """
    c_start, _, inherited = clause
    before = [m for m in s.mentions if c_start <= m.start and m.end <= start]
    if (
        before
        and before[-1].alias.endswith(("'s", "\u2019s"))
        and len(s.text[before[-1].end : start].split()) <= POSSESSIVE_MAX_GAP_WORDS
    ):
        return [before[-1]]
    if inherited and not (before and segment.count_words(s.text[c_start : before[0].start]) <= 1):
        return list(inherited)
    for m in before:
        controlled = _CONTROL.match(s.text[m.end : start]) is not None
        if controlled or not _is_object_marker(attribution.preceding_word(s.text[c_start:], m.start - c_start)):
            return _with_coordinated(s, m, start)
    return list(inherited)


def object_of(s: voice.Unit, clause: tuple[int, int, list], end: int) -> list[actors.Mention]:
    """The first actor after the trigger in its clause (with coordinated ones)."""
    after = [m for m in s.mentions if end <= m.start and m.end <= clause[1]]
    return _with_coordinated(s, after[0], clause[1]) if after else []


def agent_of(s: voice.Unit, start: int, end: int) -> list[actors.Mention]:
    """The actor right after a "by" in the trigger or within ``AGENT_MAX_GAP_CHARS`` after it (passive agent)."""
    for by in re.finditer(r"(?<![\w-])by\s+(?:both\s+)?", s.text[start : end + AGENT_MAX_GAP_CHARS]):
        after = [m for m in s.mentions if m.start == start + by.end()]
        if after:
            return _with_coordinated(s, after[0], len(s.text))
    return []


def clause_of(bounds: list, position: int) -> tuple[int, int, list]:
    """The clause holding ``position``."""
    return next(b for b in bounds if b[0] <= position < b[1])
