"""The corpus tables honour the data contract (DESIGN.md §2), link to one another, carry display
units, voices and shared copy, read back unchanged, and stop on a metadata date the page contradicts."""

from __future__ import annotations

import pandas as pd
import pytest

from framing import clean, corpus, metadata, spans, storage, voice
from tests.conftest import unit_with

CONTRACT = {
    "articles": [
        "article_id",
        "source_file",
        "outlet",
        "label",
        "group",
        "author",
        "published",
        "headline",
        "wire_credit",
        "n_sentences",
        "n_words",
        "n_display_units",
        "n_quotes",
        "quoted_word_share",
    ],
    "sentences": [
        "sentence_id",
        "article_id",
        "unit_type",
        "paragraph",
        "position",
        "line_no",
        "text",
        "quoted_share",
        "quote_spans",
        "voice",
        "voice_speaker",
        "voice_speaker_group",
        "words_direct_quote",
        "words_attributed_paraphrase",
        "words_imputation",
        "words_own_narration",
        "shared_copy",
        "copy_share",
        "shared_with_ids",
        "wire",
    ],
    "quotes": ["quote_id", "article_id", "sentence_id", "unit_type", "text", "speaker", "cue"],
    "removed_lines": ["article_id", "line_no", "text", "rule", "reason", "kept_as"],
}


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_contract_columns(built, name):
    columns = list(built.tables()[name].columns)
    assert [c for c in CONTRACT[name] if c not in columns] == []


def test_ids_are_unique_and_linked(built):
    assert built.sentences["sentence_id"].is_unique
    assert built.quotes["quote_id"].is_unique
    assert set(built.quotes["sentence_id"]) <= set(built.sentences["sentence_id"])
    assert set(built.sentences["article_id"]) == set(built.articles["article_id"])
    assert (
        built.sentences.groupby("article_id")["position"].apply(lambda p: list(p) == list(range(1, len(p) + 1))).all()
    )


def test_article_counts_are_over_the_body(built):
    """n_sentences, n_words and n_quotes count body units only; display units are counted apart."""
    units = built.sentences
    body = corpus.body(units)
    articles = built.articles.set_index("article_id")
    assert articles["n_sentences"].to_dict() == body.groupby("article_id").size().to_dict()
    assert articles["n_words"].to_dict() == body.groupby("article_id")["n_words"].sum().to_dict()
    assert (articles["n_display_units"] + articles["n_sentences"]).to_dict() == units.groupby(
        "article_id"
    ).size().to_dict()
    body_quotes = built.quotes[built.quotes["sentence_id"].isin(set(body["sentence_id"]))]
    assert articles["n_quotes"].to_dict() == body_quotes.groupby("article_id").size().to_dict()


def test_a_quote_in_a_headline_is_listed_but_not_counted_in_the_body(built):
    """RFE/RL's headline quotes 'Large-Scale Conflict': a quote row, not one of its 4 body quotes."""
    quote = unit_with(built.quotes, "001", "Large-Scale Conflict")
    assert (quote["unit_type"], quote["speaker"]) == ("headline", "Vladimir Putin")
    assert built.articles.set_index("article_id").loc["001", "n_quotes"] == 4


def test_unit_types_are_the_known_ones(built):
    assert set(built.sentences["unit_type"]) <= set(clean.UNIT_TYPES)


def test_units_are_numbered_in_reading_order(built):
    """The Independent's captions at lines 41 and 47 sit between its body sentences, as on the page."""
    for _, units in built.sentences.groupby("article_id"):
        assert units.sort_values("position")["line_no"].is_monotonic_increasing
    caption = unit_with(built.sentences, "003", "North Korea release launch footage")
    before = unit_with(built.sentences, "003", "The Russian President’s warning comes after Pyongyang")
    after = unit_with(built.sentences, "003", "The missile hurtled toward Japan")
    assert (caption["unit_type"], before["position"] + 1, after["position"] - 1) == (
        "caption",
        caption["position"],
        caption["position"],
    )


def test_every_display_unit_is_a_removed_line_kept_as_that_unit(built):
    display = built.sentences[built.sentences["unit_type"] != "body"]
    kept = built.removed_lines[built.removed_lines["kept_as"] != ""]
    assert sorted(zip(display["article_id"], display["line_no"], display["unit_type"])) == sorted(
        zip(kept["article_id"], kept["line_no"], kept["kept_as"])
    )


