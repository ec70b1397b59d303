"""Direct quotes: find them in a paragraph, then attribute each to its speaker (``framing.attribution``).

Marks: typographic and straight, double and single, French guillemets and German low-high marks,
each closed by its own partner (a single mark opens only after a space or at the start, so
apostrophes never open a quote). A double-quoted span may cross sentence breaks; one left open at
the end of a paragraph (a quote running on into the next) runs to the paragraph's end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from framing import attribution, provenance, resources, spans

FULL_QUOTE_MIN_WORDS = 6
DOUBLE_PAIRS = {"\u201c": "\u201d", "\u201e": "\u201c", "\u00ab": "\u00bb", '"': '"'}  # opener -> closer
_LETTER = re.compile(r"\w")
Attribution = attribution.Attribution


@dataclass(frozen=True)
class QuoteSpan:
    """The inner text of a quotation: ``start``/``end`` exclude the marks."""

    start: int
    end: int
    marks: str  # "double" or "single"
    closed: bool


def find_quote_spans(paragraph: str) -> list[QuoteSpan]:
    """Quoted spans in a paragraph, in order; quotes nested in another (single inside double, or
    double inside single: British style) and spans with no word in them are ignored. A double
    quote inside a single quote that never closes is read as a quote of its own."""
    found, swallowed = _scan(paragraph, nest_in_single=True)
    return _scan(paragraph, nest_in_single=False)[0] if swallowed else found


def _scan(paragraph: str, *, nest_in_single: bool) -> tuple[list[QuoteSpan], bool]:
    """The quoted spans, and whether a double quote was taken as nested in a single quote left open."""
    found: list[QuoteSpan] = []
    open_double = open_single = None
    closer = ""
    nested_closer = ""  # the closing mark of a double quote nested in the open single quote
    nested_in_open = False
    for i, char in enumerate(paragraph):
        before = paragraph[i - 1] if i else " "
        after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
        if nested_closer:
            if char == nested_closer or (char == '"' and nested_closer != '"') or char in "\u201d\u00bb":
                nested_closer = ""
            continue
        if nest_in_single and open_single is not None and open_double is None and char in DOUBLE_PAIRS:
            nested_closer, nested_in_open = DOUBLE_PAIRS[char], True  # '‘They tell me, “...”’ she said'
            continue
        if open_double is not None:
            if (
                char == closer
                or (char == '"' and closer != '"')
                or (char in "\u201d\u00bb" and closer not in "\u201d\u00bb")
            ):
                found.append(QuoteSpan(open_double + 1, i, "double", True))
                open_double = None
            elif char in "\u201e\u00ab" or (char == "\u201c" and closer != "\u201c"):
                open_double, closer, open_single = i, DOUBLE_PAIRS[char], None  # a new quote opens: the old one ran on
        elif char in DOUBLE_PAIRS:
            open_double, closer, open_single = i, DOUBLE_PAIRS[char], None
        else:
            opens = char in resources.OPENING_SINGLE or (
                char == "'" and (before.isspace() or before in "([") and _LETTER.match(after)
            )
            closes = (char in resources.CLOSING_SINGLE or char == "'") and not _LETTER.match(after)
            if open_single is not None and closes and not before.isspace():
                found.append(QuoteSpan(open_single + 1, i, "single", True))
                open_single, nested_in_open = None, False
            elif opens and open_single is None:
                open_single = i
    if open_double is not None:
        found.append(QuoteSpan(open_double + 1, len(paragraph), "double", False))
    found = [s for s in found if _LETTER.search(paragraph, s.start, s.end)]  # an empty "" quotes no one
    swallowed = nested_in_open and (open_single is not None or bool(nested_closer))
    return sorted(found, key=lambda s: s.start), swallowed


def mask_quotes(paragraph: str, found: list[QuoteSpan]) -> str:
    """The paragraph with each quote and its marks replaced by spaces (offsets kept)."""
    return spans.blank(paragraph, [(s.start, s.end) for s in found])


def _sentence_of(offset: int, sentences: list[tuple[int, int]]) -> int:
    for index, (start, end) in enumerate(sentences):
        if start <= offset < end:
            return index
    return len(sentences) - 1


def quote_kind(text: str) -> str:
    """'full' for a quoted clause (capital start, at least ``FULL_QUOTE_MIN_WORDS`` words), else 'partial'."""
    words = text.split()
    return "full" if words and text[0].isupper() and len(words) >= FULL_QUOTE_MIN_WORDS else "partial"


# Words that join another clause: classes of data/lexicons/clause_words.csv.
JOIN_CLASSES = ("addition", "contrast", "time", "cause", "concession", "time_cause_or_comparison")
APPOSITION_MAX_WORDS = 25  # '"...," Georgy Toloraya, Director of Korean Programs at ..., wrote'


def reported_clause(text: str, masked: str, span: QuoteSpan, sentence: tuple[int, int]) -> bool:
    """Whether a quote can be attributed by a cue after it: it opens its sentence, ends in , ! ?
    inside its marks, or is followed by a comma (British style)."""
    inner = text[span.start : span.end].rstrip()
    opens = not masked[sentence[0] : max(span.start - 1, sentence[0])].strip()
    return opens or inner[-1:] in ",!?" or masked[span.end + 1 : span.end + 3].lstrip()[:1] == ","


def _post_cue(
    masked: str, span: QuoteSpan, last: tuple[int, int], cues: list[attribution.Cue]
) -> attribution.Cue | None:
    """The cue right after a quote: within ``POST_MAX_WORDS`` words, or after a speaker and their
    apposition (up to ``APPOSITION_MAX_WORDS``); never across a word that joins another clause
    ('and', 'but', 'while', 'as' ...: '"...", while Lavrov told reporters')."""
    for cue in (c for c in cues if span.end <= c.start < last[1]):
        between = masked[span.end + 1 : cue.start]
        if resources.clause_word_pattern(*JOIN_CLASSES).search(between):
            return None
        gap = attribution.words_between(masked, span.end, cue.start)
        named = attribution.candidates(between)
        if gap <= attribution.POST_MAX_WORDS or (
            gap <= APPOSITION_MAX_WORDS and named and attribution.words_between(between, 0, named[0].start) <= 1
        ):
            return cue
        return None
    return None


def _closing_cue(
    masked: str, span: QuoteSpan, last: tuple[int, int], cues: list[attribution.Cue]
) -> tuple[attribution.Cue, int] | None:
    """'Moscow was "ready to help" find a solution, Peskov said.': the cue of a short clause that
    closes the sentence after a comma (its speaker within ``POST_MAX_WORDS`` words of the comma,
    nothing but the speaker after the cue) reports the whole sentence; (cue, comma offset)."""
    after = [c for c in cues if span.end <= c.start < last[1]]
    if not after:
        return None
    cue = after[-1]
    # the first comma that leaves a short speaker phrase ('..., his spokesman, Kang Min-seok, told reporters')
    comma = next(
        (
            i
            for i in range(span.end, cue.start)
            if masked[i] == "," and attribution.words_between(masked, i, cue.start) <= attribution.POST_MAX_WORDS
        ),
        -1,
    )
    if comma < 0:
        return None
    if resources.clause_word_pattern(*JOIN_CLASSES).search(masked, comma, cue.start):
        return None  # '..., but Lavrov said no': a clause of its own
    if attribution.words_between(masked, cue.end, last[1]) > attribution.POST_MAX_WORDS:
        return None
    return cue, comma


def _attribute(
    text: str,
    masked: str,
    span: QuoteSpan,
    first: tuple[int, int],
    last: tuple[int, int],
    cues: list[attribution.Cue],
    context: attribution.Context,
) -> Attribution | None:
    """The attribution of one quote: a cue right after it, else the nearest cue (verb, or a
    reporting noun's possessor) before it in its sentence, else a headline's 'Name:'."""
    owner = attribution.possessor_speaker(text, masked, (span.start, span.end), context)
    if owner is not None:
        return Attribution.of(owner, "", "", "possessive")
    signed = attribution.dash_speaker(text, masked, span.end, context)
    if signed is not None:
        return Attribution.of(signed, "", "", "after_quote")
    cue = _post_cue(masked, span, last, cues) if reported_clause(text, masked, span, first) else None
    if cue is not None:
        who = attribution.cue_speaker(text, masked, cue, last, context, quote_end=span.end)
        if who is not None:
            return Attribution.of(who, cue.form, cue.stance, "after_quote")
    before = [
        c
        for c in cues
        if first[0] <= c.start and c.end <= span.start and not attribution.agentless_passive(masked, c, first[0])
    ]
    noun = attribution.noun_cue_speakers(text, masked, span.start, context)
    if noun is not None and noun[0] >= first[0] and (not before or noun[0] > before[-1].end):
        return Attribution.of(noun[1], "", "", "before_quote")
    for cue in reversed(before[-1:]):
        who = attribution.cue_speaker(text, masked, cue, first, context)
        if who is not None:
            return Attribution.of(who, cue.form, cue.stance, "before_quote")
    final = _closing_cue(masked, span, last, cues) if not before else None
    if final is not None:
        cue, comma = final
        who = attribution.cue_speaker(text, masked, cue, last, context, quote_end=comma)
        if who is not None:
            return Attribution.of(who, cue.form, cue.stance, "after_quote")
    viewer = attribution.viewpoint_speaker(text, masked, first, span.start, context)
    if viewer is not None:
        return Attribution.of(viewer, "", "", "viewpoint")
    if first[0] == 0:
        who = attribution.headline_speaker(text, masked, context)
        if who is not None:
            return Attribution.of(who, "", "", "headline_colon")
    if masked[first[0] : max(span.start - 1, first[0])].rstrip().endswith(":"):  # 'the line everyone will quote: "..."'
        who = attribution.colon_speaker(text, masked, first, span.start, context)
        if who is not None:
            return Attribution.of(who, "", "", "colon")
        intro = masked[first[0] : span.start].strip(" :")
        if attribution.candidates(intro):  # 'Ex-Army chief tells the Blaze:': someone the rules cannot name
            return Attribution("", "unnamed", "other", intro, "", "", "", "colon")
        if context.previous is not None and context.previous_paragraph >= context.paragraph - 1:
            p = context.previous
            return Attribution(
                p.speaker, p.speaker_kind, p.speaker_group, p.speaker_alias, p.speaks_for, "", "", "continuation"
            )
    return None


def attribute_quotes(
    paragraphs: list[tuple[str, list[tuple[int, int]]]],
) -> list[list[tuple[QuoteSpan, Attribution, int, int]]]:
    """For each paragraph (text, sentence spans), in reading order: its quotes as (span,
    attribution, first sentence index, last sentence index)."""
    context = attribution.Context()
    for text, _ in paragraphs:  # a headline or key point may name someone the body introduces
        attribution.register(mask_quotes(text, find_quote_spans(text)), context)
    result: list[list[tuple[QuoteSpan, Attribution, int, int]]] = []
    for p_index, (text, sentences) in enumerate(paragraphs):
        context.paragraph, context.paragraph_first_sentence = p_index, context.sentence + 1
        found_here = find_quote_spans(text)
        masked = mask_quotes(text, found_here)
        signed = attribution.signature_line(text, masked, context) if result else None
        if signed is not None:  # a pull quote signed on the line below it: '— Li Xiuying, a teacher in Yanji'
            _credit_earlier(signed, result[-1], range(len(result[-1])))
        cues = attribution.find_cues(masked)
        found, done = [], 0
        for s_index, sentence in enumerate(sentences):
            context.sentence += 1
            mine = [s for s in found_here if _sentence_of(s.start, sentences) == s_index]
            for span in mine:
                first, last = sentence, sentences[_sentence_of(max(span.end - 1, span.start), sentences)]
                attribution.register(masked[done : max(span.start - 1, done)], context)
                done = max(done, span.start - 1)
                who = _attribute(text, masked, span, first, last, cues, context) or _continuation(
                    masked, first, last, context
                )
                found.append((span, who, s_index, sentences.index(last)))
                if who.speaker_kind == "body":
                    context.body = attribution.Speaker(
                        who.speaker, who.speaker_kind, who.speaker_group, who.speaker_alias, who.speaks_for
                    )
                if who.speaker or who.speaker_kind == "unnamed":  # an unnamed official speaks on in the next quote too
                    context.previous, context.previous_paragraph = who, p_index
                    context.spoke(
                        attribution.Speaker(who.speaker, who.speaker_kind, who.speaker_group, who.speaker_alias),
                        attribution.PRONOUNS.get(who.speaker_alias.lower(), ""),
                    )
            attribution.register(masked[done : sentence[1]], context)
            named = attribution.named_after(text, masked, sentence, context)
            if named is not None:  # 'That was the verdict of Dean, 36': the quotes just before are theirs
                earlier = [i for i, q in enumerate(found) if q[2] < s_index]
                if earlier:
                    _credit_earlier(named, found, earlier)
                else:  # the previous paragraph's quotes, and before it those of a quote run over paragraphs
                    for back in _quote_run(result):
                        _credit_earlier(named, back, range(len(back)))
            attribution.note_subject(text[sentence[0] : sentence[1]], masked[sentence[0] : sentence[1]], context)
            done = max(done, sentence[1])
            for cue in cues:  # who reports in this sentence (a later "he" most likely means them)
                if sentence[0] <= cue.start < sentence[1]:
                    reporter = (
                        attribution.according_to(text, masked, cue, sentence[1], context)
                        if cue.lemma in attribution.SOURCE_PHRASES
                        else attribution.subject_before(text, masked, cue, sentence, context)
                    )
                    context.spoke(reporter)
                    if reporter is not None and reporter.kind == "person" and cue.lemma in attribution.WRITING_LEMMAS:
                        context.writer = reporter.name
        intro = _introduces_next(text, masked, sentences, cues, context) if sentences else None
        if intro is not None:  # 'Our diplomatic editor, Frances Mulvaney, writes:' + a quote in the next paragraph
            context.previous, context.previous_paragraph = intro, p_index
        result.append(found)
    return result


REPEAT_MIN_WORDS = 2  # a display unit's quote this long, found word for word in a body quote, is that speaker's


def credit_display_quotes(
    paragraphs: list[str], display: list[bool], found: list[list[tuple[QuoteSpan, Attribution, int, int]]]
) -> None:
    """A quote in a headline, standfirst, key point or caption whose words a body quote repeats
    (``REPEAT_MIN_WORDS`` or more, word for word) is that body quote's speaker's: the body says
    who said it ("'A war there is a war here'" over a story quoting a resident)."""
    body = [
        (tuple(provenance.word_list(text[span.start : span.end])), who)
        for text, is_display, quotes_here in zip(paragraphs, display, found)
        if not is_display
        for span, who, _, _ in quotes_here
        if who.speaker or who.speaker_kind == "unnamed"
    ]
    for text, is_display, quotes_here in zip(paragraphs, display, found):
        if not is_display:
            continue
        for index, (span, who, first, last) in enumerate(quotes_here):
            words = tuple(provenance.word_list(text[span.start : span.end]))
            if len(words) < REPEAT_MIN_WORDS:
                continue
            source = next((w for b, w in body if provenance.contains(b, words)), None)
            if source is not None and (source.speaker, source.speaker_kind) != (who.speaker, who.speaker_kind):
                quotes_here[index] = (span, _again(source, "repeated_in_body"), first, last)


NAMED_AFTER_METHODS = ("none", "continuation")  # what a later 'That was X' may overrule


def _introduces_next(
    text: str,
    masked: str,
    sentences: list[tuple[int, int]],
    cues: list[attribution.Cue],
    context: attribution.Context,
) -> Attribution | None:
    """The speaker a paragraph ending in a reporting verb and a colon introduces ('..., writes:'):
    the quotes of the next paragraph continue them."""
    last = sentences[-1]
    if not masked[last[0] : last[1]].rstrip().endswith(":"):
        return None
    cue = next((c for c in reversed(cues) if last[0] <= c.start < last[1]), None)
    if cue is None:
        return None
    who = attribution.cue_speaker(text, masked, cue, last, context)
    return Attribution.of(who, cue.form, cue.stance, "colon") if who is not None else None


def _quote_run(paragraphs: list[list[tuple[QuoteSpan, Attribution, int, int]]]) -> list[list]:
    """The last paragraph's quotes, and those of the paragraphs before it whose last quote is left
    open (a quote running over paragraphs), most recent first."""
    run: list[list] = []
    for quotes_here in reversed(paragraphs):
        if run and not (quotes_here and not quotes_here[-1][0].closed):
            break
        run.append(quotes_here)
    return run


def _credit_earlier(
    who: attribution.Speaker, quotes: list[tuple[QuoteSpan, Attribution, int, int]], indexes: Iterable[int]
) -> None:
    """Give the quotes at ``indexes`` (before a 'That was X' sentence: this paragraph's so far, else
    the previous paragraph's) to X, where the rules had found no speaker or only carried one over."""
    for index in indexes:
        span, previous, first, last = quotes[index]
        if previous.method in NAMED_AFTER_METHODS:
            quotes[index] = (span, Attribution.of(who, "", "", "named_after"), first, last)


def _continuation(
    masked: str, first: tuple[int, int], last: tuple[int, int], context: attribution.Context
) -> Attribution:
    """A quote that fills its sentence continues the previous quote's speaker in the same
    paragraph; else the person the paragraph's sentence before it is about ('Fomin, 38, is more
    hopeful. He works at the port. "..."'); else the previous paragraph's last speaker."""
    outside = masked[first[0] : last[1]]
    if len(outside.split()) > attribution.CONTINUATION_MAX_OUTSIDE_WORDS:
        return Attribution()
    previous = context.previous
    if previous and context.previous_paragraph == context.paragraph:
        return _again(previous)
    subject = (
        context.people.get(context.subject[0])
        if context.subject and context.subject[1] >= context.paragraph_first_sentence
        else None
    )
    if subject is not None:
        return Attribution(subject.name, "person", subject.group, subject.name, "", "", "", "continuation")
    if previous and context.previous_paragraph == context.paragraph - 1:
        return _again(previous)
    return Attribution()


def _again(previous: Attribution, method: str = "continuation") -> Attribution:
    return Attribution(
        previous.speaker,
        previous.speaker_kind,
        previous.speaker_group,
        previous.speaker_alias,
        previous.speaks_for,
        "",
        "",
        method,
    )
