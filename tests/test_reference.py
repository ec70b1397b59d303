"""Putin's statements P1-P5 from the reference passage, which units carry them, and where each text
placed them, on the five seeds (units named by article id and text) and on hand-made units."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest

from framing import provenance, reference, segment

PASSAGE = reference.reference_dir() / reference.PASSAGE_FILE


def sid(built, article_id: str, snippet: str) -> str:
    """The id of the one unit of ``article_id`` whose text contains ``snippet``."""
    s = built.sentences
    hits = s[(s["article_id"] == article_id) & s["text"].str.contains(snippet, regex=False)]
    assert len(hits) == 1, f"{snippet!r} is in {len(hits)} units of {article_id}"
    return hits["sentence_id"].iloc[0]


@pytest.fixture(scope="module")
def table():
    return reference.statements()


@pytest.fixture(scope="module")
def units(built, table):
    return reference.unit_statements(built.sentences, built.quotes, table).set_index("sentence_id")


@pytest.fixture(scope="module")
def quote_families(built):
    return provenance.quote_families(built.quotes, provenance.load_markers())


# --- the statements -------------------------------------------------------------------------


def test_statements_are_the_sentences_of_the_passage_in_order(table):
    passage = PASSAGE.read_text(encoding="utf-8")
    assert table["statement_id"].tolist() == ["P1", "P2", "P3", "P4", "P5"]
    assert all(text in passage for text in table["text"])
    positions = [passage.index(text) for text in table["text"]]
    assert positions == sorted(positions)
    assert table.set_index("statement_id").at["P2", "text"].endswith("is misguided and futile.")
    assert (
        table.set_index("statement_id").at["P4", "text"]
        == "Provocations, pressure and militarist and insulting rhetoric are a dead-end road."
    )


def test_statement_stems_leave_out_actor_names(table):
    """Every text on the event names Russia, China and Pyongyang: their stems would join anything."""
    stems = table.set_index("statement_id")["stems"]
    assert {"futil", "misguid", "pressur"} <= stems["P2"]
    assert not {"russia", "pyongyang"} & stems["P2"]
    assert {"roadmap", "gradual", "tension"} <= stems["P5"] and not {"russia", "china"} & stems["P5"]
    assert "dead-end" in stems["P4"]  # the Kremlin's hyphenated word stays one word


def test_a_statements_file_that_is_not_the_passage_is_refused(tmp_path):
    for name in (reference.PASSAGE_FILE, reference.STATEMENTS_FILE):
        shutil.copy(reference.reference_dir() / name, tmp_path / name)
    edited = pd.read_csv(tmp_path / reference.STATEMENTS_FILE, dtype=str, keep_default_na=False)
    edited.loc[1, "text"] = (
        "Russia believes that pressure on Pyongyang is erroneous and futile."  # Reuters', not the passage's
    )
    edited.to_csv(tmp_path / reference.STATEMENTS_FILE, index=False)
    with pytest.raises(ValueError, match=r"statements\.csv.*must be the sentences of putin_2017-09-01_korea\.txt"):
        reference.statements(tmp_path)
    edited.drop(index=4).to_csv(tmp_path / reference.STATEMENTS_FILE, index=False)  # P5 missing
    with pytest.raises(ValueError, match="P1, P2, P3, P4, P5"):
        reference.statements(tmp_path)


def test_the_passage_splits_into_exactly_five_sentences():
    assert len(segment.split_sentences(PASSAGE.read_text(encoding="utf-8").strip())) == 5


# --- which units carry which statement --------------------------------------------------------


@pytest.mark.parametrize(
    "article_id, snippet, expected, why",
    [
        ("000", "is erroneous and futile", "P2", "P2 marker: erroneous and futile"),  # Reuters' words, quoted
        ("002", 'is "misguided and futile', "P2", "P2 marker: misguided and futile"),  # Kremlin's, in a paraphrase
        (
            "001",
            "direct dialogue between all concerned parties",
            "P3",
            "P3 marker: between all concerned parties",
        ),  # AFP's
        ("002", "militarist and insulting rhetoric are a dead-end road", "P4", "P4 marker: dead-end road"),
        (
            "003",
            "'Provocations, pressure, and offensive rhetoric",
            "P4",
            "P4 marker: road to nowhere",
        ),  # the standfirst
        # no marker: Putin says it in the headline, and 5 of its 7 content stems are P1's
        ("001", "Putin Says Threat Of 'Large-Scale Conflict'", "P1", "P1 overlap 0.71"),
    ],
)
def test_units_carrying_a_statement(built, units, article_id, snippet, expected, why):
    row = units.loc[sid(built, article_id, snippet)]
    assert row["putin_statements"] == expected
    assert why in row["evidence"]


@pytest.mark.parametrize(
    "article_id, snippet",
    [
        ("000", "talking is not the answer"),  # Trump, not Putin
        ("002", "counterproductive and dangerous"),  # Russia's foreign ministry, not Putin's article
        ("004", "gentle suggestions and persuasion"),  # Russia Monitor relays Moscow, not the article
    ],
)
def test_units_of_other_speakers_carry_nothing(built, units, article_id, snippet):
    assert units.loc[sid(built, article_id, snippet), "putin_statements"] == ""


def test_statements_carried_per_text(built, units):
    carried = units.assign(p=units["putin_statements"].str.split(";")).explode("p").query("p != ''")
    per_text = carried.groupby("article_id")["p"].agg(lambda p: sorted(set(p))).to_dict()
    assert per_text == {
        "000": ["P1", "P2", "P3", "P4"],
        "001": ["P1", "P3", "P4"],
        "002": ["P1", "P2", "P3", "P4"],
        "003": ["P1", "P2", "P3", "P4"],
    }  # the analysis (004) quotes no words of Putin's article
    assert len(units) == len(built.sentences)


def _hand_units(voice_speaker: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    text = "The region's problems can only be settled through direct dialogue, without preconditions."
    sentences = pd.DataFrame(
        {"sentence_id": ["900-001"], "article_id": ["900"], "text": [text], "voice_speaker": [voice_speaker]}
    )
    quotes = pd.DataFrame(columns=["quote_id", "sentence_ids", "speaker", "speaks_for"])
    return sentences, quotes


def test_overlap_counts_only_where_putin_speaks(table):
    """P3's content words without a marker: carried in Putin's paraphrase, not in the outlet's voice."""
    putin = reference.unit_statements(*_hand_units(provenance.TRANSLATED_SPEAKER), table).iloc[0]
    assert putin["putin_statements"] == "P3" and putin["evidence"].startswith("P3 overlap ")
    assert float(putin["evidence"].split()[-1]) >= reference.OVERLAP_MIN
    outlet = reference.unit_statements(*_hand_units("outlet"), table).iloc[0]
    assert outlet["putin_statements"] == "" and outlet["evidence"] == ""


