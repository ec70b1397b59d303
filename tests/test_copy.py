"""Shared copy: a unit's words outside quotation marks found in another text (word 5-grams) or,
by hand evidence, in a wire agency's story. Quoted words never count: two outlets printing the
same quote have not shared copy."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from framing import copy, judgements
from tests.conftest import unit_with

WIRE_HEADER = "article_id,text,wire,match,evidence,checked\n"


def _units(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """A sentences table of (sentence_id, text, quote_spans) rows; the article is the id's prefix."""
    table = pd.DataFrame(rows, columns=["sentence_id", "text", "quote_spans"])
    return table.assign(article_id=table["sentence_id"].str[:3])


# ----------------------------------------------------------------------------- n-grams outside quotes


def test_outside_ngrams_skip_the_quoted_words(built):
    """000: 'Putin warned that North Korea and the United States are “balanced on the verge ...”'."""
    unit = unit_with(built.sentences, "000", "Putin warned that North Korea and the United States are")
    grams = copy.outside_ngrams(unit["text"], unit["quote_spans"])
    assert grams == {
        ("putin", "warned", "that", "north", "korea"),
        ("warned", "that", "north", "korea", "and"),
        ("that", "north", "korea", "and", "the"),
        ("north", "korea", "and", "the", "united"),
        ("korea", "and", "the", "united", "states"),
        ("and", "the", "united", "states", "are"),
    }


def test_no_ngram_bridges_a_quote():
    text = 'Putin said "talks must start now" and Lavrov agreed with him today.'
    start = text.index("talks")
    grams = copy.outside_ngrams(text, f"{start}-{start + len('talks must start now')}")
    assert grams == {("and", "lavrov", "agreed", "with", "him"), ("lavrov", "agreed", "with", "him", "today")}


def test_a_quote_only_unit_has_no_outside_ngrams(built):
    unit = unit_with(built.sentences, "003", "Provocations, pressure, and bellicose and offensive rhetoric")
    assert copy.outside_ngrams(unit["text"], unit["quote_spans"]) == set()


def test_typographic_apostrophes_and_case_do_not_hide_shared_copy():
    assert copy.outside_ngrams("Russia’s Position Is Similar To China’s", "") == copy.outside_ngrams(
        "russia's position is similar to china's", ""
    )


# ----------------------------------------------------------------------------- shared with the corpus


def test_narration_copied_from_another_text_is_shared_copy():
    units = _units(
        ("900-001", "Washington has said all options, including military ones, remain open.", ""),
        ("901-001", "Washington has said all options, including military ones, remain open.", ""),
        ("901-002", "Dealers shrugged off calls from Moscow for talks on Friday morning.", ""),
    )
    table = copy.shared_with_corpus(units).set_index("sentence_id")
    assert table.loc["901-001", ["copy_share", "shared_with_ids"]].tolist() == [1.0, "900"]
    assert table.loc["901-002", ["copy_share", "shared_with_ids"]].tolist() == [0.0, ""]


def test_a_shared_quote_is_not_shared_copy():
    quote = "Provocations, pressure and bellicose and offensive rhetoric is the road to nowhere."
    units = _units(
        ("900-001", f"“{quote}” Putin wrote.", f"1-{1 + len(quote)}"),
        ("901-001", f"“{quote}” the Russian leader argued on Friday.", f"1-{1 + len(quote)}"),
    )
    assert copy.shared_with_corpus(units)["shared_with_ids"].tolist() == ["", ""]


def test_copy_within_one_text_is_not_shared_copy():
    units = _units(
        ("900-001", "Russia voted along with the rest of the Security Council.", ""),
        ("900-002", "Russia voted along with the rest of the Security Council.", ""),
    )
    assert copy.shared_with_corpus(units)["copy_share"].tolist() == [0.0, 0.0]


def test_shared_copy_needs_half_of_the_units_ngrams():
    """Ten words give six 5-grams: three found in the other text make shared copy, two do not."""
    mine = "Japan pressed its allies for a much tougher line today."
    half = _units(("900-001", mine, ""), ("901-001", "Japan pressed its allies for a much firmer response.", ""))
    less = _units(("900-001", mine, ""), ("901-001", "Japan pressed its allies for a firmer response.", ""))
    assert copy.shared_with_corpus(half).set_index("sentence_id").loc["900-001"].tolist() == [0.5, "901"]
    assert copy.shared_with_corpus(less).set_index("sentence_id").loc["900-001"].tolist() == [0.3333, ""]


