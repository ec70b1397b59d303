"""Sentence-level sentiment with two dictionary methods, auditable to the sentence and lexicon term.

* **VADER** (Hutto & Gilbert 2014; the ``vaderSentiment`` package, whose lexicon ships in its
  wheel as ``vaderSentiment/vader_lexicon.txt``). NLTK's port is not used: it scores words
  wrapped in several punctuation marks (``"dangerous."``) as 0 and loads its lexicon through
  ``nltk.data`` (docs/DESIGN.md §4).
* **AFINN-165** (Nielsen 2011; the ``afinn`` package, ``Afinn(language='en')``): integer
  valences -5..+5 summed over matched words and phrases, no rules.

Text is normalised first: VADER strips only ASCII punctuation from a token, so ``stronger,”``
or ``“dangerous.”`` are not found in its lexicon (typographic marks, one for one, docs/DESIGN.md §4).
Every score is also computed on the text with its proper names masked (``framing.masking``), and
every unit is also scored by part: its quoted words and the words outside quotes, each in its voice
(``framing.voice``). ``normalisation_changes`` and ``masking_changes`` list what the two steps change.

Every score comes with the terms that produced it (``term:valence;...``), so it can be checked
by hand: ``vader_compound = s / sqrt(s**2 + 15)`` with ``s = vader_sum`` (sum of the listed
valences plus VADER's ``!``/``?`` emphasis). The terms come from the two packages' internals,
which only ``framing.dictionaries`` touches (``tests/test_dictionaries.py`` pins it to their public API).
Summaries per text and actor, and the agreement of the two methods, are in ``framing.tone``.
"""

from __future__ import annotations

import math
import re
import string
from functools import lru_cache

import pandas as pd

from framing import dictionaries, masking, resources, segment, spans, storage, voice

# VADER's normalisation constant: compound = s / sqrt(s^2 + alpha), "approximates the max
# expected value" (Hutto & Gilbert 2014; vaderSentiment.normalize default).
VADER_ALPHA = 15
TERM_DECIMALS = 3

QUOTED = "direct_quote"  # the voice of the words inside quotation marks (framing.voice)

# Codebook of sentiment_sentences.csv (column, definition), shown in notebook 03.
CODEBOOK = (
    ("sentence_id, article_id", "keys into sentences.csv / articles.csv"),
    (
        "voice",
        "the unit's voice (framing.voice, sentences.voice); the voice comparison scores each unit's quoted "
        "and unquoted parts apart: sentiment_parts.csv",
    ),
    ("vader_compound, vader_pos, vader_neu, vader_neg", "VADER on the normalised sentence (Hutto & Gilbert 2014)"),
    ("vader_sum", "the sum VADER squashes: compound = s / sqrt(s^2 + 15)"),
    (
        "vader_terms",
        "'term:valence;...' final valences after VADER's booster, negation and 'but' rules; they add up to vader_sum",
    ),
    ("vader_compound_masked, vader_sum_masked, vader_terms_masked", "the same on the name-masked sentence"),
    ("afinn_score, afinn_terms", "AFINN-165 (Nielsen 2011): sum of the integer valences (-5..5) of the listed terms"),
    (
        "afinn_compound",
        "afinn_score / sqrt(afinn_score^2 + 15): VADER's squashing, so both methods share one -1..1 scale",
    ),
    ("afinn_score_masked, afinn_compound_masked, afinn_terms_masked", "the same on the name-masked sentence"),
    ("masked_names", "the name tokens masked, adjacent tokens joined (';'-separated)"),
)


def normalise(text: str) -> str:
    """Typographic quotes, dashes and odd spaces as ASCII, one character for one."""
    return resources.normalise_same_length(text)


# --- VADER -------------------------------------------------------------------------------


def _format_terms(pairs) -> str:
    return ";".join(f"{term}:{value:g}" for term, value in pairs)


@lru_cache(maxsize=65536)
def _vader_cached(text: str) -> tuple:
    score = dictionaries.vader_score(text)  # final valences after VADER's rules, as polarity_scores has them
    terms = [(t.lower(), round(v, TERM_DECIMALS)) for t, v in zip(score.tokens, score.valences) if v]
    return score.compound, score.pos, score.neu, score.neg, score.total, _format_terms(terms)


