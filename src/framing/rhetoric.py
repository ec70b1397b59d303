"""Rhetoric per sentence and per outlet, auditable to the sentence and the codebook term.

The codebook is data: ``data/lexicons/rhetoric.csv`` (categories and terms, with definition and
source; syntax and negation rules in ``framing.lexicon``), plus every form in
``data/lexicons/reporting_verbs.csv`` as ``attribution_neutral`` / ``attribution_loaded`` (Bell
1991; Caldas-Coulthard 1994). Category labels, definitions and what a lexicon cannot cover are in
``data/lexicons/rhetoric_categories.csv``.

Voice: a match is ``quote`` when more than half of its characters lie inside the sentence's
quoted spans (``sentences.quote_spans``), else ``narration``. Words are split the same way.
Rates count affirmed (not negated) matches per 1,000 words, with bootstrap intervals that
resample sentences (``framing.stats``); negated matches are counted apart.

Actors (``framing.actors``) co-occur with a category when both are in the same sentence; that
is proximity, not agency ("Washington not Pyongyang should take the initiative" puts both
countries beside the same words).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from framing import actors, corpus, lexicon, metadata, resources, segment, stats

CODEBOOK_FILE = "rhetoric.csv"
CATEGORIES_FILE = "rhetoric_categories.csv"
REPORTING_VERBS_FILE = "reporting_verbs.csv"
ATTRIBUTION_PREFIX = "attribution_"
ATTRIBUTION_SOURCE = "data/lexicons/reporting_verbs.csv; Caldas-Coulthard (1994); Bell (1991)"
VOICES = ("narration", "quote")
ALL = "all"
TEST_GROUP, REFERENCE_GROUP = metadata.ANALYSIS_GROUP, metadata.REPORT_GROUP  # values of articles.group

MATCH_COLUMNS = ["match_id", "sentence_id", "article_id", "category", "term", "matched_text", "start", "end",
                 "voice", "negated", "negation_cue", "stance", "layer"]
MENTION_COLUMNS = ["mention_id", "sentence_id", "article_id", "actor", "actor_group", "kind", "alias", "start", "end", "voice"]


# --- codebook ---------------------------------------------------------------------------------

def reporting_verb_rows(verbs: pd.DataFrame) -> pd.DataFrame:
    """``reporting_verbs.csv`` (form, lemma, stance) as codebook rows, one category per stance."""
    return pd.DataFrame({
        "category": ATTRIBUTION_PREFIX + verbs["stance"], "term": verbs["form"],
        "definition": "reporting verb '" + verbs["lemma"] + "' (" + verbs["stance"] + ")",
        "source": ATTRIBUTION_SOURCE, "negation": "yes", "negated": "no", "corpus_driven": "no",
        "note": "", "layer": "attribution", "stance": verbs["stance"],
    })


def codebook(folder=None) -> pd.DataFrame:
    """The full codebook: ``rhetoric.csv`` rows, then the reporting verbs (duplicates dropped)."""
    own = resources.load_lexicon(CODEBOOK_FILE, folder)
    verbs = reporting_verb_rows(resources.load_lexicon(REPORTING_VERBS_FILE, folder))
    table = pd.concat([own, verbs], ignore_index=True).fillna("")
    return table.drop_duplicates(["category", "term"]).reset_index(drop=True)


def categories(folder=None) -> pd.DataFrame:
    """Category table (order, category, label, definition, source, cannot_cover), in order."""
    table = resources.load_lexicon(CATEGORIES_FILE, folder)
    return table.assign(order=table["order"].astype(int)).sort_values("order").reset_index(drop=True)


@lru_cache(maxsize=4)
def compiled(folder: str | None = None) -> lexicon.Codebook:
    """The full codebook, compiled once."""
    return lexicon.compile_codebook(codebook(folder))


# --- matching ---------------------------------------------------------------------------------

def voice_of(start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """'quote' if more than half of [start, end) lies inside the quoted ``spans``, else 'narration'."""
    inside = sum(max(0, min(end, b) - max(start, a)) for a, b in spans)
    return "quote" if 2 * inside > end - start else "narration"


def _spans(value) -> list[tuple[int, int]]:
    """Parsed ``quote_spans`` ('' or NaN, as pandas may read an empty cell, means none)."""
    return corpus.parse_spans(value) if isinstance(value, str) and value else []


def _quote_spans_column(sentences: pd.DataFrame):
    return sentences["quote_spans"] if "quote_spans" in sentences else [""] * len(sentences)


def _codebook_lookup(book: lexicon.Codebook) -> dict:
    table = book.table
    stance = table["stance"] if "stance" in table else pd.Series("", index=table.index)
    layer = table["layer"] if "layer" in table else pd.Series("rhetoric", index=table.index)
    return {(c, t): (s, l or "rhetoric") for c, t, s, l in zip(table["category"], table["term"], stance.fillna(""), layer.fillna(""))}


def match_sentences(sentences: pd.DataFrame, codebook: lexicon.Codebook | pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per codebook match in ``sentences`` (columns ``MATCH_COLUMNS``).

    ``sentences`` needs sentence_id, article_id and text (quote_spans, if present, sets the
    voice; without it every match is narration); ``codebook`` defaults to
    the project codebook (compiled once); a table is compiled here, once per call.
    """
    book = compiled() if codebook is None else codebook
    book = book if isinstance(book, lexicon.Codebook) else lexicon.compile_codebook(book)
    lookup = _codebook_lookup(book)
    rows = []
    for sid, aid, text, spans in zip(sentences["sentence_id"], sentences["article_id"], sentences["text"], _quote_spans_column(sentences)):
        found = lexicon.find_matches(text, book)
        parsed = _spans(spans) if found else []
        for number, m in enumerate(found, start=1):
            stance, layer = lookup[(m.category, m.term)]
            rows.append((f"{sid}-m{number:02d}", sid, aid, m.category, m.term, m.matched_text, m.start, m.end,
                         voice_of(m.start, m.end, parsed), m.negated, m.negation_cue, stance, layer))
    return pd.DataFrame(rows, columns=MATCH_COLUMNS)