def test_the_texts_holding_most_of_a_units_ngrams_come_first():
    mine = "Putin, whose country shares a border with North Korea, said a plan offered a way out."
    units = _units(
        ("900-001", mine, ""),
        ("901-001", "Putin, whose country shares a border with North Korea, said a plan was ready.", ""),
        ("902-001", mine, ""),
    )
    row = copy.shared_with_corpus(units).set_index("sentence_id").loc["900-001"]
    assert (row["copy_share"], row["shared_with_ids"]) == (1.0, "902;901")


def test_a_near_copy_of_a_wire_story_is_shared_copy(built_pages):
    """Development page 103 runs page 102's wire story with a few words changed, one paragraph
    dropped and one added."""
    units = built_pages.sentences
    kept = unit_with(units, "103", "Washington has said all options, including military ones, remain open.")
    assert (kept["shared_copy"], kept["shared_with_ids"]) == ("corpus", "102")
    added = unit_with(units, "103", "The article, titled")
    assert (added["shared_copy"], added["shared_with_ids"]) == ("", "")
    dropped = unit_with(units, "102", "A senior Russian diplomat, speaking on condition of anonymity")
    assert dropped["shared_copy"] == ""


def test_in_the_seeds_only_quoted_words_are_shared_between_texts(built):
    """README finding 2: no seed unit's narration is mostly another seed's; The Independent prints
    the aggregator's quote of Putin word for word, but as a quote."""
    assert (built.sentences["shared_with_ids"] == "").all()
    quote = unit_with(built.sentences, "003", "Provocations, pressure, and bellicose and offensive rhetoric")
    assert (quote["copy_share"], quote["shared_copy"]) == (0.0, "")


# ----------------------------------------------------------------------------- wire evidence


def test_wire_evidence_attaches_to_the_units_it_names(built):
    evidence = copy.wire_evidence(built.sentences)
    named = built.sentences.set_index("sentence_id").loc[evidence["sentence_id"], "article_id"]
    assert sorted(named) == ["001", "003", "003", "003"]
    assert set(evidence["wire"]) == {"Reuters"}


def test_wire_evidence_for_texts_outside_the_corpus_is_ignored(built, tmp_path):
    (tmp_path / copy.WIRE_FILE).write_text(
        WIRE_HEADER + "999,A sentence of another corpus.,AP,word for word,x,y\n", encoding="utf-8"
    )
    assert copy.wire_evidence(built.sentences, tmp_path).empty


def test_without_a_wire_file_there_is_no_wire_evidence(built, tmp_path):
    assert copy.wire_evidence(built.sentences, tmp_path).empty


def test_stale_wire_evidence_is_an_error(built, tmp_path):
    (tmp_path / copy.WIRE_FILE).write_text(
        WIRE_HEADER + "001,Pyongyang has been working to develop a nuclear missile.,Reuters,word for word,x,y\n",
        encoding="utf-8",
    )
    with pytest.raises(judgements.JudgementError, match=r"wire_copy\.csv: 1 judgement\(s\) .* line 2 \(article 001"):
        copy.wire_evidence(built.sentences, tmp_path)


def test_stale_wire_evidence_names_its_line_in_the_file(built, tmp_path):
    (tmp_path / copy.WIRE_FILE).write_text(
        WIRE_HEADER + "999,A sentence of another corpus.,AP,word for word,x,y\n"
        "003,Mr Putin said something this text never printed.,Reuters,word for word,x,y\n",
        encoding="utf-8",
    )
    with pytest.raises(judgements.JudgementError, match=r"line 3 \(article 003"):
        copy.wire_evidence(built.sentences, tmp_path)


def test_shared_copy_kinds_combine_corpus_and_wire(tmp_path):
    text = "Pyongyang has been working to develop a nuclear-tipped missile capable of hitting the United States."
    units = _units(
        ("900-001", text, ""), ("901-001", text, ""), ("901-002", "Talks stalled again on Friday in Beijing.", "")
    )
    (tmp_path / copy.WIRE_FILE).write_text(WIRE_HEADER + f"901,{text},Reuters,word for word,x,y\n", encoding="utf-8")
    table = copy.shared_copy(units, tmp_path).set_index("sentence_id")
    assert table["shared_copy"].to_dict() == {"900-001": "corpus", "901-001": "corpus;wire", "901-002": ""}
    assert table["wire"].to_dict() == {"900-001": "", "901-001": "Reuters", "901-002": ""}


def test_a_corpus_without_wire_evidence_needs_no_deprecated_fill(tmp_path):
    units = _units(("900-001", "Talks stalled again on Friday in Beijing.", ""))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = copy.shared_copy(units, tmp_path)
    assert table["wire"].tolist() == [""]
