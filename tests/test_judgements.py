"""Hand judgements are keyed by article id and unit text, never by running position: they find
their unit through typography and spacing changes, and a judged text that is gone is an error
naming the file and the CSV line."""

from __future__ import annotations

import pandas as pd
import pytest

from framing import judgements, paths
from tests.conftest import unit_with

ARSENAL = "Every month the North Korean arsenal is becoming more and more dangerous."
WANTS = (
    "Russia, which has helped North Korea to develop its missile capabilities and has supported the regime with "
    "some illegal oil supplies, wants the current crisis to continue as long as possible; however, Moscow does "
    "not actually think that an outbreak of war would be in its interest."
)


def _judged(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["article_id", "text", "code"])


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("“Provocations, pressure …” he wrote", '"Provocations, pressure …" he wrote'),
        ("Russia’s  opinion\u00a0is\n clear", "Russia's opinion is clear"),
        ("  Putin – the Russian leader – wrote  ", "Putin - the Russian leader - wrote"),
    ],
)
def test_normalised_text(text_in, expected):
    assert judgements.normalised_text(text_in) == expected


def test_a_judgement_finds_its_unit_by_article_and_text(built):
    attached = judgements.attach(_judged(("004", ARSENAL, "own")), built.sentences, "codes.csv")
    assert attached.columns.tolist() == ["sentence_id", "article_id", "text", "code"]
    assert attached["sentence_id"].tolist() == [unit_with(built.sentences, "004", ARSENAL)["sentence_id"]]


def test_straight_quotes_and_extra_spaces_still_match(built):
    """The Independent prints Putin's line in curly quotes; a judgement typed with straight ones matches."""
    typed = '"Provocations, pressure, and  bellicose and offensive rhetoric is the road to nowhere."'
    attached = judgements.attach(_judged(("003", typed, "quote")), built.sentences, "codes.csv")
    expected = unit_with(built.sentences, "003", "Provocations, pressure, and bellicose")["sentence_id"]
    assert attached["sentence_id"].tolist() == [expected]


def test_a_text_is_matched_only_in_its_own_article(built):
    """Russia Monitor's sentence judged under The Independent's id is no unit of that article."""
    with pytest.raises(judgements.JudgementError, match=r"line 2 \(article 003: 'Every month the North Korean"):
        judgements.attach(_judged(("003", ARSENAL, "own")), built.sentences, "codes.csv")


def test_a_judged_text_that_is_no_unit_any_more_names_the_file_and_line(built):
    """A unit judged before cleaning changed (here: a sentence cut short) must be re-judged, not re-pointed."""
    judged = _judged(
        ("004", ARSENAL, "own"),
        ("004", WANTS, "imputation"),
        ("004", "Russia, which has helped North Korea to develop its missile capabilities", "imputation"),
    )
    with pytest.raises(judgements.JudgementError) as error:
        judgements.attach(judged, built.sentences, "data/codings/coding_x.csv")
    message = str(error.value)
    assert message.startswith("data/codings/coding_x.csv: 1 judgement(s) name a text that is no unit of the corpus")
    assert "line 4 (article 004: 'Russia, which has helped North Korea" in message
    assert "line 2" not in message and "line 3" not in message


def test_judgements_without_the_key_columns_are_refused(built):
    with pytest.raises(judgements.JudgementError, match=r"codes\.csv: missing column\(s\) text"):
        judgements.attach(pd.DataFrame({"article_id": ["004"], "code": ["own"]}), built.sentences, "codes.csv")


def test_a_text_printed_twice_in_one_article_matches_both_units():
    sentences = pd.DataFrame(
        {
            "sentence_id": ["900-001", "900-002", "900-003"],
            "article_id": ["900"] * 3,
            "text": ["Putin warned of war.", "Talks stalled.", "Putin warned of war."],
        }
    )
    attached = judgements.attach(_judged(("900", "Putin warned of war.", "x")), sentences, "codes.csv")
    assert attached["sentence_id"].tolist() == ["900-001", "900-003"]


def test_not_validated_lists_the_units_nobody_judged(built):
    attached = judgements.attach(
        _judged(("004", ARSENAL, "own"), ("004", WANTS, "imputation")), built.sentences, "codes.csv"
    )
    left = judgements.not_validated(built.sentences, attached)
    assert len(left) == len(built.sentences) - 2
    assert ARSENAL not in set(left["text"])


def test_load_reads_ids_as_strings(built, tmp_path):
    path = tmp_path / "codes.csv"
    _judged(("004", ARSENAL, "0")).to_csv(path, index=False)
    attached = judgements.load(path, built.sentences)
    assert (attached.loc[0, "article_id"], attached.loc[0, "code"]) == ("004", "0")


def test_the_coding_units_name_every_unit_of_the_corpus(built):
    """data/codings/units.csv was drawn from the corpus as it is now: every unit judged, each once."""
    units = pd.read_csv(paths.ROOT / "data" / "codings" / "units.csv", dtype=str, keep_default_na=False)
    attached = judgements.attach(units.drop(columns="sentence_id"), built.sentences, "units.csv")
    assert len(attached) == len(built.sentences)
    assert judgements.not_validated(built.sentences, attached).empty


def test_a_stale_sentence_id_column_is_replaced_by_the_units_current_id(built):
    judged = _judged(("004", ARSENAL, "own")).assign(sentence_id="004-099")
    attached = judgements.attach(judged, built.sentences, "codes.csv")
    assert attached["sentence_id"].tolist() == [unit_with(built.sentences, "004", ARSENAL)["sentence_id"]]