def words_by_voice(sentences: pd.DataFrame) -> pd.DataFrame:
    """Per sentence: words inside quoted spans, words outside, and all words."""
    quoted = [
        min(n, sum(len(segment.words(text[a:b])) for a, b in _spans(spans)))
        for text, spans, n in zip(sentences["text"], _quote_spans_column(sentences), sentences["n_words"])
    ]
    out = sentences[["sentence_id", "article_id"]].copy()
    out["quote"] = quoted
    out["all"] = sentences["n_words"].astype(int).to_numpy()
    out["narration"] = out["all"] - out["quote"]
    return out.reset_index(drop=True)


# --- counts and rates -------------------------------------------------------------------------

def sentence_counts(matches: pd.DataFrame, sentences: pd.DataFrame, category_names: list[str]) -> pd.DataFrame:
    """Long table: every sentence x category x voice (narration, quote, all) with affirmed
    ``count``, ``n_negated`` and the sentence's ``words`` in that voice."""
    words = words_by_voice(sentences).melt(["sentence_id", "article_id"], var_name="voice", value_name="words")
    grid = words.merge(pd.DataFrame({"category": category_names}), how="cross")
    tagged = pd.concat([matches, matches.assign(voice=ALL)], ignore_index=True)
    tally = (tagged.assign(count=~tagged["negated"].astype(bool), n_negated=tagged["negated"].astype(bool))
             .groupby(["sentence_id", "category", "voice"], as_index=False)[["count", "n_negated"]].sum())
    out = grid.merge(tally, on=["sentence_id", "category", "voice"], how="left").fillna({"count": 0, "n_negated": 0})
    out[["count", "n_negated"]] = out[["count", "n_negated"]].astype(int)
    return out.sort_values(["sentence_id", "category", "voice"]).reset_index(drop=True)


def _rate_row(unit: pd.DataFrame, seed: int) -> dict:
    rate, low, high = stats.bootstrap_rate(unit["count"], unit["words"], seed=seed)
    return {"count": int(unit["count"].sum()), "n_negated": int(unit["n_negated"].sum()),
            "words": int(unit["words"].sum()), "n_sentences": int((unit["words"] > 0).sum()),
            "per_1000_words": rate, "ci_low": low, "ci_high": high}


