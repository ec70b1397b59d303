"""Voice: whose words carry a span of text. One definition, used by every stage.

The values follow ``docs/codebook.md`` (3.1):

- ``direct_quote``: inside quotation marks (more than half of the span); the speaker is the quote's
  (``quotes.csv``);
- ``attributed_paraphrase``: outside quotes, after a reporting cue with a source that governs the
  span ("Putin said that ...", "According to Sergey Lavrov, ...", "Moscow has assigned the blame
  ..., saying ..."); the speaker is the cue's subject;
- ``imputation``: outside quotes, after a cue by which the outlet ascribes a belief, wish or
  motive to an actor without citing a statement ("Moscow does not actually think ...", "Russia
  wants ...", "according to whom ...", "was presumably responding to ...");
- ``own_narration``: neither: the outlet's own assertion.

A cue governs what follows it in its sentence, unless a subordinator ("after", "when" ...) starts
a new clause first, or the cue only attributes a quote that ends right before it ('..." Putin
wrote, apparently referencing ...': what follows is the outlet's gloss).

Copy shared with another text or a wire is a separate, corpus-level property (``framing.copy``):
a sentence keeps its voice, and "own narration" in the findings means own narration that is not
shared copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from framing import actors, attribution, lexicon, resources, segment, spans, storage

VOICES = ("direct_quote", "attributed_paraphrase", "imputation", "own_narration")
LABELS = {
    "direct_quote": "direct quote",
    "attributed_paraphrase": "attributed paraphrase",
    "imputation": "imputation (the outlet ascribes a view)",
    "own_narration": "own narration",
}
OUTLET = "outlet"  # the speaker group of the outlet's own voice
UNRESOLVED = "(unresolved)"  # a cue whose source the rules cannot name
CUES_FILE = "attribution_cues.csv"
POSTPOSED_MAX_WORDS = 5  # '..." the Russian president wrote': speaker words between a quote and its cue


# ----------------------------------------------------------------------------- cues


@lru_cache(maxsize=1)
def extra_cues() -> lexicon.Codebook:
    """The cues of ``attribution_cues.csv`` beyond the reporting verbs (``reporting`` or
    ``imputation``: 'assigned ... blame', 'according to whom', 'wants', 'presumably'), no negation."""
    table = resources.load_lexicon(CUES_FILE)
    return lexicon.compile_codebook(table[["category", "term"]].assign(negation="no"))


@dataclass(frozen=True)
class Cue:
    """A voice cue in a unit: a reporting verb (``framing.attribution``) or an extra cue."""

    start: int
    end: int
    category: str  # reporting | imputation
    text: str
    speaker: tuple[str, str]  # (speaker, speaker_group) of its subject, ('', '') if unresolved


def unit_cues(text: str, masked: str, context: attribution.Context) -> list[Cue]:
    """Every voice cue of a unit with its resolved subject; an extra cue wins where both match."""
    extras = [(m.start, m.end, m.category, m.matched_text) for m in lexicon.find_matches(masked, extra_cues())]
    verbs = [
        (c.start, c.end, "reporting", c.form)
        for c in attribution.find_cues(masked)
        if not any(a <= c.start < b for a, b, *_ in extras)
    ]
    whole = (0, len(text))
    found = []
    for start, end, category, form in sorted(extras + verbs):
        lemma = "according to" if form.lower().startswith("according to") else form
        cue = attribution.Cue(start, end, form, lemma, "")
        if lemma == "according to" and re.search(r"\b(?:whom|which)$", form, re.I):
            who = attribution.subject_before(text, masked, cue, whole, context)  # '..., according to whom X'
        else:
            who = attribution.cue_speaker(text, masked, cue, whole, context)
        found.append(Cue(start, end, category, form, (who.name or who.raw, who.group) if who else ("", "")))
    return found


# ----------------------------------------------------------------------------- unit context


@dataclass
class Unit:
    """One unit with what voice needs: text, quotes with speakers, actor mentions, cues."""

    sentence_id: str
    article_id: str
    text: str
    quotes: list[tuple[int, int, str, str]]  # (start, end, speaker, speaker_group)
    cues: list[Cue] = field(default_factory=list)
    masked: str = ""

    @property
    def mentions(self) -> list[actors.Mention]:
        """The actor mentions of the unit's text, found only when asked for: matching a codebook needs none."""
        return actors.find_mentions(self.text)

    def in_quote(self, start: int, end: int) -> tuple[str, str] | None:
        """(speaker, speaker_group) of the quote holding most of [start, end), if any."""
        for q_start, q_end, speaker, group in self.quotes:
            inside = max(0, min(end, q_end) - max(start, q_start))
            if 2 * inside > end - start:
                return speaker, group
        return None


