"""Sentence and word segmentation on the hard cases of the real texts."""

from __future__ import annotations

import pytest

from framing import segment
from tests.conftest import raw_line


@pytest.mark.parametrize(
    "article_id, line_no, expected_endings",
    [
        # U.N. inside a sentence
        ("002", 14, ["(ICBM)."]),
        # U.S. before a name, sentence-final quote inside the marks (.”)
        ("000", 5, ["the answer.”"]),
        # Mr Putin, and a closing quote before the comma: one sentence
        ("003", 35, ["Reuters reported."]),
        # a quote, its cue, then a second quote: split after the cue
        ("000", 3, ["he argued.", "the road to nowhere.”"]),
        # a quote spanning two sentences (break inside the quote)
        ("002", 16, ["on the United States.", "in Baltimore."]),
        # '!' inside a quote that spans two sentences
        ("003", 51, ["for 25 years!", "Talking is not the answer!”"]),
        # a sentence that ends with the abbreviation U.S.
        ("000", 9, ["“such horrible developments.”", "with the U.S."]),
        # straight quotes, sentence-final ." 
        ("001", 10, ['large-scale conflict."']),
        # a long analytic paragraph
        ("004", 7, ["matters.", "persuasion”.", "North Korea.", "dangerous.", "Far East.", "solutions."]),
    ],
)
def test_sentence_split_on_real_lines(article_id, line_no, expected_endings):
    sentences = segment.split_sentences(raw_line(article_id, line_no).strip())
    assert len(sentences) == len(expected_endings)
    for sentence, ending in zip(sentences, expected_endings):
        assert sentence.endswith(ending), sentence


def test_spans_index_the_paragraph():
    paragraph = raw_line("000", 3).strip()
    spans = segment.sentence_spans(paragraph)
    assert [paragraph[a:b] for a, b in spans] == segment.split_sentences(paragraph)
    assert spans[0][0] == 0 and spans[-1][1] == len(paragraph)


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("U.S. President Donald Trump’s declaration", ["U.S.", "President", "Donald", "Trump’s", "declaration"]),
        ("Kim Jong-un is playing a game of very, very dangerous brinkmanship,", ["Kim", "Jong-un", "is", "playing", "a", "game", "of", "very", "very", "dangerous", "brinkmanship"]),
        ("a roadmap drawn up by Russia and China -- which", ["a", "roadmap", "drawn", "up", "by", "Russia", "and", "China", "which"]),
        ("in 27 languages", ["in", "27", "languages"]),
    ],
)
def test_words(text_in, expected):
    assert segment.words(text_in) == expected


def test_headline_is_not_glued_to_the_first_sentence(built):
    first = built.sentences[built.sentences["article_id"] == "001"].iloc[0]
    assert first["text"].startswith("Russian President Vladimir Putin says that the standoff")
    assert "Looms Over Korean Peninsula" not in " ".join(built.sentences["text"])


def test_sentence_counts_per_article(built):
    """Counted by hand from the texts (README: corpus summary)."""
    assert built.sentences.groupby("article_id").size().to_dict() == {"000": 16, "001": 11, "002": 15, "003": 13, "004": 19}
