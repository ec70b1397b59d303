"""Candidate pairs: every pair for a small set, an inverted index of rare features for a large one."""

from __future__ import annotations

import itertools

import pytest

from framing import candidates, corpus, provenance, reuse

# Five items; beyond ``all_pairs_max`` a pair is compared only through a feature both hold.
FEATURES = {
    "e": {"z"},
    "a": {"x", "common"},
    "b": {"x", "common"},
    "c": {"y", "common"},
    "d": {"y", "z", "common"},
    "f": set(),
}


def test_a_small_set_compares_every_pair_sorted():
    pairs = candidates.candidate_pairs(FEATURES)
    assert pairs == list(itertools.combinations(sorted(FEATURES), 2))
    assert len(pairs) == 15 and all(a < b for a, b in pairs)


def test_beyond_the_limit_only_pairs_sharing_a_feature_are_compared():
    pairs = candidates.candidate_pairs(FEATURES, all_pairs_max=3, df_cap=10)
    # "common" (held by four items) is under the cap, so every pair among a-d is a candidate
    assert pairs == [("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"), ("c", "d"), ("d", "e")]
    assert not any("f" in pair for pair in pairs)  # an item with no features meets no one


def test_a_feature_held_by_more_than_the_cap_makes_no_pair_on_its_own():
    pairs = candidates.candidate_pairs(FEATURES, all_pairs_max=3, df_cap=3)
    assert pairs == [("a", "b"), ("c", "d"), ("d", "e")]
    # a feature held by exactly df_cap items still counts
    assert candidates.candidate_pairs(FEATURES, all_pairs_max=3, df_cap=2) == [("a", "b"), ("c", "d"), ("d", "e")]
    assert candidates.candidate_pairs(FEATURES, all_pairs_max=3, df_cap=1) == []


def test_repeated_features_and_feature_order_do_not_matter():
    as_lists = {item: sorted(f) * 2 for item, f in FEATURES.items()}
    reordered = dict(reversed(list(FEATURES.items())))
    expected = candidates.candidate_pairs(FEATURES, all_pairs_max=3, df_cap=3)
    assert candidates.candidate_pairs(as_lists, all_pairs_max=3, df_cap=3) == expected
    assert candidates.candidate_pairs(reordered, all_pairs_max=3, df_cap=3) == expected


def test_the_limit_is_inclusive():
    three = {k: FEATURES[k] for k in ("a", "c", "e")}  # no shared feature between a/c and e
    assert candidates.candidate_pairs(three, all_pairs_max=3) == [("a", "c"), ("a", "e"), ("c", "e")]
    assert candidates.candidate_pairs(three, all_pairs_max=2) == [("a", "c")]


# --- on the seed texts ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def grams(built):
    segments = reuse.article_segments(corpus.body(built.sentences), "full")
    return {article_id: reuse.ngram_set(runs, 5) for article_id, runs in segments.items()}


def test_the_index_finds_exactly_the_texts_that_share_a_five_gram(grams):
    """With no feature too common, the index pairs the texts whose 5-gram sets intersect, and only
    those: Russia Monitor shares no 5-gram with RFE/RL, Newsweek or The Independent."""
    sharing = [(a, b) for a, b in itertools.combinations(sorted(grams), 2) if grams[a] & grams[b]]
    assert candidates.candidate_pairs(grams, all_pairs_max=0) == sharing
    assert ("000", "003") in sharing and ("003", "004") not in sharing


def test_five_grams_every_report_prints_do_not_pair_texts_alone(grams):
    """RFE/RL (001) and The Independent (003) share only 5-grams of Putin's quote that three or more
    texts print; with a cap of two holders they are no longer compared, while the aggregator (000)
    and The Independent, which share rarer runs, still are."""
    capped = candidates.candidate_pairs(grams, all_pairs_max=0, df_cap=2)
    shared = grams["001"] & grams["003"]
    assert shared and all(sum(g in grams[a] for a in grams) > 2 for g in shared)
    assert ("001", "003") not in capped and ("000", "003") in capped


def test_statement_pairs_stay_within_a_speaker_as_the_corpus_grows(built):
    """unit_pairs compares units of one speaker only; the candidate index changes nothing for
    the seeds, which are under ALL_PAIRS_MAX units per speaker."""
    units = provenance.quote_units(built.quotes)
    pairs = provenance.unit_pairs(units)
    per_speaker = units[units["speaker"] != ""].groupby("speaker")["unit_id"].count()
    assert (per_speaker <= candidates.ALL_PAIRS_MAX).all()
    assert len(pairs) == sum(n * (n - 1) // 2 for n in per_speaker)
    speaker_of = dict(zip(units["unit_id"], units["speaker"]))
    assert all(
        speaker_of[a] == speaker_of[b] == s for a, b, s in zip(pairs["unit_a"], pairs["unit_b"], pairs["speaker"])
    )


# --- partners kept per item -----------------------------------------------------------------------

# Two near-copies (a, b), a partial copy (c), and two texts (d, e) that share only a stock phrase
# (w, held by all five) and one word of their own.
CLUSTER = {"a": {"w", "x", "y"}, "b": {"w", "x", "y"}, "c": {"w", "x"}, "d": {"w", "z"}, "e": {"w", "z"}}


def test_each_item_keeps_its_partners_sharing_the_most_features():
    """Shared features: a-b 3, a-c 2, b-c 2, d-e 2, every other pair 1 (only w). With one partner
    each: a and b keep each other, c keeps a (its tie with b goes to the lower id), d and e keep
    each other; a pair stays when either item keeps it."""
    assert candidates.candidate_pairs(CLUSTER, all_pairs_max=0, per_item_max=1) == [("a", "b"), ("a", "c"), ("d", "e")]
    # two partners: c also keeps b; d and e each add a, their first tie by id
    assert candidates.candidate_pairs(CLUSTER, all_pairs_max=0, per_item_max=2) == [
        ("a", "b"),
        ("a", "c"),
        ("a", "d"),
        ("a", "e"),
        ("b", "c"),
        ("d", "e"),
    ]
    # enough partners: every pair sharing a feature
    assert candidates.candidate_pairs(CLUSTER, all_pairs_max=0, per_item_max=4) == list(
        itertools.combinations("abcde", 2)
    )


def test_a_cluster_of_copies_costs_per_item_max_pairs_per_item():
    """Thirty sites running one wire story: all pairs would be 435; each site keeps PER_ITEM_MAX
    partners (ties by id), so at most PER_ITEM_MAX x 30 pairs are compared."""
    copies = {f"site{i:02d}": {"story", "quote", f"own{i}"} for i in range(30)}
    pairs = candidates.candidate_pairs(copies)
    assert len(copies) <= candidates.ALL_PAIRS_MAX and len(pairs) == 435  # small: every pair
    pairs = candidates.candidate_pairs(copies, all_pairs_max=10)
    partners = {item: sum(item in pair for pair in pairs) for item in copies}
    assert min(partners.values()) >= candidates.PER_ITEM_MAX  # no site is left without partners
    assert len(pairs) <= candidates.PER_ITEM_MAX * len(copies) < 435
    k = candidates.PER_ITEM_MAX  # the k lowest ids win every tie: the pairs that touch one of them
    assert len(pairs) == k * (k - 1) // 2 + k * (len(copies) - k)
