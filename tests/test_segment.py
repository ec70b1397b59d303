"""Sentence and word segmentation on the hard cases of the real texts."""

from __future__ import annotations

import pytest

from framing import corpus, segment
from tests.conftest import page_text, raw_line, unit_with


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


@pytest.mark.parametrize(
    "text_in, expected",
    [
        (
            "The summit opens on Sept. 3 in Xiamen. Putin will attend.",
            ["The summit opens on Sept. 3 in Xiamen.", "Putin will attend."],
        ),
        (
            "Also the Korea expert Dr. Ulrich Hessel sees the plan as sound. He teaches in Berlin.",
            ["Also the Korea expert Dr. Ulrich Hessel sees the plan as sound.", "He teaches in Berlin."],
        ),
        ("Lt. Gen. Jan Kowalski said so. He was clear.", ["Lt. Gen. Jan Kowalski said so.", "He was clear."]),
    ],
)
def test_listed_abbreviations_do_not_end_a_sentence(text_in, expected):
    assert segment.split_sentences(text_in) == expected


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("Pyongyang fired the missile at 5:57 a.m. on Tuesday, local time.", 1),
        ("The talks began at 6:30 p.m. in Moscow and ran late.", 1),
        # development page 105 (an editorial), line 19: two sentences
        (page_text("105").split("\n")[18], 2),
    ],
)
def test_time_and_rank_abbreviations_do_not_end_a_sentence(text_in, expected):
    assert len(segment.split_sentences(text_in)) == expected


@pytest.mark.parametrize(
    "text_in",
    [
        "Sen. Ellen Marchetti (D-Md.), a member of the committee, said the rhetoric was a gift.",
        "The ministry (the MOFA.) said so.",
    ],
)
def test_a_piece_opening_with_a_bracket_or_comma_continues_its_sentence(text_in):
    assert segment.split_sentences(text_in) == [text_in]


def test_spans_index_the_paragraph():
    paragraph = raw_line("000", 3).strip()
    spans = segment.sentence_spans(paragraph)
    assert [paragraph[a:b] for a, b in spans] == segment.split_sentences(paragraph)
    assert spans[0][0] == 0 and spans[-1][1] == len(paragraph)


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("U.S. President Donald Trump’s declaration", ["U.S.", "President", "Donald", "Trump’s", "declaration"]),
        (
            "Kim Jong-un is playing a game of very, very dangerous brinkmanship,",
            ["Kim", "Jong-un", "is", "playing", "a", "game", "of", "very", "very", "dangerous", "brinkmanship"],
        ),
        (
            "a roadmap drawn up by Russia and China -- which",
            ["a", "roadmap", "drawn", "up", "by", "Russia", "and", "China", "which"],
        ),
        ("in 27 languages", ["in", "27", "languages"]),
        ("U.S.-South Korean military drills", ["U.S.", "South", "Korean", "military", "drills"]),
        ("flying Tupolev Tu-95 bombers", ["flying", "Tupolev", "Tu-95", "bombers"]),
        ("the Americans’ attention", ["the", "Americans", "attention"]),
    ],
)
def test_words(text_in, expected):
    assert segment.words(text_in) == expected


@pytest.mark.parametrize(
    "text_in, expected",
    [
        (
            "Tokyo said 1,000 people took part in the drill",
            ["Tokyo", "said", "1,000", "people", "took", "part", "in", "the", "drill"],
        ),
        # development page 116 (a markets brief), line 10
        (
            "South Korea's KOSPI fell 0.3 per cent in early trade",
            ["South", "Korea's", "KOSPI", "fell", "0.3", "per", "cent", "in", "early", "trade"],
        ),
    ],
)
def test_a_number_is_one_word(text_in, expected):
    assert segment.words(text_in) == expected


def test_headline_is_its_own_unit_not_glued_to_the_first_sentence(built):
    units = built.sentences[built.sentences["article_id"] == "001"]
    assert units.iloc[0]["unit_type"] == "headline"
    assert units.iloc[0]["text"] == "Putin Says Threat Of 'Large-Scale Conflict' Looms Over Korean Peninsula"
    first_body = corpus.body(units).iloc[0]
    assert first_body["text"].startswith("Russian President Vladimir Putin says that the standoff")
    assert "Looms Over Korean Peninsula" not in " ".join(corpus.body(built.sentences)["text"])


def test_body_sentence_counts_per_article(built):
    """Counted by hand from the texts (README: corpus summary)."""
    body = corpus.body(built.sentences)
    assert body.groupby("article_id").size().to_dict() == {"000": 16, "001": 11, "002": 15, "003": 13, "004": 19}


def test_display_unit_counts_per_article(built):
    """000 has none; 001 headline and photo caption; 002 headline and photo caption; 003 headline,
    standfirst and three captions; 004 its headline."""
    display = built.sentences[built.sentences["unit_type"] != "body"]
    counts = display.groupby("article_id").size().reindex(built.articles["article_id"], fill_value=0).to_dict()
    assert counts == {"000": 0, "001": 2, "002": 2, "003": 5, "004": 1}


def test_a_display_unit_is_never_split_into_sentences(built_pages):
    """105's headline holds two sentences; it is shown, and read, as one unit."""
    headline = unit_with(built_pages.sentences, "105", "Our view: Moscow’s call for calm is welcome.")
    assert headline["unit_type"] == "headline"
    assert headline["text"] == "Our view: Moscow’s call for calm is welcome. Its track record is not."