def vader_scores(text: str, *, normalised: bool = True) -> dict:
    """VADER scores of one sentence: compound, pos, neu, neg, sum (the value normalised into
    compound) and terms ('term:valence;...', final valences after VADER's rules).

    ``normalised=False`` scores the text as written (to show what typographic marks hide).
    """
    plain = normalise(text) if normalised else text
    compound, pos, neu, neg, total, terms = _vader_cached(plain)
    return {"compound": compound, "pos": pos, "neu": neu, "neg": neg, "sum": total, "terms": terms}


def normalize_sum(total: float, alpha: float = VADER_ALPHA) -> float:
    """VADER's squashing of a valence sum into -1..1: s / sqrt(s^2 + alpha)."""
    return total / math.sqrt(total * total + alpha)


# --- AFINN -------------------------------------------------------------------------------


_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _afinn_index() -> dict[str, tuple[str, ...]]:
    """AFINN entries grouped by their first word, longest first (every entry starts and ends
    with a word character, checked in ``test_dictionaries``)."""
    index: dict[str, list[str]] = {}
    for entry in sorted(dictionaries.afinn_lexicon(), key=len, reverse=True):
        first = _WORD.match(entry)
        assert first is not None, entry  # every entry starts with a word character
        index.setdefault(first.group(0), []).append(entry)
    return {first: tuple(entries) for first, entries in index.items()}


def afinn_find_all(text: str) -> list[str]:
    """The AFINN entries found in ``text``, as ``Afinn.find_all`` finds them, but fast.

    ``Afinn.find_all`` runs one regex alternation of 3,382 entries (longest first, word
    boundaries) over the lower-cased text; a match can only start where a word starts and its
    first word must equal an entry's first word, so looking entries up by that word gives the
    same matches about ten times faster (equality is tested on every corpus sentence).
    """
    lower = _SPACES.sub(" ", text).lower()
    index, found, end = _afinn_index(), [], 0
    for word in _WORD.finditer(lower):
        start = word.start()
        if start < end:
            continue
        for entry in index.get(word.group(0), ()):
            stop = start + len(entry)
            if lower.startswith(entry, start) and not _WORD_CHAR.match(lower, stop):
                found.append(entry)
                end = stop
                break
    return found


@lru_cache(maxsize=65536)
def _afinn_cached(text: str) -> tuple[int, str]:
    valences = dictionaries.afinn_lexicon()
    values = [(term, valences[term]) for term in afinn_find_all(text)]
    return sum(v for _, v in values), _format_terms(values)


def afinn_scores(text: str, *, normalised: bool = True) -> dict:
    """AFINN-165 scores of one sentence: score (sum of word valences, -5..+5 each), compound
    (the sum squashed like VADER's, s / sqrt(s^2 + 15), so both methods share one -1..1 scale)
    and terms ('term:valence;...')."""
    plain = normalise(text) if normalised else text
    score, terms = _afinn_cached(plain)
    return {"score": score, "compound": round(normalize_sum(score), 4) if score else 0.0, "terms": terms}


# --- voice -------------------------------------------------------------------------------


def voice_parts(text: str, spans: list[tuple[int, int]]) -> dict[str, str]:
    """A sentence split into the words outside quotation marks and the quoted words.

    ``spans`` are the quoted character spans (``sentences.quote_spans``, marks excluded).
    The outside part is the text with each span and its quotation marks blanked (same length);
    the quote part is the spans joined by a space. A missing part is ''.
    """
    plain = normalise(text)
    chars = list(plain)
    for start, end in spans:
        a, b = start, end
        while a > 0 and chars[a - 1] in "\"'":
            a -= 1
        while b < len(chars) and chars[b] in "\"'":
            b += 1
        chars[a:b] = " " * (b - a)
    narration = "".join(chars)
    quote = " ".join(plain[a:b].strip() for a, b in spans)
    return {"outside": narration if _has_word(narration) else "", "quote": quote if _has_word(quote) else ""}


_LETTER = re.compile(r"[A-Za-z]")


