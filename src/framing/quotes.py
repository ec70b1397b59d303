"""Direct quotes: find them in a paragraph, then attribute each to a speaker and a cue verb.

Marks: typographic and straight, double and single (a single mark opens only after a space or at
the start, so apostrophes never open a quote). A double-quoted span may cross sentence breaks.

Attribution, for each quote:

1. *after the quote*, when the quote opens its sentence or ends in ``,`` ``!`` ``?`` inside
   its marks (the "…,” Putin wrote" pattern): the first cue verb and the first actor or
   pronoun between the quote and the end of that sentence;
2. *before the quote*: the nearest cue verb earlier in the sentence (other quotes masked out),
   and the nearest actor or pronoun before that verb (after it for "according to");
3. *continuation*: a quote that fills its whole sentence inherits the previous quote's speaker.

"he"/"she" resolves to the first person named earlier in the same sentence, else to the previous
quote's speaker, else to the last person named before. Speakers are canonical actors from
``data/lexicons/actors.csv``; cue verbs and their stance come from ``reporting_verbs.csv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from framing import actors, resources

CONTINUATION_MAX_OUTSIDE_WORDS = 2
CUE_SPEAKER_MAX_GAP = 40  # characters between a cue and a speaker named after it ("said Putin")
FULL_QUOTE_MIN_WORDS = 6

_PRONOUN = re.compile(r"\b(?:he|she)\b", re.I)
_LETTER = re.compile(r"\w")


@dataclass(frozen=True)
class QuoteSpan:
    """The inner text of a quotation: ``start``/``end`` exclude the marks."""

    start: int
    end: int
    marks: str  # "double" or "single"
    closed: bool


@dataclass
class Attribution:
    speaker: str = ""
    speaker_kind: str = ""
    speaker_group: str = ""
    speaker_alias: str = ""
    cue: str = ""
    cue_stance: str = ""
    method: str = "none"


def find_quote_spans(paragraph: str) -> list[QuoteSpan]:
    """Quoted spans in a paragraph, in order; single-quoted spans inside double quotes, and spans
    with no word in them, are ignored."""
    spans: list[QuoteSpan] = []
    open_double = open_single = None
    for i, char in enumerate(paragraph):
        before = paragraph[i - 1] if i else " "
        after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
        if char in resources.OPENING_DOUBLE or (char == '"' and open_double is None):
            if open_double is None or char in resources.OPENING_DOUBLE:
                open_double, open_single = i, None
        elif char in resources.CLOSING_DOUBLE or char == '"':
            if open_double is not None:
                spans.append(QuoteSpan(open_double + 1, i, "double", True))
                open_double = None
        elif open_double is None:
            opens = char in resources.OPENING_SINGLE or (
                char == "'" and (before.isspace() or before in "([") and _LETTER.match(after)
            )
            closes = (char in resources.CLOSING_SINGLE or char == "'") and not _LETTER.match(after)
            if open_single is not None and closes and not before.isspace():
                spans.append(QuoteSpan(open_single + 1, i, "single", True))
                open_single = None
            elif opens and open_single is None:
                open_single = i
    if open_double is not None:
        spans.append(QuoteSpan(open_double + 1, len(paragraph), "double", False))
    spans = [s for s in spans if _LETTER.search(paragraph, s.start, s.end)]  # an empty "" quotes no one
    return sorted(spans, key=lambda s: s.start)


def mask_quotes(paragraph: str, spans: list[QuoteSpan]) -> str:
    """The paragraph with each quote and its marks replaced by spaces (offsets kept)."""
    chars = list(paragraph)
    for span in spans:
        for i in range(max(span.start - 1, 0), min(span.end + 1, len(chars))):
            chars[i] = " "
    return "".join(chars)


@lru_cache(maxsize=1)
def _cue_table():
    table = resources.load_lexicon("reporting_verbs.csv")
    forms = sorted(table["form"], key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b", re.I)
    stance = dict(zip(table["form"].str.lower(), table["stance"]))
    return pattern, stance


def find_cues(text: str) -> list[re.Match]:
    """Reporting verbs in ``text`` (quotes should be masked first)."""
    pattern, _ = _cue_table()
    return list(pattern.finditer(text))


def cue_stance(cue: str) -> str:
    """'neutral' or 'loaded' for a cue form, '' if unknown."""
    return _cue_table()[1].get(cue.lower(), "")


def _candidates(masked: str, start: int, end: int) -> list[tuple[int, int, object]]:
    """Actor mentions and person pronouns in masked[start:end], as (start, end, mention-or-None)."""
    found = [(m.start + start, m.end + start, m) for m in actors.find_mentions(masked[start:end])]
    found += [(p.start() + start, p.end() + start, None) for p in _PRONOUN.finditer(masked[start:end])]
    return sorted(found, key=lambda c: c[0])


class _Resolver:
    """Keeps the article context that pronouns and continuations need."""

    def __init__(self):
        self.previous: Attribution | None = None
        self.last_person: actors.Mention | None = None

    def pronoun(self, masked: str, sentence_start: int, pronoun_start: int) -> actors.Mention | None:
        in_sentence = [m for m in actors.find_mentions(masked[sentence_start:pronoun_start]) if m.kind == "person"]
        if in_sentence:
            return in_sentence[0]
        if self.previous and self.previous.speaker_kind == "person":
            p = self.previous
            return actors.Mention(0, 0, p.speaker_alias, p.speaker, p.speaker_kind, p.speaker_group)
        return self.last_person

    def attribution(self, candidate, cue: re.Match, method: str, masked: str, sentence_start: int) -> Attribution | None:
        start, _, mention = candidate
        if mention is None:
            mention = self.pronoun(masked, sentence_start, start)
            method += "+pronoun"
            if mention is None:
                return None
        return Attribution(mention.actor, mention.kind, mention.actor_group, mention.alias,
                           cue.group(0), cue_stance(cue.group(0)), method)


def _after_quote(resolver, masked, span, sentence) -> Attribution | None:
    region_start, region_end = span.end, sentence[1]
    cues = find_cues(masked[region_start:region_end])
    if not cues:
        return None
    cue = cues[0]
    cue_start, cue_end = cue.start() + region_start, cue.end() + region_start
    candidates = _candidates(masked, region_start, region_end)
    before = [c for c in candidates if c[1] <= cue_start]
    after = [c for c in candidates if c[0] >= cue_end and c[0] - cue_end <= CUE_SPEAKER_MAX_GAP]
    chosen = before[0] if before else (after[0] if after else None)
    if chosen is None:
        return None
    return resolver.attribution(chosen, cue, "after_quote", masked, sentence[0])


def _before_quote(resolver, masked, span, sentence) -> Attribution | None:
    region_start, region_end = sentence[0], span.start - 1
    cues = find_cues(masked[region_start:region_end])
    if not cues:
        return None
    cue = cues[-1]
    cue_start, cue_end = cue.start() + region_start, cue.end() + region_start
    candidates = _candidates(masked, region_start, region_end)
    if cue.group(0).lower() == "according to":
        chosen = next((c for c in candidates if c[0] >= cue_end), None)
    else:
        chosen = next((c for c in reversed(candidates) if c[1] <= cue_start), None)
    if chosen is None:
        return None
    return resolver.attribution(chosen, cue, "before_quote", masked, sentence[0])


def _sentence_of(offset: int, sentences: list[tuple[int, int]]) -> int:
    for index, (start, end) in enumerate(sentences):
        if start <= offset < end:
            return index
    return len(sentences) - 1


def quote_kind(text: str) -> str:
    """'full' for a quoted clause (capital start, at least ``FULL_QUOTE_MIN_WORDS`` words), else 'partial'."""
    words = text.split()
    return "full" if words and text[0].isupper() and len(words) >= FULL_QUOTE_MIN_WORDS else "partial"


def attribute_quotes(paragraphs: list[tuple[str, list[tuple[int, int]]]]) -> list[list[tuple[QuoteSpan, Attribution, int, int]]]:
    """For each paragraph (text, sentence spans): its quotes as (span, attribution, first, last sentence index)."""
    resolver = _Resolver()
    result = []
    for text, sentences in paragraphs:
        spans = find_quote_spans(text)
        masked = mask_quotes(text, spans)
        found = []
        for span in spans:
            first = _sentence_of(span.start, sentences)
            last = _sentence_of(max(span.end - 1, span.start), sentences)
            inner = text[span.start : span.end].strip()
            opens_sentence = not masked[sentences[first][0] : span.start - 1].strip()
            attribution = None
            if opens_sentence or inner[-1:] in ",!?":
                attribution = _after_quote(resolver, masked, span, sentences[last])
            attribution = attribution or _before_quote(resolver, masked, span, sentences[first])
            if attribution is None:
                outside = masked[sentences[first][0] : sentences[last][1]]
                if len(outside.split()) <= CONTINUATION_MAX_OUTSIDE_WORDS and resolver.previous:
                    p = resolver.previous
                    attribution = Attribution(p.speaker, p.speaker_kind, p.speaker_group, p.speaker_alias, "", "", "continuation")
                else:
                    attribution = Attribution()
            if attribution.speaker:
                resolver.previous = attribution
            found.append((span, attribution, first, last))
        persons = [m for m in actors.find_mentions(masked) if m.kind == "person"]
        if persons:
            resolver.last_person = persons[-1]
        result.append(found)
    return result