def test_quoted_share_is_a_share(built):
    assert built.sentences["quoted_share"].between(0, 1).all()
    assert (built.sentences.loc[built.sentences["quote_spans"] == "", "quoted_share"] == 0).all()


def test_words_in_each_voice_add_up_to_the_units_words(built):
    words = built.sentences[[f"words_{v}" for v in voice.VOICES]].sum(axis=1)
    assert (words == built.sentences["n_words"]).all()
    assert set(built.sentences["voice"]) <= set(voice.VOICES)


@pytest.mark.parametrize(
    "article_id, snippet, expected",
    [
        (
            "000",
            "Provocations, pressure and bellicose and offensive rhetoric is the road to nowhere.",
            ("direct_quote", "Vladimir Putin", "Russia"),
        ),
        (
            "001",
            "But Moscow has also repeatedly assigned much of the blame",
            ("attributed_paraphrase", "Russia", "Russia"),
        ),
        ("004", "wants the current crisis to continue as long as possible", ("imputation", "Russia", "Russia")),
        (
            "004",
            "Every month the North Korean arsenal is becoming more and more dangerous.",
            ("own_narration", "outlet", "outlet"),
        ),
    ],
)
def test_voice_of_seed_units(built, article_id, snippet, expected):
    unit = unit_with(built.sentences, article_id, snippet)
    assert (unit["voice"], unit["voice_speaker"], unit["voice_speaker_group"]) == expected


def test_units_found_in_a_wire_story_carry_the_agency(built):
    """data/reference/wire_copy.csv: one RFE/RL sentence and three of The Independent's are Reuters' copy."""
    wired = built.sentences[built.sentences["wire"] != ""]
    assert sorted(wired["article_id"]) == ["001", "003", "003", "003"]
    assert set(wired["wire"]) == {"Reuters"} and set(wired["shared_copy"]) == {"wire"}
    assert unit_with(built.sentences, "001", "Pyongyang has been working to develop")["wire"] == "Reuters"


def test_metadata_and_extraction_agree(built):
    for field in ("headline", "published", "wire_credit"):
        rows = built.articles[built.articles[f"extracted_{field}"] != ""]
        assert (rows[field] == rows[f"extracted_{field}"]).all(), field
    assert corpus.metadata_disagreements(built.articles).empty


def test_metadata_disagreements_lists_a_differing_headline(built):
    articles = built.articles.copy()
    articles.loc[articles["article_id"] == "004", "headline"] = "Moscow and the Korean Crisis"
    found = corpus.metadata_disagreements(articles)
    assert found[["article_id", "field", "metadata", "extracted"]].values.tolist() == [
        ["004", "headline", "Moscow and the Korean Crisis", "Moscow Consistent in the Korean Crisis"]
    ]


def test_tables_round_trip(built, tmp_path):
    corpus.write_corpus(built, tmp_path)
    again = corpus.read_corpus(tmp_path)
    for name, table in built.tables().items():
        assert storage.table_to_csv_text(again.tables()[name]) == storage.table_to_csv_text(table), name


def test_spans_round_trip():
    assert spans.parse_spans(spans.format_spans([(0, 4), (10, 22)])) == [(0, 4), (10, 22)]
    assert spans.parse_spans("") == []


# ----------------------------------------------------------------------------- summaries


def test_removed_summary_counts_lines_texts_and_display_units(built):
    summary = corpus.removed_summary(built).set_index("rule")
    assert summary.loc["headline", ["lines", "texts", "kept_as_display_unit"]].tolist() == [4, 4, 4]
    # The Independent's five self-promotion lines and RFE/RL's 'We provide ...'
    assert summary.loc["reader_appeal", ["lines", "texts", "kept_as_display_unit"]].tolist() == [6, 2, 0]
    assert summary["lines"].sum() == len(built.removed_lines)


def test_outlet_summary_voice_shares_sum_to_one_and_name_the_speakers(built):
    summary = corpus.outlet_summary(built).set_index("article_id")
    shares = summary[[f"share_words_{v}" for v in voice.VOICES]].sum(axis=1)
    assert shares.round(6).eq(1).all()
    assert summary.loc["004", "speakers"] == "Dmitry Peskov, Russia, Sergey Lavrov"
    assert summary.loc["004", "n_speakers"] == 3