def test_a_kremlin_statement_speaks_for_putin(table):
    """A quote of the Kremlin that speaks for Putin (actors.csv: speaks_for) counts as his words."""
    sentences = pd.DataFrame(
        {
            "sentence_id": ["900-001", "900-002"],
            "article_id": ["900", "900"],
            "text": [
                "The Kremlin said the problems of the region should be settled by a direct dialogue.",
                "Analysts said the problems of the region should be settled by a direct dialogue.",
            ],
        }
    )
    quotes = pd.DataFrame(
        {
            "quote_id": ["900-q01", "900-q02"],
            "sentence_ids": ["900-001", "900-002"],
            "speaker": ["Kremlin", "(no speaker)"],
            "speaks_for": [provenance.TRANSLATED_SPEAKER, ""],
        }
    )
    assert reference.putin_speaks(sentences, quotes).tolist() == [True, False]
    found = reference.unit_statements(sentences, quotes, table)
    assert found["putin_statements"].tolist() == ["P3", ""]


# --- where a unit sits --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "unit_type, is_lead, expected",
    [
        ("headline", False, "headline"),
        ("standfirst", False, "standfirst"),
        ("caption", False, "caption"),
        ("body", True, "lead"),
        ("body", False, "body"),
        ("headline", True, "headline"),
    ],
)
def test_where(unit_type, is_lead, expected):
    assert reference.where(unit_type, is_lead) == expected


