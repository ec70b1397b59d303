"""Sentence-level sentiment with two dictionary methods, auditable to the sentence and lexicon term.

* **VADER** (Hutto & Gilbert 2014; the ``vaderSentiment`` package, whose lexicon ships in its
  wheel as ``vaderSentiment/vader_lexicon.txt``). NLTK's port is not used: it scores words
  wrapped in several punctuation marks (``"dangerous."``) as 0 and loads its lexicon through
  ``nltk.data`` (docs/DESIGN.md §4).
* **AFINN-165** (Nielsen 2011; the ``afinn`` package, ``Afinn(language='en')``): integer
  valences -5..+5 summed over matched words and phrases, no rules.

Text is normalised first: VADER strips only ASCII punctuation from a token, so ``stronger,”``
or ``“dangerous.”`` are not found in its lexicon (typographic marks, one for one, docs/DESIGN.md §4).

Names must not move sentiment ("United States", "Security Council" hold the lexicon words
*united* and *security*), so every score is also computed on text whose proper-name tokens are
masked (``mask_names``). Masking is same-length and case-preserving (``Putin`` -> ``Xxxxx``):
character offsets stay valid, VADER sees the same number of tokens (its negation and booster
windows are unchanged) and the same ALL-CAPS profile (its emphasis rule is unchanged).

Every score comes with the terms that produced it (``term:valence;...``), so it can be checked
by hand: ``vader_compound = s / sqrt(s**2 + 15)`` with ``s = vader_sum`` (sum of the listed
valences plus VADER's ``!``/``?`` emphasis). The terms come from the two packages' internals,
which only ``framing.dictionaries`` touches (``tests/test_dictionaries.py`` pins it to their public API).
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy import stats as scipy_stats

from framing import actors, corpus, dictionaries, resources, segment, spans, stats, storage, voice

# VADER's normalisation constant: compound = s / sqrt(s^2 + alpha), "approximates the max
# expected value" (Hutto & Gilbert 2014; vaderSentiment.normalize default).
VADER_ALPHA = 15
# Conventional VADER thresholds for calling a sentence positive/negative (vaderSentiment README).
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05
# Cells of the actor x outlet table with fewer sentences are flagged (and marked in figures).
SMALL_N = 5
TERM_DECIMALS = 3

# Same-length mask characters, case-preserving.
MASK_UPPER, MASK_LOWER = "X", "x"

# Name tokens: initialisms (U.S.) and hyphenated names (Jong-un) stay whole; an apostrophe
# ends a token, so the possessive 's of "Russia's" is never masked. ``_TOKEN`` is
# ``_TOKEN_DEFINITION`` with the first letter of both alternatives factored out: the same
# tokens (``test_sentiment`` checks it), found faster, as a pattern that starts with a
# character class lets the regex engine skip straight to where a token can start.
_TOKEN_DEFINITION = r"(?:[A-Za-z]\.){2,}|[A-Za-z]\w*(?:-\w+)*"
_TOKEN = re.compile(r"[A-Za-z](?:\.(?:[A-Za-z]\.)+|\w*(?:-\w+)*)")
# A token opens the sentence or a quotation when only whitespace, an opening quotation mark
# (straight marks open at the start or after whitespace), "!", "?" or ":" precede it. A full
# stop does not count: inside one sentence it ends an abbreviation ("U.S. Aegis").
_INITIAL_PREFIX = re.compile(r"(?:^|[!?:]|(?:^|\s)[\"']+)\s*$")

SCORE_COLUMNS = {
    "vader": "vader_compound",
    "vader_masked": "vader_compound_masked",
    "afinn": "afinn_compound",
    "afinn_masked": "afinn_compound_masked",
}
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


# --- masking names ---------------------------------------------------------------------


def _is_initial(text: str, start: int) -> bool:
    """Whether the token at ``start`` opens the sentence or a quotation (``_INITIAL_PREFIX``).

    The same test read from the end of the text before the token, which is faster than
    searching all of it with the regex (``test_sentiment`` checks equality at every position):
    after trailing whitespace, nothing, "!", "?" or ":", or a run of quotation marks that opens
    the text or follows whitespace.
    """
    before = text[:start].rstrip()  # str.rstrip strips what the regex's \s matches
    if not before or before[-1] in "!?:":
        return True
    unquoted = before.rstrip("\"'")
    return len(unquoted) < len(before) and (not unquoted or unquoted[-1].isspace())


def _is_capitalised(token: str) -> bool:
    return token[0].isupper()


def _token_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) of each word that could be part of a name."""
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]