def outlet_rates(counts: pd.DataFrame, articles: pd.DataFrame, *, seed: int = stats.DEFAULT_SEED) -> pd.DataFrame:
    """Per article x category x voice: count, words and rate per 1,000 words with a 95% interval
    (``stats.bootstrap_rate``, resampling the article's sentences)."""
    keys = ["article_id", "category", "voice"]
    rows = [{**dict(zip(keys, key)), **_rate_row(unit, seed)} for key, unit in counts.groupby(keys, sort=True)]
    table = corpus.with_labels(pd.DataFrame(rows), articles)
    columns = ["label", "article_id", "group", "category", "voice", "count", "n_negated", "words", "n_sentences",
               "per_1000_words", "ci_low", "ci_high"]
    return table[columns].sort_values(keys).reset_index(drop=True)


def holm(p_values) -> np.ndarray:
    """Holm (1979) step-down adjusted p-values, in input order; NaN (untestable) stays NaN."""
    p = np.asarray(p_values, dtype=float)
    tested = ~np.isnan(p)  # an untestable contrast (NaN) is left out of the family and stays NaN
    q = p[tested]
    order = np.argsort(q, kind="stable")
    adjusted = np.maximum.accumulate((len(q) - np.arange(len(q))) * q[order])
    within = np.empty_like(q)
    within[order] = np.minimum(adjusted, 1.0)
    out = np.full_like(p, np.nan)
    out[tested] = within
    return out


def pooled_rate_difference(counts: np.ndarray, words: np.ndarray):
    """A ``permutation_test`` statistic over sentence indices: rate(group) - rate(rest) per 1,000 words."""
    def statistic(a: np.ndarray, b: np.ndarray) -> float:
        ia, ib = a.astype(int), b.astype(int)
        return float(counts[ia].sum() / words[ia].sum() * stats.PER_WORDS - counts[ib].sum() / words[ib].sum() * stats.PER_WORDS)
    return statistic


def _group_test_row(unit: pd.DataFrame, seed: int, permutations: int) -> dict:
    counts, words = unit["count"].to_numpy(float), unit["words"].to_numpy(float)
    labels = (unit["group"] == TEST_GROUP).to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):  # a group with no words in the voice: NaN rate, NaN p
        observed, p = stats.permutation_test(np.arange(len(unit), dtype=float), labels, pooled_rate_difference(counts, words),
                                             permutations=permutations, seed=seed)
        row = {"difference": observed, "p_value": p}
        for name, mask in ((TEST_GROUP, labels), ("reports", ~labels)):
            row |= {f"{name}_count": int(counts[mask].sum()), f"{name}_words": int(words[mask].sum()),
                    f"{name}_rate": counts[mask].sum() / words[mask].sum() * stats.PER_WORDS,
                    f"{name}_sentences": int(mask.sum()), f"{name}_articles": unit.loc[mask, "article_id"].nunique()}
    return row


def group_tests(counts: pd.DataFrame, articles: pd.DataFrame, *, voices=(ALL, "narration"), seed: int = stats.DEFAULT_SEED,
                permutations: int = stats.DEFAULT_RESAMPLES) -> pd.DataFrame:
    """Analysis vs. wire reports per category and voice: pooled rates, their difference, a
    two-sided permutation p-value over sentences and Holm's adjustment across categories."""
    labelled = counts.merge(articles[["article_id", "group"]], on="article_id")
    labelled = labelled[labelled["group"].isin([TEST_GROUP, REFERENCE_GROUP]) & labelled["voice"].isin(voices)]
    rows = [{"category": c, "voice": v, **_group_test_row(unit, seed, permutations)}
            for (c, v), unit in labelled.groupby(["category", "voice"], sort=True)]
    table = pd.DataFrame(rows)
    table["p_holm"] = table.groupby("voice")["p_value"].transform(lambda p: holm(p.to_numpy()))
    return table.sort_values(["voice", "category"]).reset_index(drop=True)


