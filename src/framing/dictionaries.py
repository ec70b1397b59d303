"""The one place that reaches into the sentiment dictionaries' packages: vaderSentiment and afinn.

``framing.sentiment`` lists the terms behind every score, which neither package offers through
its public API (``SentimentIntensityAnalyzer.polarity_scores``, ``Afinn.score``): those return a
number only. So this module re-runs VADER's own scoring loop term by term, calling its private
``_but_check`` and ``_punctuation_emphasis``, its undocumented ``SentiText``, ``sentiment_valence``
and ``score_valence``, and its module tables (``BOOSTER_DICT``, ``NEGATE``,
``SENTIMENT_LADEN_IDIOMS``, ``SPECIAL_CASES``); and it reads AFINN's word list from the private
``Afinn._dict``. Nothing else in the project touches either package's internals, and what it
exposes is plain data: tokens, valences, scores and word lists.

These internals change between releases (vaderSentiment's ``SENTIMENT_LADEN_IDIOMS`` and
``negated()`` have changed upstream since 3.3.2, the pinned release). ``tests/test_dictionaries.py``
pins every result here to the public API on the seed sentences, so an upgrade that changes what
they compute fails there, by name, and this module is the one to re-port.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

from afinn import Afinn
from vaderSentiment import vaderSentiment as _vader

# --- VADER ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def vader_analyzer() -> _vader.SentimentIntensityAnalyzer:
    """The VADER analyzer with the lexicon shipped in ``vaderSentiment`` (built once)."""
    return _vader.SentimentIntensityAnalyzer()


class VaderScore(NamedTuple):
    """VADER on one text, term by term.

    ``valences`` are the final valence of each of ``tokens`` (after VADER's booster, negation,
    'least', 'kind of' and 'but' rules; 0 for a word that carries none). ``total`` is the value
    VADER squashes into ``compound``: the sum of ``valences`` plus its '!'/'?' emphasis, with the
    sign of the sum. ``compound``, ``pos``, ``neu`` and ``neg`` are ``polarity_scores``'.
    """

    tokens: list[str]
    valences: list[float]
    total: float
    compound: float
    pos: float
    neu: float
    neg: float


def vader_score(text: str) -> VaderScore:
    """VADER's scores of ``text`` with the tokens and valences behind them.

    The same computation as ``SentimentIntensityAnalyzer.polarity_scores``, except that emoji are
    not expanded into their descriptions (news text has none); ``tests/test_dictionaries.py``
    checks equality on every seed sentence.
    """
    analyzer = vader_analyzer()
    tokens, valences = _vader_valences(analyzer, text)
    scores = analyzer.score_valence(valences, text)
    total = float(sum(valences))
    if total:  # score_valence adds the emphasis to a non-zero sum, away from zero
        emphasis = analyzer._punctuation_emphasis(text)
        total = total + emphasis if total > 0 else total - emphasis
    return VaderScore(tokens, valences, total, scores["compound"], scores["pos"], scores["neu"], scores["neg"])


def _vader_valences(analyzer: _vader.SentimentIntensityAnalyzer, text: str) -> tuple[list[str], list[float]]:
    """VADER's tokens and their final valences, as ``polarity_scores`` computes them."""
    sentitext = _vader.SentiText(text.strip())
    tokens: list[str] = sentitext.words_and_emoticons
    sentiments: list[float] = []
    for i, item in enumerate(tokens):
        lower = item.lower()
        if lower in _vader.BOOSTER_DICT or (lower == "kind" and i < len(tokens) - 1 and tokens[i + 1].lower() == "of"):
            sentiments.append(0)
            continue
        if lower not in analyzer.lexicon:
            # ``sentiment_valence`` only appends the valence it was given (0) for such a word;
            # skipping the call saves most of the loop, as most words are not in the lexicon.
            sentiments.append(0)
            continue
        sentiments = analyzer.sentiment_valence(0, sentitext, item, i, sentiments)
    return tokens, analyzer._but_check(tokens, sentiments)


# VADER's rules look beyond the lexicon at these words ('but', 'at least', 'very', 'kind of',
# 'never so', 'never this', 'without doubt'), read from ``sentiment_valence`` and its helpers.
_VADER_RULE_WORDS = frozenset({"but", "least", "at", "very", "kind", "of", "never", "so", "this", "without", "doubt"})


@lru_cache(maxsize=1)
def vader_sensitive_words() -> frozenset[str]:
    """Every lower-case token that can change a VADER score: lexicon, boosters, negators, idiom
    words and the words of VADER's rules. A text changed only in other tokens scores the same."""
    phrases = (*_vader.SENTIMENT_LADEN_IDIOMS, *_vader.SPECIAL_CASES)
    idioms = {word for phrase in phrases for word in phrase.split()}
    lexicon = frozenset(vader_analyzer().lexicon)
    return lexicon | set(_vader.BOOSTER_DICT) | set(_vader.NEGATE) | idioms | _VADER_RULE_WORDS


# --- AFINN ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def afinn_analyzer() -> Afinn:
    """AFINN-165 for English, without emoticons (built once)."""
    return Afinn(language="en")


@lru_cache(maxsize=1)
def afinn_lexicon() -> Mapping[str, int]:
    """AFINN-165's entries (words and phrases, lower-case) and their integer valences, -5..+5:
    the word list ``afinn_analyzer()`` scores with (read-only)."""
    return MappingProxyType(afinn_analyzer()._dict)