# --- selection: per text and statement --------------------------------------------------------


@pytest.fixture(scope="module")
def rule_selection(built, units, quote_families, table):
    codes = units.reset_index()[["sentence_id", "article_id", "putin_statements"]]
    return reference.selection(codes, built.sentences, built.articles, quote_families, built.quotes, table).set_index(
        ["article_id", "statement_id"]
    )


def test_selection_has_every_text_and_statement(built, rule_selection):
    assert len(rule_selection) == len(built.articles) * 5
    assert rule_selection["coded"].all()
    assert (rule_selection["carried"] == (rule_selection["n_units"] > 0)).all()
    assert not rule_selection.xs("P5", level="statement_id")["carried"].any()  # no text carries the roadmap by rule
    analysis = rule_selection.loc["004"]
    assert not analysis["carried"].any() and (analysis["rank"] == 0).all() and (analysis["family"] == "").all()


def test_where_each_text_first_places_a_statement(built, rule_selection):
    assert rule_selection.loc[("002", "P1"), "first_where"] == "headline"  # "on 'Brink of Large-Scale Conflict,'"
    assert rule_selection.loc[("002", "P1"), "rank"] == 1
    assert rule_selection.loc[("003", "P4"), "first_where"] == "standfirst"
    assert rule_selection.loc[("003", "P4"), "n_units"] == 2
    # the aggregator opens with "erroneous and futile" and reaches "on the verge" last
    assert rule_selection.loc[("000", "P2"), ["rank", "first_where"]].tolist() == [1, "body"]
    assert rule_selection.loc[("000", "P1"), "rank"] == 4
    ranks = rule_selection.loc["000", "rank"]
    assert sorted(ranks[ranks > 0]) == [1, 2, 3, 4]


def test_selection_names_the_translation_of_the_carrying_quotes(built, rule_selection):
    assert rule_selection.loc[("001", "P3"), "family"] == "AFP"
    assert rule_selection.loc[("000", "P1"), "family"] == "Reuters"
    assert rule_selection.loc[("002", "P2"), "family"] == "Kremlin English"
    assert rule_selection.loc[("001", "P3"), "sentence_ids"] == sid(
        built, "001", "direct dialogue between all concerned"
    )


def test_the_second_sentence_of_a_quote_is_quoted_not_paraphrased(rule_selection):
    """Newsweek prints P4 as the second sentence of one quote of the Kremlin's English ("The region's
    problems ... dead-end road,” the Russian president wrote)."""
    assert rule_selection.loc[("002", "P4"), "family"] == "Kremlin English"


def test_hand_codes_place_a_lead_and_a_paraphrase(built, quote_families, table):
    """Hand codes decide what is carried: the aggregator's first body sentence restates P1 (the
    lead), RFE/RL paraphrases the roadmap (P5) without a quote, and an uncoded text is marked so."""
    lead = sid(built, "000", "restated his country")
    roadmap = sid(built, "001", "Putin said a roadmap drawn up by Russia and China")
    codes = pd.DataFrame(
        {
            "sentence_id": [lead, roadmap]
            + built.sentences.loc[built.sentences["article_id"] == "004", "sentence_id"].tolist(),
        }
    )
    codes["article_id"] = codes["sentence_id"].map(built.sentences.set_index("sentence_id")["article_id"])
    codes["putin_statements"] = ["P1", "P5"] + [np.nan] * (len(codes) - 2)
    chosen = reference.selection(codes, built.sentences, built.articles, quote_families, built.quotes, table).set_index(
        ["article_id", "statement_id"]
    )
    assert chosen.loc[("000", "P1"), ["carried", "first_where", "rank", "family"]].tolist() == [
        True,
        "lead",
        1,
        "paraphrase",
    ]
    assert chosen.loc[("001", "P5"), ["carried", "first_where", "family"]].tolist() == [True, "body", "paraphrase"]
    assert not chosen.loc["004", "coded"].any() and not chosen.loc["004", "carried"].any()
    assert chosen.loc["000", "coded"].all()