def _has_word(text: str) -> bool:
    """Whether ``text`` holds a word: an ASCII letter, where every name token of ``framing.masking`` starts."""
    return bool(_LETTER.search(text))


# --- scoring tables ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _afinn_words() -> frozenset[str]:
    """Every word that occurs in an AFINN entry."""
    return frozenset(word for entry in dictionaries.afinn_lexicon() for word in _WORD.findall(entry))


def _changed_tokens(plain: str, masked: str) -> list[str]:
    """Whitespace tokens that masking changed, both versions, lower-case (masking keeps lengths)."""
    return [t.lower() for a, b in zip(plain.split(), masked.split()) if a != b for t in (a, b)]


def _changes_move_vader(changed: list[str]) -> bool:
    """False when no changed token (``_changed_tokens``: raw or masked, with or without edge
    punctuation) is a word VADER reacts to, so the masked text provably scores as the raw text does."""
    sensitive = dictionaries.vader_sensitive_words()
    return any(t in sensitive or t.strip(string.punctuation) in sensitive for t in changed)


def _changes_move_afinn(changed: list[str]) -> bool:
    """False when no word of a changed token (``_changed_tokens``) occurs in any AFINN entry."""
    words = _afinn_words()
    return any(w in words for t in changed for w in _WORD.findall(t))


def _score_row(plain: str, masked: str) -> dict:
    """All score columns of one normalised text (``plain``) and its name-masked version.

    The masked text is scored only where masking can move a score (a masked name holds a
    lexicon word, like "United" or "Security"); elsewhere the raw scores are reused, which
    ``test_sentiment`` checks against scoring every masked sentence directly. Both texts are
    normalised already, so they are scored as they are (normalising them again changes nothing).
    """
    raw_v, raw_a = vader_scores(plain, normalised=False), afinn_scores(plain, normalised=False)
    changed = _changed_tokens(plain, masked)
    masked_v = vader_scores(masked, normalised=False) if _changes_move_vader(changed) else raw_v
    masked_a = afinn_scores(masked, normalised=False) if _changes_move_afinn(changed) else raw_a
    return {
        "vader_compound": raw_v["compound"],
        "vader_pos": raw_v["pos"],
        "vader_neu": raw_v["neu"],
        "vader_neg": raw_v["neg"],
        "vader_sum": round(raw_v["sum"], 4),
        "vader_terms": raw_v["terms"],
        "vader_compound_masked": masked_v["compound"],
        "vader_sum_masked": round(masked_v["sum"], 4),
        "vader_terms_masked": masked_v["terms"],
        "afinn_score": raw_a["score"],
        "afinn_compound": raw_a["compound"],
        "afinn_terms": raw_a["terms"],
        "afinn_score_masked": masked_a["score"],
        "afinn_compound_masked": masked_a["compound"],
        "afinn_terms_masked": masked_a["terms"],
    }


def score_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: voice, both methods raw and name-masked, and the terms behind each.

    Needs ``sentence_id``, ``article_id``, ``text``; ``voice`` ('' if absent), ``quoted_share``
    (0 if absent) and ``n_words`` are kept if present.
    """
    rows = []
    shares = sentences["quoted_share"] if "quoted_share" in sentences.columns else pd.Series(0.0, index=sentences.index)
    voices = sentences["voice"] if "voice" in sentences.columns else pd.Series("", index=sentences.index)
    for sid, aid, text, share, unit_voice in zip(
        sentences["sentence_id"], sentences["article_id"], sentences["text"], shares.astype(float), voices
    ):
        plain = normalise(text)
        rows.append(
            {
                "sentence_id": sid,
                "article_id": aid,
                "voice": unit_voice,
                "quoted_share": share,
                # masking caches the names it finds, so the two calls look for them once
                **_score_row(plain, masking.mask_names(plain)),
                "masked_names": masking.masked_names(plain),
            }
        )
    scored = pd.DataFrame(rows)
    if "n_words" in sentences.columns:
        scored.insert(2, "n_words", sentences["n_words"].to_numpy())
    return scored


def outside_voice(row) -> str:
    """The voice of a unit's words outside quotation marks: the most frequent among them
    (``sentences.words_<voice>``, ``framing.voice``), ties in ``voice.VOICES`` order."""
    counts = {v: int(getattr(row, f"words_{v}")) for v in voice.VOICES if v != QUOTED}
    return max(counts, key=lambda v: (counts[v], -voice.VOICES.index(v)))


def score_parts(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per unit and part present, each part scored alone: the quoted words (voice
    ``direct_quote``) and the words outside quotes (voice ``outside_voice``).

    Names are found on the whole sentence, then the masked sentence is split, so a name is
    masked the same way in either part. Needs ``quote_spans`` and the ``words_<voice>`` columns.
    """
    rows = []
    for row in storage.rows(sentences, index=False):
        quoted = spans.parse_spans(row.quote_spans)
        parts = voice_parts(row.text, quoted)
        masked = voice_parts(masking.mask_names(row.text), quoted)
        for part, part_voice in (("outside", outside_voice(row)), ("quote", QUOTED)):
            if parts[part]:
                rows.append(
                    {
                        "sentence_id": row.sentence_id,
                        "article_id": row.article_id,
                        "voice": part_voice,
                        "text": " ".join(parts[part].split()),
                        **_part_scores(parts[part], masked[part]),
                    }
                )
    return pd.DataFrame(rows)