def name_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of proper-name tokens to mask, left to right.

    A token is masked when it is capitalised and either (1) lies inside an actor mention from
    ``data/lexicons/actors.csv`` (any position: the list vouches for it), or (2) does not open
    the sentence or a quotation (where capitals are grammatical, not a sign of a name) and is
    title-case ("Liberty") or ALL-CAPS next to another capitalised token ("UN Security"). Rule (2)
    does not apply to a unit in title case (every word of ``TITLE_CASE_MIN_LETTERS``+ letters
    capitalised, and at least three such: a headline), where capitals are style.
    A lone ALL-CAPS word is kept: VADER reads it as emphasis ("a BAD idea").
    """
    return list(_name_spans_cached(normalise(text)))


TITLE_CASE_MIN_LETTERS = 4  # title case capitalises every word this long ('Threat Of ... Looms Over Korean Peninsula')


@lru_cache(maxsize=65536)
def _name_spans_cached(plain: str) -> tuple[tuple[int, int], ...]:
    inside = actors.mention_spans(plain)
    # Only capitalised tokens can be names. Their neighbours in this shorter list are the
    # same as in the full token list whenever only whitespace separates them, which is all
    # ``_in_run`` asks, so dropping lower-case tokens changes no result.
    words = _token_spans(plain)
    tokens = [t for t in words if _is_capitalised(t[2])]
    # In a title-case headline capitals are style, not names: only the actor list vouches there.
    title_case = _is_title_case(token for _, _, token in words)
    spans = []
    for index, (start, end, token) in enumerate(tokens):
        in_mention = any(a <= start and end <= b for a, b in inside)
        by_shape = (
            not title_case and not _is_initial(plain, start) and (not token.isupper() or _in_run(plain, tokens, index))
        )
        if in_mention or by_shape:
            spans.append((start, end))
    return tuple(spans)


def _is_title_case(tokens: Iterable[str]) -> bool:
    """Whether at least three ``tokens`` have ``TITLE_CASE_MIN_LETTERS``+ letters and all such
    tokens are capitalised; read only up to the first long token that is not."""
    long_words = 0
    for token in tokens:
        if len(token) >= TITLE_CASE_MIN_LETTERS:
            if not _is_capitalised(token):
                return False
            long_words += 1
    return long_words >= 3


def _in_run(text: str, tokens: list[tuple[int, int, str]], index: int) -> bool:
    """Whether token ``index`` is joined by whitespace alone to a capitalised neighbour."""
    start, end, _ = tokens[index]
    before = index > 0 and _is_capitalised(tokens[index - 1][2]) and not text[tokens[index - 1][1] : start].strip()
    after = (
        index + 1 < len(tokens)
        and _is_capitalised(tokens[index + 1][2])
        and not text[end : tokens[index + 1][0]].strip()
    )
    return bool(before or after)


def _mask_chars(chunk: str) -> str:
    """Upper-case letters as ``MASK_UPPER``, other letters as ``MASK_LOWER``, the rest kept."""
    return "".join(MASK_UPPER if c.isupper() else MASK_LOWER if c.isalpha() else c for c in chunk)


def mask_names(text: str) -> str:
    """``text`` (normalised) with proper-name tokens masked letter for letter (``Putin`` -> ``Xxxxx``)."""
    plain = normalise(text)
    return _mask_spans(plain, _name_spans_cached(plain))


def _mask_spans(plain: str, spans) -> str:
    """``plain`` (normalised) with each of the ``spans`` masked letter for letter."""
    pieces, last = [], 0
    for start, end in spans:
        pieces += [plain[last:start], _mask_chars(plain[start:end])]
        last = end
    return "".join(pieces) + plain[last:]


def masked_names(text: str) -> str:
    """The masked names as written, adjacent tokens joined ("United States;Security Council")."""
    plain = normalise(text)
    return _joined_names(plain, _name_spans_cached(plain))


def _joined_names(plain: str, spans) -> str:
    """The text of ``spans`` in ``plain`` (normalised), spans with only whitespace between them joined."""
    runs: list[list[int]] = []
    for start, end in spans:
        if runs and not plain[runs[-1][1] : start].strip():
            runs[-1][1] = end
        else:
            runs.append([start, end])
    return ";".join(plain[a:b] for a, b in runs)


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


def _has_word(text: str) -> bool:
    return bool(_TOKEN.search(text))


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
        spans = _name_spans_cached(plain)  # what mask_names and masked_names find, computed once
        rows.append(
            {
                "sentence_id": sid,
                "article_id": aid,
                "voice": unit_voice,
                "quoted_share": share,
                **_score_row(plain, _mask_spans(plain, spans)),
                "masked_names": _joined_names(plain, spans),
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
        masked = voice_parts(mask_names(row.text), quoted)
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


# --- summaries ---------------------------------------------------------------------------


def _summaries(cell: pd.DataFrame, columns: list[str], seed: int) -> list[dict]:
    """Per column of ``cell``: n, mean with bootstrap interval, median and the counts below,
    around and above zero (one bootstrap resample of the cell's units for every column)."""
    values = cell[columns].to_numpy(dtype=float).reshape(len(cell), len(columns))
    out = []
    for column, (mean, low, high) in zip(values.T, stats.bootstrap_means(values, seed=seed)):
        out.append(
            {
                "n": int(column.size),
                "mean": mean,
                "ci_low": low,
                "ci_high": high,
                "median": float(np.median(column)) if column.size else float("nan"),
                "n_negative": int((column <= NEGATIVE_THRESHOLD).sum()),
                "n_neutral": int(((column > NEGATIVE_THRESHOLD) & (column < POSITIVE_THRESHOLD)).sum()),
                "n_positive": int((column >= POSITIVE_THRESHOLD).sum()),
            }
        )
    return out


def _outlets(articles: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(article_id, label, group) of every article, in id order."""
    ordered = articles.sort_values("article_id")
    return list(zip(ordered["article_id"], ordered["label"], ordered["group"]))


def by_outlet(
    scored: pd.DataFrame, parts: pd.DataFrame, articles: pd.DataFrame, *, seed: int = stats.DEFAULT_SEED
) -> pd.DataFrame:
    """Per text, method and voice: n, mean, bootstrap interval and distribution counts.

    voice 'all' summarises whole units; each voice of ``framing.voice`` summarises the parts in
    that voice (``score_parts``), so a partial quote counts as quoted words. Every text x method x
    voice cell is present (n = 0 gives NaN statistics). Pass body units for per-text summaries.
    """
    units = [("all", "unit", scored)] + [(v, f"{v} part", parts[parts["voice"] == v]) for v in voice.VOICES]
    rows = []
    for voice_name, unit, table in units:
        cells = dict(tuple(table.groupby("article_id")))
        for article_id, label, group in _outlets(articles):
            cell = cells.get(article_id, table.iloc[:0])
            summaries = _summaries(cell, list(SCORE_COLUMNS.values()), seed)
            for method, summary in zip(SCORE_COLUMNS, summaries):
                rows.append(
                    {
                        "article_id": article_id,
                        "label": label,
                        "group": group,
                        "method": method,
                        "voice": voice_name,
                        "unit": unit,
                        **summary,
                    }
                )
    return _sorted(pd.DataFrame(rows), ["article_id", "method", "voice"])


def _sorted(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return table.sort_values(keys, kind="stable").reset_index(drop=True)


def actor_groups_of(text: str) -> list[str]:
    """The distinct actor groups a sentence mentions (``framing.actors``), sorted."""
    return sorted({m.actor_group for m in actors.find_mentions(text)})


def sentence_actor_groups(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence and actor group it mentions (sentence_id, actor_group)."""
    pairs = [
        (sid, group)
        for sid, text in zip(sentences["sentence_id"], sentences["text"])
        for group in actor_groups_of(text)
    ]
    return pd.DataFrame(pairs, columns=["sentence_id", "actor_group"])


def by_actor(
    scored: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame, *, seed: int = stats.DEFAULT_SEED
) -> pd.DataFrame:
    """Per outlet, actor group and method: sentiment of the sentences that mention the group.

    A sentence mentioning two groups counts for both. This is the sentiment *of sentences
    mentioning* an actor, not sentiment *towards* it. Every outlet x group (groups mentioned
    anywhere in the corpus) x method cell is present; ``small_n`` flags cells under ``SMALL_N``.
    """
    mentions = sentence_actor_groups(sentences).merge(scored, on="sentence_id", validate="many_to_one")
    cells = dict(tuple(mentions.groupby(["article_id", "actor_group"])))
    rows = []
    groups = sorted(mentions["actor_group"].unique())
    for article_id, label, _ in _outlets(articles):
        for group in groups:
            cell = cells.get((article_id, group), mentions.iloc[:0])
            summaries = _summaries(cell, list(SCORE_COLUMNS.values()), seed)
            for method, summary in zip(SCORE_COLUMNS, summaries):
                rows.append(
                    {
                        "article_id": article_id,
                        "label": label,
                        "actor_group": group,
                        "method": method,
                        **summary,
                        "small_n": len(cell) < SMALL_N,
                    }
                )
    return _sorted(pd.DataFrame(rows), ["article_id", "actor_group", "method"])


def _spearman(a: pd.Series, b: pd.Series) -> tuple[float, float]:
    if a.nunique() < 2 or b.nunique() < 2:
        return float("nan"), float("nan")
    result = scipy_stats.spearmanr(a.astype(float), b.astype(float))
    return float(result.statistic), float(result.pvalue)


def agreement(
    scored: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    pairs: tuple = (("vader_masked", "afinn_masked"), ("vader", "afinn")),
) -> pd.DataFrame:
    """Spearman correlation between methods per sentence, over all sentences and per outlet.

    Columns: article_id ('' for the corpus), label ('all' for the corpus), method_a, method_b, n, rho,
    p_value, n_same_sign (both negative, both neutral or both positive at VADER's +-0.05 thresholds).
    """
    labelled = corpus.with_labels(scored, articles)
    cells = [("", "all", labelled)] + [
        (aid, label, cell) for (aid, label), cell in labelled.groupby(["article_id", "label"], sort=True)
    ]
    rows = []
    for article_id, label, cell in cells:
        for method_a, method_b in pairs:
            a, b = cell[SCORE_COLUMNS[method_a]], cell[SCORE_COLUMNS[method_b]]
            rho, p_value = _spearman(a, b)
            rows.append(
                {
                    "article_id": article_id,
                    "label": label,
                    "method_a": method_a,
                    "method_b": method_b,
                    "n": len(cell),
                    "rho": rho,
                    "p_value": p_value,
                    "n_same_sign": int((_sign(a) == _sign(b)).sum()),
                }
            )
    return pd.DataFrame(rows)


def _sign(values: pd.Series) -> np.ndarray:
    x = values.astype(float).to_numpy()
    return np.where(x >= POSITIVE_THRESHOLD, 1, np.where(x <= NEGATIVE_THRESHOLD, -1, 0))


def disagreements(
    scored: pd.DataFrame, *, a: str = "vader_masked", b: str = "afinn_masked", top: int = 6
) -> pd.DataFrame:
    """The ``top`` sentences where two methods differ most on their common -1..1 scale."""
    gap = scored[SCORE_COLUMNS[a]].astype(float) - scored[SCORE_COLUMNS[b]].astype(float)
    table = scored.assign(gap=gap.round(4), abs_gap=gap.abs().round(4))
    return table.sort_values(["abs_gap", "sentence_id"], ascending=[False, True]).head(top).reset_index(drop=True)


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


# --- findings ----------------------------------------------------------------------------


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


def overlapping_pairs(cells: pd.DataFrame) -> tuple[int, list[tuple[str, str]]]:
    """(pairs of texts, the pairs whose intervals do not overlap) among summary rows with
    label, ci_low and ci_high."""
    rows = cells.dropna(subset=["ci_low", "ci_high"]).sort_values("label").to_dict("records")
    apart = [
        (a["label"], b["label"])
        for i, a in enumerate(rows)
        for b in rows[i + 1 :]
        if a["ci_high"] < b["ci_low"] or b["ci_high"] < a["ci_low"]
    ]
    return len(rows) * (len(rows) - 1) // 2, apart


def tone_finding(cells: pd.DataFrame, method_name: str) -> str:
    """One sentence on the texts' mean tone for one method: how many lean negative, the range,
    the least negative, and which pairs of intervals do not overlap."""
    from framing import prose

    cells = cells.dropna(subset=["mean"])
    negative = int((cells["mean"] < 0).sum())
    mildest = cells.loc[cells["mean"] == cells["mean"].max(), "label"]
    n_pairs, apart = overlapping_pairs(cells)
    if len(cells) == 1:
        row = cells.iloc[0]
        return (
            f"**{method_name}**: the one text, {row['label']}, "
            f"leans {'negative' if row['mean'] < 0 else 'neutral or positive'} (mean {row['mean']:+.2f})."
        )
    lean = (
        f"all {len(cells)} texts lean negative"
        if negative == len(cells)
        else f"{prose.share(negative, len(cells))} texts lean negative"
    )
    separation = (
        "every pair of intervals overlaps"
        if not apart
        else f"{prose.share(len(apart), n_pairs)} pairs of intervals do not overlap ("
        + prose.listing(f"{a} / {b}" for a, b in apart)
        + ")"
    )
    return (
        f"**{method_name}**: {lean} (means from {cells['mean'].min():+.2f} to {cells['mean'].max():+.2f}); "
        f"least negative: {prose.listing(mildest)}; {separation}."
    )
