"""Claim-alignment retrieval aid: features, shared words, and each unit's closest units in the
other groups (``alignment.closest``), on the seed texts and hand cases."""

from __future__ import annotations

import pandas as pd
import pytest

from framing import alignment, rhetoric


@pytest.fixture(scope="module")
def tables(built):
    """The corpus tables built from data/raw by the current code (not the committed outputs)."""
    return built


@pytest.fixture(scope="module")
def matches(tables):
    return rhetoric.match_sentences(tables.sentences, tables.quotes)


@pytest.fixture(scope="module")
def nearest(tables, matches):
    return alignment.closest(tables.sentences, tables.articles, "analysis", matches, k=2)


def sid(tables, article_id: str, fragment: str) -> str:
    s = tables.sentences
    found = s.loc[(s["article_id"] == article_id) & s["text"].str.contains(fragment, regex=False), "sentence_id"]
    assert len(found) == 1, (article_id, fragment)
    return found.item()


# --- features ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text_in, expected_in",
    [
        ("Pyongyang fired a missile", {"actor_north_korea", "fire", "missil"}),
        ("Kim Jong-un and North Korea", {"actor_north_korea"}),
        ("stepping up the pressure on Pyongyang", {"step", "pressur", "actor_north_korea"}),
        ("focusing solely on pressuring North Korea", {"pressur", "actor_north_korea"}),
    ],
)
def test_features_stem_words_and_canonicalise_actors(text_in, expected_in):
    found = alignment.features(text_in)
    assert expected_in <= set(found)
    assert "pyongyang" not in found and "the" not in found


def test_metonyms_of_one_actor_group_meet():
    assert (
        alignment.features("Washington warned")
        == alignment.features("the United States warned")
        == ["warn", "actor_united_states"]
    )


def test_extra_tokens_are_appended():
    assert alignment.features("talks", ["cat_diplomacy"]) == ["talk", "cat_diplomacy"]


def test_rhetoric_categories_become_tokens_without_attribution_verbs():
    matches = pd.DataFrame(
        {
            "sentence_id": ["a", "a", "a"],
            "category": ["diplomacy", "coercion", "attribution_neutral"],
            "negated": [False, True, False],
            "layer": ["rhetoric", "rhetoric", "attribution"],
        }
    )
    assert alignment.category_tokens(matches) == {"a": ["cat_diplomacy", "cat_coercion_neg"]}
    assert alignment.category_tokens(None) == {} and alignment.category_tokens(matches.iloc[:0]) == {}


def test_real_rhetoric_matches_become_tokens(tables, matches):
    key = sid(tables, "001", "stepping up the pressure on Pyongyang won't solve")
    tokens = alignment.category_tokens(matches)[key]
    assert "cat_coercion_neg" in tokens  # "pressure ... won't solve the problem"
    assert not any(t.startswith("cat_attribution") for t in tokens)


def test_shared_words_leave_out_actor_and_category_tokens():
    a = alignment.features("Pyongyang fired a missile", ["cat_escalation"])
    b = alignment.features("North Korea launched a missile", ["cat_escalation"])
    assert alignment.shared_words(a, b) == ["missil"]


# --- closest units ---------------------------------------------------------------------------


def test_closest_covers_every_unit_of_the_group_with_k_ranks(tables, nearest):
    analysis_ids = tables.sentences.loc[tables.sentences["article_id"] == "004", "sentence_id"]
    assert sorted(nearest["sentence_id"].unique()) == sorted(analysis_ids)
    assert nearest.groupby("sentence_id")["rank"].apply(list).map(lambda r: r == [1, 2]).all()
    assert (nearest["match_article_id"] != "004").all()
    ranked = nearest.pivot(index="sentence_id", columns="rank", values="similarity")
    assert (ranked[1] >= ranked[2]).all()
    assert list(nearest.columns) == [
        "sentence_id",
        "article_id",
        "rank",
        "match_sentence_id",
        "match_article_id",
        "similarity",
        "shared_words",
    ]