def _part_scores(text: str, masked: str) -> dict:
    raw_v, raw_a = vader_scores(text), afinn_scores(text)
    masked_v, masked_a = vader_scores(masked), afinn_scores(masked)
    return {
        "n_words": len(segment.words(text)),  # the tokenizer behind sentences.n_words
        "vader_compound": raw_v["compound"],
        "vader_compound_masked": masked_v["compound"],
        "vader_terms_masked": masked_v["terms"],
        "afinn_compound": raw_a["compound"],
        "afinn_compound_masked": masked_a["compound"],
        "afinn_terms_masked": masked_a["terms"],
    }


# --- what normalising and masking change --------------------------------------------------


def _dropped_terms(raw: str, masked: str) -> str:
    """Terms of ``raw`` missing from ``masked`` (what the masked names contributed)."""
    left = [t for t in masked.split(";") if t]
    dropped = []
    for term in (t for t in raw.split(";") if t):
        if term in left:
            left.remove(term)
        else:
            dropped.append(term)
    return ";".join(dropped)


def normalisation_changes(sentences: pd.DataFrame) -> pd.DataFrame:
    """Units whose VADER score differs between the text as written and the normalised text, with
    the words the typographic marks hid (``hidden_terms``)."""
    rows = []
    for sid, aid, text in zip(sentences["sentence_id"], sentences["article_id"], sentences["text"]):
        written, normal = vader_scores(text, normalised=False), vader_scores(text)
        if written["compound"] != normal["compound"]:
            rows.append(
                {
                    "sentence_id": sid,
                    "article_id": aid,
                    "as_written": written["compound"],
                    "normalised": normal["compound"],
                    "hidden_terms": _dropped_terms(normal["terms"], written["terms"]),
                }
            )
    return pd.DataFrame(rows, columns=["sentence_id", "article_id", "as_written", "normalised", "hidden_terms"])


def masking_changes(scored: pd.DataFrame) -> pd.DataFrame:
    """Sentences whose VADER or AFINN score moves when names are masked, largest VADER move first,
    with the terms the names contributed (``vader_name_terms``, ``afinn_name_terms``)."""
    table = scored.assign(
        vader_delta=(scored["vader_compound_masked"] - scored["vader_compound"]).round(4),
        afinn_delta=(scored["afinn_compound_masked"] - scored["afinn_compound"]).round(4),
        vader_name_terms=[_dropped_terms(a, b) for a, b in zip(scored["vader_terms"], scored["vader_terms_masked"])],
        afinn_name_terms=[_dropped_terms(a, b) for a, b in zip(scored["afinn_terms"], scored["afinn_terms_masked"])],
    )
    changed = table[(table["vader_delta"] != 0) | (table["afinn_delta"] != 0)]
    key = changed["vader_delta"].abs().rename("key")
    return (
        changed.assign(key=key)
        .sort_values(["key", "sentence_id"], ascending=[False, True])
        .drop(columns="key")
        .reset_index(drop=True)
    )