def quote_speakers(sentences: pd.DataFrame, quotes: pd.DataFrame) -> dict[str, list[tuple[int, int, str, str]]]:
    """Per sentence: its quote spans (``quote_spans``) paired in order with the quotes that cover it."""
    covering: dict[str, list] = {}
    for row in storage.rows(quotes.sort_values("quote_id")):
        for sentence_id in str(row.sentence_ids).split(";"):
            covering.setdefault(sentence_id, []).append((row.speaker, row.speaker_group))
    result = {}
    for sid, spans_text in zip(sentences["sentence_id"], sentences["quote_spans"]):
        quoted = spans.parse_spans(spans_text)
        who = covering.get(sid, [])
        result[sid] = [(a, b, *(who[i] if i < len(who) else ("", ""))) for i, (a, b) in enumerate(quoted)]
    return result


def build_units(sentences: pd.DataFrame, quotes: pd.DataFrame) -> list[Unit]:
    """A ``Unit`` for every row of the sentences table, in order; cue subjects are resolved with
    each article's running context (people named so far), as quotes are."""
    return list(iter_units(sentences, quotes))


def iter_units(sentences: pd.DataFrame, quotes: pd.DataFrame) -> Iterator[Unit]:
    """``build_units`` one unit at a time, so that a caller's further work on a unit's text comes
    while what was found in it is still among the recently searched texts (``actors.RECENT_TEXTS``)."""
    quoted = quote_speakers(sentences, quotes)
    contexts: dict[str, attribution.Context] = {}
    for sid, aid, text in zip(sentences["sentence_id"], sentences["article_id"], sentences["text"]):
        unit = Unit(sid, aid, text, quoted[sid])
        unit.masked = spans.blank(text, unit.quotes)
        context = contexts.setdefault(aid, attribution.Context())
        context.sentence += 1
        unit.cues = unit_cues(text, unit.masked, context)
        attribution.register(unit.masked, context)
        for _, _, speaker, group in unit.quotes:
            context.spoke(attribution.Speaker(speaker, "person", group, speaker) if speaker in context.people else None)
        yield unit


# ----------------------------------------------------------------------------- reach of cues


def _postposed(unit: Unit, cue: Cue) -> bool:
    """A cue that attributes the quote right before it: what follows is the outlet's gloss."""
    return any(
        q_end <= cue.start and segment.count_words(unit.masked[q_end : cue.start]) <= POSTPOSED_MAX_WORDS
        for _, q_end, *_ in unit.quotes
    )


def governing_cue(unit: Unit, start: int) -> Cue | None:
    """The cue that governs a span starting at ``start`` (the last one before it in reach), if any."""
    cues = [c for c in unit.cues if c.end <= start and not _postposed(unit, c)]
    # a subordinator ends a cue's reach: "The Russian President's warning comes after Pyongyang fired ..."
    blocker = resources.clause_word_pattern(*resources.SUBORDINATOR_CLASSES)
    if cues and not blocker.search(unit.masked[cues[-1].end : start]):
        return cues[-1]
    return None


# ----------------------------------------------------------------------------- voice


def span_voice(unit: Unit, start: int, end: int) -> tuple[str, str, str]:
    """(voice, speaker, speaker_group) of the span [start, end) of a unit."""
    quoted = unit.in_quote(start, end)
    if quoted:
        return "direct_quote", quoted[0] or UNRESOLVED, quoted[1] or ""
    cue = governing_cue(unit, start)
    if cue is None:
        return "own_narration", OUTLET, OUTLET
    speaker, group = cue.speaker
    kind = "imputation" if cue.category == "imputation" else "attributed_paraphrase"
    return kind, speaker or UNRESOLVED, group


def word_voices(unit: Unit) -> list[tuple[str, str, str]]:
    """The voice of every word of the unit (``segment.words``), in order."""
    spans = segment.word_tokenizer().span_tokenize(resources.normalise_same_length(unit.text))
    return [span_voice(unit, a, b) for a, b in spans]


def unit_voice(unit: Unit) -> tuple[str, str, str]:
    """(voice, speaker, speaker_group) of a whole unit's main proposition.

    ``direct_quote`` when at least half of its words are quoted; otherwise the unit reports
    someone (``attributed_paraphrase`` or ``imputation``) when any unquoted word is in that voice,
    the paraphrase winning a tie; else ``own_narration``.
    """
    voices = word_voices(unit)
    if not voices:
        return "own_narration", OUTLET, OUTLET
    quoted = [v for v in voices if v[0] == "direct_quote"]
    if 2 * len(quoted) >= len(voices):
        return quoted[0]
    for kind in ("attributed_paraphrase", "imputation"):
        found = [v for v in voices if v[0] == kind]
        if found:
            return found[0]
    return "own_narration", OUTLET, OUTLET


def unit_voices(sentences: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """Per unit: sentence_id, article_id, voice, speaker, speaker_group, and the words in each voice."""
    rows = []
    for unit in build_units(sentences, quotes):
        voice, speaker, group = unit_voice(unit)
        counts = {v: 0 for v in VOICES}
        for v in word_voices(unit):
            counts[v[0]] += 1
        rows.append(
            {
                "sentence_id": unit.sentence_id,
                "article_id": unit.article_id,
                "voice": voice,
                "speaker": speaker,
                "speaker_group": group,
                **{f"words_{v}": n for v, n in counts.items()},
            }
        )
    return pd.DataFrame(rows)