def test_quotes_by_speaker_names_an_unattributed_quote(built):
    quotes = built.quotes.copy()
    quotes.loc[quotes["quote_id"] == unit_with(quotes, "003", "ring of fire")["quote_id"], "speaker"] = ""
    table = corpus.quotes_by_speaker(corpus.Corpus(built.articles, built.sentences, quotes, built.removed_lines))
    row = table[(table["article_id"] == "003") & (table["speaker"] == corpus.NO_SPEAKER)]
    assert row[["n_quotes", "quoted_words"]].values.tolist() == [[1, 3]]


def test_findings_state_the_body_and_display_unit_counts(built):
    lines = corpus.findings(built, corpus.outlet_summary(built))
    assert "74 body sentences" in lines[0] and "10 display units" in lines[0]
    assert "most in Breitbart, least in Russia Monitor" in lines[2]


# ----------------------------------------------------------------------------- dates and bodies on build


def _set_metadata(raw_dir, article_id, **values):
    table = pd.read_csv(raw_dir / "metadata.csv", dtype=str, keep_default_na=False)
    for column, value in values.items():
        table.loc[table["article_id"] == article_id, column] = value
    table.to_csv(raw_dir / "metadata.csv", index=False)


def test_a_metadata_date_the_page_contradicts_stops_the_build(raw_copy):
    _set_metadata(raw_copy, "003", published="2017-09-01")
    with pytest.raises(
        metadata.CorpusError,
        match=r"003_5eacf102e61bbcd3\.txt: metadata\.csv gives published 2017-09-01, "
        r"but the page's date line 10 \('Saturday 02 September 2017 05:41 EDT'\) "
        r"says 2017-09-02",
    ):
        corpus.build_corpus(raw_copy)


def test_without_the_date_check_the_metadata_date_is_used(raw_copy):
    _set_metadata(raw_copy, "003", published="2017-09-01")
    built = corpus.build_corpus(raw_copy, check_dates=False)
    row = built.articles.set_index("article_id").loc["003"]
    assert (row["published"], row["extracted_published"]) == ("2017-09-01", "2017-09-02")


def test_an_empty_metadata_date_takes_the_pages_date(raw_copy):
    _set_metadata(raw_copy, "004", published="")
    assert corpus.build_corpus(raw_copy).articles.set_index("article_id").loc["004", "published"] == "2017-09-26"


BANNER_PAGE = """Sunday, 3 September 2017 | Today's Paper
Home | World | Asia | Opinion

Putin warns of 'large-scale conflict' over North Korea

Jane Doe
Friday 1 September 2017

Russian President Vladimir Putin said on Friday that pressure on Pyongyang was futile and that only talks could end the stand-off.

The Kremlin published the article ahead of a summit of the BRICS nations in the Chinese city of Xiamen next week.
"""  # noqa: E501 (a page as an outlet prints it: one line per paragraph)


def _add_article(raw_dir, text: str, published: str = "") -> None:
    (raw_dir / "005_new.txt").write_text(text, encoding="utf-8")
    with (raw_dir / "metadata.csv").open("a", encoding="utf-8") as rows:
        rows.write(f"005,005_new.txt,Example,Example,wire_report,,{published},,,,,,,\n")


def test_a_date_banner_does_not_contradict_the_metadata(raw_copy):
    """The banner shows the day the page was saved (3 September); the story is dated 1 September."""
    _add_article(raw_copy, BANNER_PAGE, published="2017-09-01")
    row = corpus.build_corpus(raw_copy).articles.set_index("article_id").loc["005"]
    assert (row["published"], row["extracted_published"], row["author"]) == ("2017-09-01", "2017-09-01", "Jane Doe")


def test_a_page_without_a_body_can_be_left_out(raw_copy):
    _add_article(raw_copy, "RUSSIA MONITOR\n\nA headline only\n")
    with pytest.raises(metadata.CorpusError, match=r"005_new\.txt: no article body found"):
        corpus.build_corpus(raw_copy)
    built = corpus.build_corpus(raw_copy, skip_bodiless=True)
    assert built.articles["article_id"].tolist() == ["000", "001", "002", "003", "004"]
    assert "005" not in set(built.sentences["article_id"]) | set(built.removed_lines["article_id"])