# --- words reproduced from the reference document are its author's ---------------------------


@pytest.mark.parametrize(
    "quote, person_named, author",
    [
        # a run of 4+ words of the Kremlin's text, whoever the rules credited
        ("balancing on the brink of a large-scale conflict.", False, "Vladimir Putin"),
        ("Russia believes that the policy of putting pressure on Pyongyang", True, "Vladimir Putin"),
        ("on the Korean Peninsula", False, ""),  # three words once articles are set aside: anyone's
        ("A dead-end road.", False, "Vladimir Putin"),  # short, but a primary marker (Kremlin English)
        # a primary marker of another translation with at most two other words
        ("erroneous and futile.", True, "Vladimir Putin"),
        ("bellicose and offensive rhetoric.", True, "Vladimir Putin"),
        # a whole sentence of another translation: a marker, and it restates statement P2
        (
            "In Russia's opinion the calculation that it is possible to halt North Korea's nuclear missile "
            "programmes exclusively by putting pressure on Pyongyang is erroneous and futile.",
            True,
            "Vladimir Putin",
        ),
        # a longer quote holding a marker: the author's when no person was named for it ...
        (
            "It is essential to resolve the problems through direct dialogue involving all sides",
            False,
            "Vladimir Putin",
        ),
        # ... but a person's own sentence citing the words keeps its speaker
        ("When Putin writes that it is 'erroneous and futile,' he means Beijing and Seoul", True, ""),
        (
            "He wrote that the situation is 'balancing on the brink of a large-scale conflict,' and he meant it",
            True,
            "",
        ),
        # words of no reference
        ("Talks are theatre and everyone knows it.", False, ""),
        # with no speaker, a quote held whole by a known wording: a reference text of another author ...
        ("fire and fury,", False, "Donald Trump"),
        ("Talking is not the answer!", False, "Donald Trump"),
        ("all options are on the table", False, "Donald Trump"),
        ("fire and fury", True, ""),  # ... not when the rules named a person for it
        # ... a fragment of the passage or of a marker of another translation
        ("without any preconditions", False, "Vladimir Putin"),
        ("a dead end", False, "Vladimir Putin"),
        ("I have", False, ""),  # in the passage, but no content word
        # one word: only one that several translations' primary markers share
        ("futile.", False, "Vladimir Putin"),
        ("brink", False, ""),
        ("dialogue", False, ""),
    ],
)
def test_a_quote_reproducing_the_reference_is_its_author_s(quote, person_named, author):
    assert reference.reproduced_author(quote, person_named) == author


@pytest.mark.parametrize(
    "quote, body_group, author",
    [
        ("futile", "Russia", "Vladimir Putin"),  # "Moscow calls the pressure 'futile'"
        ("a dead end", "", "Vladimir Putin"),
        ("all the parties", "China", ""),  # "China's foreign ministry urged 'all the parties' ..."
        ("fire and fury", "Russia", ""),
    ],
)
def test_a_body_keeps_a_known_wording_unless_it_is_of_the_author_s_country(quote, body_group, author):
    assert reference.reproduced_author(quote, False, body_group=body_group) == author


def test_without_reference_metadata_nothing_is_reproduced(tmp_path):
    assert reference.reproduced_author("balancing on the brink of a large-scale conflict", False, tmp_path) == ""
