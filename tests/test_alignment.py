"""Claim alignment: features, labels on real sentence pairs, thresholds against hand judgements, groups."""

from __future__ import annotations

import pandas as pd
import pytest

from framing import alignment, resources, rhetoric


@pytest.fixture(scope="module")
def tables(built):
    """The corpus tables built from data/raw by the current code (not the committed outputs)."""
    return built


@pytest.fixture(scope="module")
def space(tables):
    return alignment.build_space(tables.sentences, rhetoric.match_sentences(tables.sentences))


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


def test_rhetoric_categories_become_tokens_without_attribution_verbs():
    matches = pd.DataFrame({"sentence_id": ["a", "a", "a"], "category": ["diplomacy", "coercion", "attribution_neutral"],
                            "negated": [False, True, False], "layer": ["rhetoric", "rhetoric", "attribution"]})
    assert alignment.category_tokens(matches) == {"a": ["cat_diplomacy", "cat_coercion_neg"]}


@pytest.mark.parametrize(
    "value, shared_words, expected",
    [
        (0.50, 3, "shared fact"),
        (0.50, 1, "same topic, different reading"),  # a high score from actors and rhetoric tokens alone is no shared fact
        (0.35, 2, "shared fact"),
        (0.3499, 5, "same topic, different reading"),
        (0.16, 0, "same topic, different reading"),
        (0.1599, 4, "analysis only"),
    ],
)
def test_label_thresholds(value, shared_words, expected):
    assert alignment.label(value, "analysis", shared_words) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("000-004", "003-004", "shared fact"),  # the same Putin sentence in two outlets
        ("001-005", "002-011", "shared fact"),  # the same Putin sentence in two translations ("road to nowhere" / "dead-end road")
        ("004-015", "002-006", "same topic, different reading"),  # who escalates: Russia's stance vs the US (cosine 0.37, one shared word)
        ("004-017", "001-006", "same topic, different reading"),  # North Korea's missiles; the analysis adds Russia's help
        ("004-016", "003-001", "analysis only"),
        ("004-009", "000-002", "analysis only"),
    ],
)
def test_labels_on_real_sentence_pairs(space, a, b, expected):
    assert space.label(a, b, "analysis") == expected


def test_best_matches_cover_every_sentence_of_the_group(tables, space):
    table = alignment.best_matches(tables.sentences, tables.articles, space, "analysis", k=2)
    analysis_ids = tables.sentences.loc[tables.sentences["article_id"] == "004", "sentence_id"]
    assert sorted(table["sentence_id"].unique()) == sorted(analysis_ids)
    assert table.groupby("sentence_id")["rank"].apply(list).map(lambda r: r == [1, 2]).all()
    assert (table["match_group"] == "wire_report").all()
    first = table[table["rank"] == 1].set_index("sentence_id")
    assert first.loc["004-017", "match_sentence_id"] == "001-006"
    assert first.loc["004-017", "shared_words"] == "capabl develop missil"
    assert first.loc["004-017", "alignment"] == alignment.TOPIC  # the pair's label, in its own column


def test_alignment_follows_the_group_column(tables, space):
    flipped = tables.articles.assign(group=tables.articles["group"].map({"analysis": "wire_report", "wire_report": "analysis"}))
    table = alignment.best_matches(tables.sentences, flipped, space, "analysis")
    assert len(table) == (tables.sentences["article_id"] != "004").sum()
    assert set(table["match_article_id"]) == {"004"}
    moved = tables.articles.assign(group=lambda t: t["group"].where(t["article_id"] != "001", "analysis"))
    table = alignment.best_matches(tables.sentences, moved, space, "analysis")
    assert set(table["article_id"]) == {"001", "004"} and "001" not in set(table["match_article_id"])


def test_a_group_must_have_something_to_compare_with(tables, space):
    with pytest.raises(ValueError, match="some but not all"):
        alignment.best_matches(tables.sentences, tables.articles.assign(group="analysis"), space, "analysis")


def test_within_group_pairs_only_cross_articles(tables, space):
    pairs = alignment.within_group_pairs(tables.sentences, tables.articles, space, "wire_report")
    assert (pairs["article_id"] < pairs["match_article_id"]).all()
    sizes = tables.sentences[tables.sentences["article_id"] != "004"].groupby("article_id").size()
    assert len(pairs) == (sizes.sum() ** 2 - (sizes ** 2).sum()) // 2
    assert pairs["similarity"].is_monotonic_decreasing
    assert pairs.iloc[0][["sentence_id", "match_sentence_id"]].tolist() in (["000-002", "003-007"], ["000-004", "003-004"])


def test_shared_fact_label_is_never_wrong_on_the_hand_judged_pairs(space):
    judged = alignment.threshold_check(resources.load_lexicon("alignment_judgements.csv"), space)
    predicted_shared = judged[judged["predicted"] == "shared fact"]
    assert len(predicted_shared) >= 10
    assert (predicted_shared["judgement"] == "shared fact").all()
    assert (judged.loc[judged["judgement"] == "unrelated", "predicted"] != "shared fact").all()
