"""Weighted log-odds with an informative Dirichlet prior (Monroe et al. 2008), tokens, concordance."""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd
import pytest

from framing import distinctive, resources


@pytest.fixture(scope="module")
def tables(built):
    """The corpus tables built from data/raw by the current code (not the committed outputs)."""
    return built


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("Moscow plays with fire but it does not have any intention", ["moscow", "plays", "fire", "does", "intention"]),
        ("Putin’s article was published by the Kremlin", ["putin", "article", "published", "kremlin"]),
        ("U.S.-South Korean military drills, 25 years", ["u.s.", "south", "korean", "military", "drills", "years"]),
    ],
)
def test_tokens_lower_case_without_stop_words_possessives_or_numbers(text_in, expected):
    assert distinctive.tokens(text_in) == expected


def test_stop_word_list_is_data_with_a_source():
    table = distinctive.resources.load_lexicon("stopwords.csv")
    assert {"the", "and", "of"} <= resources.stopwords()
    assert "war" not in resources.stopwords()
    assert (table["source"] != "").all()


def test_log_odds_matches_the_formula_computed_by_hand():
    # corpus a: "war war peace"; corpus b: "peace talks"; prior = a + b, alpha_0 = 5 (scale 1)
    a, b = Counter({"war": 2, "peace": 1}), Counter({"peace": 1, "talks": 1})
    table = distinctive.log_odds_dirichlet(a, b).set_index("term")
    # war: alpha_w = 5 * 2/5 = 2; n_a = 3, n_b = 2
    delta_war = math.log((2 + 2) / (3 + 5 - 2 - 2)) - math.log((0 + 2) / (2 + 5 - 0 - 2))
    var_war = 1 / (2 + 2) + 1 / (0 + 2)
    assert table.loc["war", "log_odds"] == pytest.approx(delta_war)  # = -log(0.4) = 0.9163
    assert table.loc["war", "variance"] == pytest.approx(var_war)
    assert table.loc["war", "z"] == pytest.approx(0.916291 / math.sqrt(0.75), abs=1e-5)
    # talks: alpha_w = 1, only in b
    delta_talks = math.log(1 / (3 + 5 - 0 - 1)) - math.log(2 / (2 + 5 - 1 - 1))
    assert table.loc["talks", "log_odds"] == pytest.approx(delta_talks)
    assert table.loc["talks", "z"] == pytest.approx(delta_talks / math.sqrt(1 / 1 + 1 / 2))
    assert table.index[0] == "war" and table.index[-1] == "talks"


def test_a_stronger_prior_shrinks_the_z_scores():
    a, b = Counter({"war": 2, "peace": 1}), Counter({"peace": 1, "talks": 1})
    weak = distinctive.log_odds_dirichlet(a, b, alpha_0=0.5).set_index("term")
    strong = distinctive.log_odds_dirichlet(a, b, alpha_0=50).set_index("term")
    # by hand for alpha_0 = 50: alpha_war = 20
    delta = math.log(22 / (3 + 50 - 22)) - math.log(20 / (2 + 50 - 20))
    assert strong.loc["war", "log_odds"] == pytest.approx(delta)
    assert abs(strong.loc["war", "z"]) < abs(weak.loc["war", "z"])


def test_swapping_the_groups_negates_the_scores():
    a, b = Counter({"war": 2, "peace": 1}), Counter({"peace": 1, "talks": 1})
    forward = distinctive.log_odds_dirichlet(a, b).set_index("term")["z"]
    backward = distinctive.log_odds_dirichlet(b, a).set_index("term")["z"]
    pd.testing.assert_series_equal(forward.sort_index(), -backward.sort_index())


def test_real_corpus_analysis_terms(tables):
    table = distinctive.compare_groups(tables.sentences, tables.articles, "analysis").set_index("term")
    # "according" opens three Russia Monitor sentences ("According to Sergey Lavrov, ...") and no report sentence
    assert table.loc["according", ["count_focus", "count_rest"]].tolist() == [3, 0]
    assert table.loc["according", "z"] > 0 > table.loc["wrote", "z"]
    assert table.loc["wrote", "count_focus"] == 0 and table.loc["wrote", "count_rest"] == 7
    assert table["alpha_0"].iloc[0] == table["total"].sum()


def test_comparison_follows_the_group_column_not_the_ids(tables):
    articles = tables.articles.copy()
    flipped = articles.assign(group=articles["group"].map({"analysis": "wire_report", "wire_report": "analysis"}))
    table = distinctive.compare_groups(tables.sentences, flipped, "analysis").set_index("term")
    assert table.loc["according", ["count_focus", "count_rest"]].tolist() == [0, 3]
    assert table.loc["wrote", "count_focus"] == 7
    # a sixth text joining the analysis group moves its words to the focus side
    extra = pd.DataFrame({"sentence_id": ["005-001"], "article_id": ["005"], "text": ["Moscow plays with fire again."]})
    more = pd.concat([articles, pd.DataFrame({"article_id": ["005"], "group": ["analysis"]})], ignore_index=True)
    added = distinctive.compare_groups(pd.concat([tables.sentences, extra], ignore_index=True), more, "analysis")
    assert added.set_index("term").loc["fire", "count_focus"] == 2


def test_compare_groups_rejects_a_group_that_holds_everything(tables):
    with pytest.raises(ValueError, match="some but not all"):
        distinctive.compare_groups(tables.sentences, tables.articles.assign(group="analysis"), "analysis")


def test_g2_is_signed_towards_the_focus_group(tables):
    table = distinctive.compare_groups(tables.sentences, tables.articles, "analysis").set_index("term")
    assert table.loc["according", "g2"] > distinctive.G2_CUTOFFS[0]  # 3 against 0: p < 0.05 by Dunning's G2 ...
    assert table.loc["according", "z"] < 1.96  # ... but not by the log-odds z, whose prior shrinks small counts
    assert table.loc["wrote", "g2"] < 0 and table.loc["putin", "g2"] < 0


@pytest.mark.parametrize("cutoff, expected", [(3.84, 3), (15.13, 11)])
def test_min_count_for_a_cutoff_hand_case(cutoff, expected):
    # two groups of 100 words, a word c times in one and never in the other: G2 = 2 c ln 2 = 1.386 c
    assert distinctive.min_count_for(cutoff, 100, 100) == expected


def test_strongest_takes_both_ends_of_used_terms(tables):
    table = distinctive.compare_groups(tables.sentences, tables.articles, "analysis")
    top = distinctive.strongest(table, 3)
    assert len(top) == 6 and (top["total"] >= 2).all()
    assert (top["z"].iloc[:3] > 0).all() and (top["z"].iloc[3:] < 0).all()
    assert "according" in set(top["term"])


def test_spread_labels_keeps_a_minimum_gap_and_stays_centred():
    placed = distinctive.spread_labels([0.0, 0.1, 0.15], 0.2)
    # pushed apart to 0, 0.2, 0.4; mean push (0 + 0.1 + 0.25) / 3 removed
    assert placed == pytest.approx([-0.116667, 0.083333, 0.283333], abs=1e-6)
    assert distinctive.spread_labels([3.0, 1.0], 0.5) == [3.0, 1.0]  # already apart: unchanged
