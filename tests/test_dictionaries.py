"""framing.dictionaries, the adapter over vaderSentiment's and afinn's internals, pinned to their public API.

Every test here compares what the project computes through those internals with what the
packages' public API gives on the same real sentences: VADER's
``SentimentIntensityAnalyzer().polarity_scores(text)`` and AFINN's ``Afinn().score(text)`` /
``Afinn().find_all(text)``, each from a fresh analyzer the project never touches. The project
scores normalised text (``sentiment.normalise``) and its name-masked version, so that is where the
two must agree. If an upgrade of either package changes what its internals compute, a test here
fails by name, and ``src/framing/dictionaries.py`` is the module to re-port.
"""

from __future__ import annotations

import string

import pytest
from afinn import Afinn
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing import dictionaries, masking, sentiment

VADER_KEYS = ("compound", "pos", "neu", "neg")

# VADER's rules, each in a sentence of its own: negation, 'but', 'at least', 'kind of', boosters,
# ALL-CAPS emphasis, '!' and '?' emphasis, 'no' before a lexicon word, 'never so', 'without doubt'.
RULE_SENTENCES = [
    "It is not a good plan but no bad plan either",
    "kind of bad, at least not horrible",
    "NOT GOOD at all!!",
    "The BAD idea is very, very dangerous",
    "no no good",
    "never so good, without doubt",
    "Is this really a threat???",
    "",
]
# What AFINN's word-boundary matching does with apostrophes, hyphens and odd spacing.
AFINN_SENTENCES = [
    "I can't stand it: a cover-up, no fun and it does not work",
    "self-confident and short-sightedness",
    "well- being and well-being",
    "WON'T  stop",
    "",
]


@pytest.fixture(scope="module")
def vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@pytest.fixture(scope="module")
def afinn() -> Afinn:
    return Afinn()


@pytest.fixture(scope="module")
def texts(built) -> list[str]:
    """Every seed sentence normalised, name-masked, as written, and in lower and upper case."""
    written = list(built.sentences["text"])
    normalised = [sentiment.normalise(t) for t in written]
    return (
        normalised
        + [masking.mask_names(t) for t in written]
        + written
        + [t.lower() for t in normalised]
        + [t.upper() for t in normalised]
    )


# --- VADER ---------------------------------------------------------------------------------


def test_vader_score_equals_polarity_scores(vader, texts):
    """The adapter's term-level loop gives polarity_scores' four numbers exactly, also in ALL-CAPS
    text and around each of VADER's rules; ``total`` is the value VADER squashes into compound."""
    for text in texts + RULE_SENTENCES:
        ours = dictionaries.vader_score(text)
        theirs = vader.polarity_scores(text)
        assert (ours.compound, ours.pos, ours.neu, ours.neg) == tuple(theirs[k] for k in VADER_KEYS), text
        assert len(ours.valences) == len(ours.tokens), text
        assert round(sentiment.normalize_sum(ours.total), 4) == ours.compound, text


def test_sentence_scores_equal_polarity_scores_on_normalised_text(vader, built):
    """Every VADER number in sentiment_sentences.csv is polarity_scores' on the normalised sentence
    (or the name-masked one), and vader_sum is the value polarity_scores squashes."""
    scored = sentiment.score_sentences(built.sentences)
    for text, row in zip(built.sentences["text"], scored.itertuples(), strict=True):
        plain, masked = sentiment.normalise(text), masking.mask_names(text)
        theirs = vader.polarity_scores(plain)
        assert (row.vader_compound, row.vader_pos, row.vader_neu, row.vader_neg) == tuple(
            theirs[k] for k in VADER_KEYS
        ), text
        assert row.vader_compound_masked == vader.polarity_scores(masked)["compound"], masked
        assert round(sentiment.normalize_sum(row.vader_sum), 4) == row.vader_compound, text


def _mask_word(token: str) -> str:
    return "".join("X" if c.isupper() else "x" if c.isalpha() else c for c in token)


def test_words_outside_vader_sensitive_words_never_move_a_score(vader, texts):
    """``vader_sensitive_words`` is complete: masking every other word letter for letter (case,
    punctuation and token count kept) leaves polarity_scores unchanged."""
    sensitive = dictionaries.vader_sensitive_words()

    def moves(token: str) -> bool:
        lower = token.lower()
        return lower in sensitive or lower.strip(string.punctuation) in sensitive

    for text in texts + RULE_SENTENCES:
        tokens = text.split()
        masked = " ".join(t if moves(t) else _mask_word(t) for t in tokens)
        assert not any(moves(_mask_word(t)) for t in tokens if not moves(t)), text
        assert vader.polarity_scores(masked) == vader.polarity_scores(" ".join(tokens)), text


# --- AFINN ---------------------------------------------------------------------------------


def test_afinn_lexicon_scores_as_afinn_does(afinn, texts):
    """The word list the adapter exposes gives Afinn().score, match by match."""
    lexicon = dictionaries.afinn_lexicon()
    assert len(lexicon) == 3382  # AFINN-165 English, no emoticons
    for text in texts + AFINN_SENTENCES:
        assert sum(lexicon[w] for w in afinn.find_all(text)) == afinn.score(text), text


def test_afinn_fast_matcher_equals_find_all(afinn, texts):
    """``sentiment.afinn_find_all`` (entries looked up by first word) finds what Afinn().find_all
    finds; it relies on every entry starting and ending with a word character."""
    assert all(
        sentiment._WORD_CHAR.match(e) and sentiment._WORD_CHAR.match(e[-1]) for e in dictionaries.afinn_lexicon()
    )
    for text in texts + AFINN_SENTENCES:
        assert sentiment.afinn_find_all(text) == afinn.find_all(text), text


def test_sentence_scores_equal_afinn_score_on_normalised_text(afinn, built):
    """Every AFINN score in sentiment_sentences.csv is Afinn().score on the normalised sentence (or
    the name-masked one)."""
    scored = sentiment.score_sentences(built.sentences)
    for text, row in zip(built.sentences["text"], scored.itertuples(), strict=True):
        assert row.afinn_score == afinn.score(sentiment.normalise(text)), text
        assert row.afinn_score_masked == afinn.score(masking.mask_names(text)), text