def test_closest_finds_the_report_sentence_on_the_same_fact(tables, nearest):
    """Russia Monitor: 'Russia, which has helped North Korea to develop its missile capabilities
    ...'; RFE/RL: 'Pyongyang has been working to develop a nuclear-tipped missile capable of ...'."""
    first = nearest[nearest["rank"] == 1].set_index("sentence_id")
    row = first.loc[sid(tables, "004", "Russia, which has helped North Korea to develop")]
    assert row["match_sentence_id"] == sid(tables, "001", "Pyongyang has been working to develop")
    assert row["shared_words"] == "capabl develop missil"


def test_the_same_quote_in_two_reports_is_nearest(tables, matches):
    """The aggregator and The Independent print the same Reuters sentence of Putin's."""
    alone = tables.articles.assign(group=tables.articles["article_id"].map(lambda a: "one" if a == "003" else "rest"))
    table = alignment.closest(tables.sentences, alone, "one", matches).set_index("sentence_id")
    row = table.loc[sid(tables, "003", "In Russia’s opinion the calculation")]
    assert row["match_sentence_id"] == sid(tables, "000", "In Russia’s opinion, the calculation")
    assert row["similarity"] > 0.9


def test_ties_go_to_the_earlier_unit(tables, nearest):
    """Lavrov's 'will not attack ... nuclear weapon which can possibly be used' is as close to the
    aggregator's Putin quote as to The Independent's copy of it: the earlier unit ranks first."""
    here = nearest[
        nearest["sentence_id"] == sid(tables, "004", "According to Sergey Lavrov, the United States will not attack")
    ]
    assert here["similarity"].iloc[0] == here["similarity"].iloc[1]
    assert here["match_article_id"].tolist() == ["000", "003"]


def test_closest_follows_the_group_column(tables, matches):
    flipped = tables.articles.assign(
        group=tables.articles["group"].map({"analysis": "wire_report", "wire_report": "analysis"})
    )
    table = alignment.closest(tables.sentences, flipped, "analysis", matches)
    assert len(table) == (tables.sentences["article_id"] != "004").sum()
    assert set(table["match_article_id"]) == {"004"}
    moved = tables.articles.assign(group=lambda t: t["group"].where(t["article_id"] != "001", "analysis"))
    table = alignment.closest(tables.sentences, moved, "analysis", matches)
    assert set(table["article_id"]) == {"001", "004"} and not set(table["match_article_id"]) & {"001", "004"}


def test_a_group_must_have_something_to_compare_with(tables):
    with pytest.raises(ValueError, match="some but not all"):
        alignment.closest(tables.sentences, tables.articles.assign(group="analysis"), "analysis")
    with pytest.raises(ValueError, match="some but not all"):
        alignment.closest(tables.sentences, tables.articles, "no such group")


def test_blocks_do_not_change_the_result(tables, matches, nearest, monkeypatch):
    monkeypatch.setattr(alignment, "BLOCK", 3)
    pd.testing.assert_frame_equal(
        alignment.closest(tables.sentences, tables.articles, "analysis", matches, k=2), nearest
    )


def test_closest_hand_case():
    sentences = pd.DataFrame(
        {
            "sentence_id": ["a-1", "b-1", "b-2", "c-1"],
            "article_id": ["a", "b", "b", "c"],
            "text": [
                "Pyongyang fired a missile over Japan.",
                "The summit opened in Xiamen.",
                "North Korea fired a missile over Japan.",
                "North Korea fired a missile over Japan.",
            ],
        }
    )
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "group": ["analysis", "wire_report", "wire_report"]})
    table = alignment.closest(sentences, articles, "analysis", k=3)
    assert table["match_sentence_id"].tolist() == ["b-2", "c-1", "b-1"]  # identical features tie: the earlier first
    assert table["similarity"].iloc[0] == pytest.approx(1.0) and table["similarity"].iloc[2] == 0
    assert table["shared_words"].iloc[0] == "fire missil"  # Japan is an actor token, not a shared word