# --- actors -----------------------------------------------------------------------------------

def actor_mentions(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per actor mention (``framing.actors.find_mentions``) with its voice."""
    rows = []
    for sid, aid, text, spans in zip(sentences["sentence_id"], sentences["article_id"], sentences["text"], _quote_spans_column(sentences)):
        parsed = _spans(spans)
        for number, m in enumerate(actors.find_mentions(text), start=1):
            rows.append((f"{sid}-a{number:02d}", sid, aid, m.actor, m.actor_group, m.kind, m.alias, m.start, m.end,
                         voice_of(m.start, m.end, parsed)))
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def actor_summary(mentions: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per article x actor group (every group named anywhere in the corpus): mentions (all,
    narration, quote), sentences naming the group, their share of the article's sentences, and
    mentions per 1,000 words."""
    keys = ["article_id", "actor_group"]
    by_voice = mentions.pivot_table(index=keys, columns="voice", values="mention_id", aggfunc="count", fill_value=0)
    by_voice = by_voice.reindex(columns=list(VOICES), fill_value=0).add_prefix("mentions_")
    table = mentions.groupby(keys).agg(mentions=("mention_id", "count"), sentences_with_actor=("sentence_id", "nunique"))
    table = table.join(by_voice)
    grid = pd.MultiIndex.from_product([sorted(sentences["article_id"].unique()), sorted(mentions["actor_group"].unique())], names=keys)
    table = table.reindex(grid, fill_value=0).reset_index()  # a group an outlet never names: zero, not missing
    size = sentences.groupby("article_id").agg(n_sentences=("sentence_id", "count"), words=("n_words", "sum")).reset_index()
    table = table.merge(size, on="article_id")
    table["share_of_sentences"] = table["sentences_with_actor"] / table["n_sentences"]
    table["per_1000_words"] = table["mentions"] / table["words"] * stats.PER_WORDS
    table = corpus.with_labels(table, articles)
    first = ["label", "article_id", "group", "actor_group"]
    return table[first + [c for c in table.columns if c not in first]].sort_values(keys).reset_index(drop=True)


def actor_rhetoric(mentions: pd.DataFrame, matches: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame,
                   category_names: list[str] | None = None) -> pd.DataFrame:
    """Per article x actor group x category: of the sentences naming the group, how many also hold
    an affirmed match of the category (``share``), beside the category's share of all the
    article's sentences (``baseline_share``). Same-sentence co-occurrence, not agency."""
    named = mentions[["article_id", "sentence_id", "actor_group"]].drop_duplicates()
    hits = matches.loc[~matches["negated"].astype(bool), ["sentence_id", "category"]].drop_duplicates()
    with_actor = named.groupby(["article_id", "actor_group"])["sentence_id"].nunique().rename("sentences_with_actor")
    both = named.merge(hits, on="sentence_id").groupby(["article_id", "actor_group", "category"])["sentence_id"].nunique()
    names = sorted(category_names if category_names is not None else matches["category"].unique())
    grid = with_actor.reset_index().merge(pd.DataFrame({"category": pd.Series(names, dtype=matches["category"].dtype)}), how="cross")
    table = grid.merge(both.rename("sentences_with_both").reset_index(), how="left").fillna({"sentences_with_both": 0})
    table["sentences_with_both"] = table["sentences_with_both"].astype(int)
    table["share"] = table["sentences_with_both"] / table["sentences_with_actor"]
    totals = sentences.groupby("article_id")["sentence_id"].count().rename("n_sentences")
    base = hits.merge(sentences[["sentence_id", "article_id"]]).groupby(["article_id", "category"])["sentence_id"].nunique()
    table = table.merge(totals.reset_index()).merge(base.rename("sentences_with_category").reset_index(), how="left")
    table["sentences_with_category"] = table["sentences_with_category"].fillna(0).astype(int)
    table["baseline_share"] = table["sentences_with_category"] / table["n_sentences"]
    table = corpus.with_labels(table, articles)
    first = ["label", "article_id", "group", "actor_group", "category"]
    return table[first + [c for c in table.columns if c not in first]].sort_values(first[1:]).reset_index(drop=True)
