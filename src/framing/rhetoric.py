"""Rhetoric per sentence and per text, auditable to the sentence and the codebook term.

The codebook is data: ``data/lexicons/rhetoric.csv`` (categories and terms, with definition and
source; syntax and negation rules in ``framing.lexicon``), plus every form in
``data/lexicons/reporting_verbs.csv`` as ``attribution_neutral`` / ``attribution_loaded`` (Bell
1991; Caldas-Coulthard 1994). Category labels, definitions and what a lexicon cannot cover are in
``data/lexicons/rhetoric_categories.csv``.

Voice is ``framing.voice``'s, for every match and every word, so a rate in a voice is matches in
that voice per 1,000 words in that voice. Rates count affirmed (not negated) matches in the body
(display units are framing devices, reported apart), with exact Poisson intervals: each text is
one observation. Groups of texts are compared only by shuffling texts, and only when each group has
at least ``stats.MIN_TEXTS_PER_GROUP`` texts.

Actors (``framing.actors``) co-occur with a category when both are in the same sentence; that
is proximity, not agency ("Washington not Pyongyang should take the initiative" puts both
countries beside the same words).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from framing import attribution, corpus, lexicon, resources, stats, storage, voice

CODEBOOK_FILE = "rhetoric.csv"
CATEGORIES_FILE = "rhetoric_categories.csv"
REPORTING_VERBS_FILE = "reporting_verbs.csv"
ATTRIBUTION_PREFIX = "attribution_"
ATTRIBUTION_LAYER = "attribution"
ATTRIBUTION_SOURCE = "data/lexicons/reporting_verbs.csv; Caldas-Coulthard (1994); Bell (1991)"
ALL = "all"
VOICES = (ALL, *voice.VOICES)

MATCH_COLUMNS = [
    "match_id",
    "sentence_id",
    "article_id",
    "category",
    "term",
    "matched_text",
    "start",
    "end",
    "voice",
    "speaker",
    "speaker_group",
    "negated",
    "negation_cue",
    "stance",
    "layer",
]
MENTION_COLUMNS = [
    "mention_id",
    "sentence_id",
    "article_id",
    "actor",
    "actor_group",
    "kind",
    "alias",
    "start",
    "end",
    "voice",
]


# --- codebook ---------------------------------------------------------------------------------


def reporting_verb_rows() -> pd.DataFrame:
    """Every form of ``reporting_verbs.csv``'s lemmas (``attribution.cue_forms``) as codebook rows,
    one category per stance; origin as the lemma's row."""
    origin = dict(zip(*resources.load_lexicon(REPORTING_VERBS_FILE)[["lemma", "origin"]].to_numpy().T))
    forms = sorted(attribution.cue_forms().items())
    return pd.DataFrame(
        {
            "category": [ATTRIBUTION_PREFIX + stance for _, (_, stance) in forms],
            "term": [f for f, _ in forms],
            "origin": [origin[lemma] for _, (lemma, _) in forms],
            "definition": [f"reporting verb '{lemma}' ({stance})" for _, (lemma, stance) in forms],
            "source": ATTRIBUTION_SOURCE,
            "negation": "yes",
            "negated": "no",
            "note": "",
            "layer": ATTRIBUTION_LAYER,
            "stance": [stance for _, (_, stance) in forms],
        }
    )


def codebook(folder=None) -> pd.DataFrame:
    """The full codebook: ``rhetoric.csv`` rows, then the reporting verbs (duplicates dropped)."""
    own = resources.load_lexicon(CODEBOOK_FILE, folder)
    verbs = reporting_verb_rows()
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


def _codebook_lookup(book: lexicon.Codebook) -> dict:
    table = book.table
    stance = table["stance"] if "stance" in table else pd.Series("", index=table.index)
    layer = table["layer"] if "layer" in table else pd.Series("rhetoric", index=table.index)
    return {
        (category, term): (term_stance, term_layer or "rhetoric")
        for category, term, term_stance, term_layer in zip(
            table["category"], table["term"], stance.fillna(""), layer.fillna("")
        )
    }


def match_sentences(
    sentences: pd.DataFrame, quotes: pd.DataFrame, codebook: lexicon.Codebook | pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per codebook match in ``sentences`` (columns ``MATCH_COLUMNS``), with the voice,
    speaker and speaker group of the matched words (``framing.voice``).

    ``codebook`` defaults to the project codebook (compiled once); a table is compiled here.
    """
    book = compiled() if codebook is None else codebook
    book = book if isinstance(book, lexicon.Codebook) else lexicon.compile_codebook(book)
    lookup = _codebook_lookup(book)
    rows = []
    for unit in voice.iter_units(sentences, quotes):
        cue_starts = {c.start for c in attribution.find_cues(unit.text)}  # one definition of a reporting verb
        found = [
            m
            for m in lexicon.find_matches(unit.text, book)
            if lookup[(m.category, m.term)][1] != ATTRIBUTION_LAYER or m.start in cue_starts
        ]
        for number, m in enumerate(found, start=1):
            stance, layer = lookup[(m.category, m.term)]
            who = voice.span_voice(unit, m.start, m.end)
            rows.append(
                (
                    f"{unit.sentence_id}-m{number:02d}",
                    unit.sentence_id,
                    unit.article_id,
                    m.category,
                    m.term,
                    m.matched_text,
                    m.start,
                    m.end,
                    *who,
                    m.negated,
                    m.negation_cue,
                    stance,
                    layer,
                )
            )
    return pd.DataFrame(rows, columns=MATCH_COLUMNS)


def words_by_voice(sentences: pd.DataFrame) -> pd.DataFrame:
    """Per sentence: its words in each voice (``sentences.words_<voice>``, written by notebook 01)
    and in all (``n_words``); long form: sentence_id, article_id, voice, words."""
    wide = sentences[["sentence_id", "article_id"]].assign(
        **{ALL: sentences["n_words"].astype(int)}, **{v: sentences[f"words_{v}"].astype(int) for v in voice.VOICES}
    )
    return wide.melt(["sentence_id", "article_id"], var_name="voice", value_name="words")


# --- counts and rates -------------------------------------------------------------------------


def sentence_counts(matches: pd.DataFrame, sentences: pd.DataFrame, category_names: list[str]) -> pd.DataFrame:
    """Long table: every sentence of ``sentences`` x category x voice (``VOICES``) with affirmed
    ``count``, ``n_negated`` and the sentence's ``words`` in that voice."""
    words = words_by_voice(sentences)
    grid = words.merge(pd.DataFrame({"category": category_names}), how="cross")
    mine = matches[matches["sentence_id"].isin(set(sentences["sentence_id"]))]
    tagged = pd.concat([mine, mine.assign(voice=ALL)], ignore_index=True)
    negated = tagged["negated"].astype(bool)
    tally = (
        tagged.assign(count=~negated, n_negated=negated)
        .groupby(["sentence_id", "category", "voice"], as_index=False)[["count", "n_negated"]]
        .sum()
    )
    out = grid.merge(tally, on=["sentence_id", "category", "voice"], how="left").fillna({"count": 0, "n_negated": 0})
    out[["count", "n_negated"]] = out[["count", "n_negated"]].astype(int)
    return out.sort_values(["sentence_id", "category", "voice"]).reset_index(drop=True)


def outlet_rates(counts: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per article x category x voice: count, words and rate per 1,000 words with its exact 95%
    Poisson interval (``stats.poisson_interval``; NaN where the text has no words in that voice)."""
    keys = ["article_id", "category", "voice"]
    summed = counts.groupby(keys, as_index=False, sort=True).agg(
        count=("count", "sum"),
        n_negated=("n_negated", "sum"),
        words=("words", "sum"),
        n_sentences=("words", lambda w: int((w > 0).sum())),
    )
    intervals = [stats.poisson_interval(int(c), float(w)) for c, w in zip(summed["count"], summed["words"])]
    summed[["per_1000_words", "ci_low", "ci_high"]] = pd.DataFrame(intervals, index=summed.index)
    table = corpus.with_labels(summed, articles)
    columns = [
        "label",
        "article_id",
        "group",
        "category",
        "voice",
        "count",
        "n_negated",
        "words",
        "n_sentences",
        "per_1000_words",
        "ci_low",
        "ci_high",
    ]
    return table[columns].sort_values(keys).reset_index(drop=True)


def group_tests(
    rates: pd.DataFrame,
    focus: str,
    *,
    voices=(ALL, "own_narration"),
    seed: int = stats.DEFAULT_SEED,
    permutations: int = stats.DEFAULT_RESAMPLES,
) -> pd.DataFrame:
    """Group ``focus`` against all other texts, per category and voice: each group's mean of the
    texts' rates, their difference, a permutation p that shuffles whole texts
    (``stats.text_permutation_test``), its smallest attainable value and Holm's adjustment across
    categories (within a voice). Untestable contrasts (a group under ``stats.MIN_TEXTS_PER_GROUP``
    texts, or a text with no words in the voice) have NaN p and say why in ``note``."""
    rows = []
    for (category, voice_name), cell in rates[rates["voice"].isin(voices)].groupby(["category", "voice"], sort=True):
        labels = (cell["group"] == focus).to_numpy()
        values = cell["per_1000_words"].to_numpy(float)
        difference, p, smallest = stats.text_permutation_test(values, labels, permutations=permutations, seed=seed)
        rows.append(
            {
                "category": category,
                "voice": voice_name,
                "focus_texts": int(labels.sum()),
                "other_texts": int((~labels).sum()),
                "focus_mean_rate": np.nanmean(values[labels]) if labels.any() else np.nan,
                "other_mean_rate": np.nanmean(values[~labels]) if (~labels).any() else np.nan,
                "difference": difference,
                "p_value": p,
                "smallest_p": smallest,
                "note": "" if p == p else _untestable_reason(labels, values),
            }
        )
    table = pd.DataFrame(rows)
    table["p_holm"] = table.groupby("voice")["p_value"].transform(lambda p: stats.holm(p.to_numpy()))
    return table.sort_values(["voice", "category"]).reset_index(drop=True)


def _untestable_reason(labels: np.ndarray, values: np.ndarray) -> str:
    smaller = min(int(labels.sum()), int((~labels).sum()))
    if smaller < stats.MIN_TEXTS_PER_GROUP:
        return (
            f"not tested: a group has {smaller} text(s); shuffling texts needs {stats.MIN_TEXTS_PER_GROUP}+ per group"
        )
    return "not tested: a text has no words in this voice"


# --- actors -----------------------------------------------------------------------------------


def actor_mentions(sentences: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per actor mention (``framing.actors.find_mentions``) with the voice it is in."""
    rows = []
    units = voice.build_units(sentences, quotes)
    for unit in units:
        for number, m in enumerate(unit.mentions, start=1):
            rows.append(
                (
                    f"{unit.sentence_id}-a{number:02d}",
                    unit.sentence_id,
                    unit.article_id,
                    m.actor,
                    m.actor_group,
                    m.kind,
                    m.alias,
                    m.start,
                    m.end,
                    voice.span_voice(unit, m.start, m.end)[0],
                )
            )
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def actor_summary(mentions: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per article x actor group (every group named anywhere in the corpus): mentions (all and by
    voice), sentences naming the group, their share of the article's sentences, and mentions per
    1,000 words. ``sentences`` and ``mentions`` should be the body's."""
    keys = ["article_id", "actor_group"]
    by_voice = mentions.pivot_table(index=keys, columns="voice", values="mention_id", aggfunc="count", fill_value=0)
    by_voice = by_voice.reindex(columns=list(voice.VOICES), fill_value=0).add_prefix("mentions_")
    table = mentions.groupby(keys).agg(
        mentions=("mention_id", "count"), sentences_with_actor=("sentence_id", "nunique")
    )
    table = table.join(by_voice)
    grid = pd.MultiIndex.from_product(
        [sorted(sentences["article_id"].unique()), sorted(mentions["actor_group"].unique())], names=keys
    )
    table = table.reindex(grid, fill_value=0).reset_index()  # a group an outlet never names: zero, not missing
    size = (
        sentences.groupby("article_id")
        .agg(n_sentences=("sentence_id", "count"), words=("n_words", "sum"))
        .reset_index()
    )
    table = table.merge(size, on="article_id")
    table["share_of_sentences"] = table["sentences_with_actor"] / table["n_sentences"]
    table["per_1000_words"] = table["mentions"] / table["words"] * stats.PER_WORDS
    table = corpus.with_labels(table, articles)
    first = ["label", "article_id", "group", "actor_group"]
    return table[first + [c for c in table.columns if c not in first]].sort_values(keys).reset_index(drop=True)


def actor_rhetoric(
    mentions: pd.DataFrame,
    matches: pd.DataFrame,
    sentences: pd.DataFrame,
    articles: pd.DataFrame,
    category_names: list[str] | None = None,
) -> pd.DataFrame:
    """Per article x actor group x category: of the sentences naming the group, how many also hold
    an affirmed match of the category (``share``), beside the category's share of all the
    article's sentences (``baseline_share``). Same-sentence co-occurrence, not agency."""
    named = mentions[["article_id", "sentence_id", "actor_group"]].drop_duplicates()
    hits = matches.loc[~matches["negated"].astype(bool), ["sentence_id", "category"]].drop_duplicates()
    with_actor = named.groupby(["article_id", "actor_group"])["sentence_id"].nunique().rename("sentences_with_actor")
    both = (
        named.merge(hits, on="sentence_id").groupby(["article_id", "actor_group", "category"])["sentence_id"].nunique()
    )
    names = sorted(category_names if category_names is not None else matches["category"].unique())
    grid = with_actor.reset_index().merge(
        pd.DataFrame({"category": pd.Series(names, dtype=matches["category"].dtype)}), how="cross"
    )
    table = grid.merge(both.rename("sentences_with_both").reset_index(), how="left").fillna({"sentences_with_both": 0})
    table["sentences_with_both"] = table["sentences_with_both"].astype(int)
    table["share"] = table["sentences_with_both"] / table["sentences_with_actor"]
    totals = sentences.groupby("article_id")["sentence_id"].count().rename("n_sentences")
    base = (
        hits.merge(sentences[["sentence_id", "article_id"]])
        .groupby(["article_id", "category"])["sentence_id"]
        .nunique()
    )
    table = table.merge(totals.reset_index()).merge(base.rename("sentences_with_category").reset_index(), how="left")
    table["sentences_with_category"] = table["sentences_with_category"].fillna(0).astype(int)
    table["baseline_share"] = table["sentences_with_category"] / table["n_sentences"]
    table = corpus.with_labels(table, articles)
    first = ["label", "article_id", "group", "actor_group", "category"]
    return table[first + [c for c in table.columns if c not in first]].sort_values(first[1:]).reset_index(drop=True)


# --- findings ---------------------------------------------------------------------------------

STANCE = ("hedging", "boosters")  # stance (Hyland 2005): reported together; possibility apart
OWN = "own_narration"


def standouts(rates: pd.DataFrame, voice_name: str = OWN) -> pd.DataFrame:
    """Per category, the text with the highest rate in ``voice_name`` and whether its exact interval
    lies wholly above every other text's (``clear``): category, label, group, count, rate, low,
    high, next_high (the highest upper bound among the others)."""
    rows = []
    cell = rates[(rates["voice"] == voice_name) & (rates["words"] > 0)]
    for category, part in cell.groupby("category", sort=True):
        ranked = part.sort_values(["per_1000_words", "article_id"], ascending=[False, True])
        top, others = ranked.iloc[0], ranked.iloc[1:]
        next_high = others["ci_high"].max() if len(others) else np.nan
        rows.append(
            {
                "category": category,
                "label": top["label"],
                "group": top["group"],
                "count": int(top["count"]),
                "rate": top["per_1000_words"],
                "low": top["ci_low"],
                "high": top["ci_high"],
                "next_high": next_high,
                "clear": bool(len(others)) and top["ci_low"] > next_high,
            }
        )
    return pd.DataFrame(rows)


def rate_findings(rates: pd.DataFrame, labels: dict[str, str]) -> list[str]:
    """Sentences on the own-narration rates: where one text's interval stands clear of all others'."""
    from framing import prose

    table = standouts(rates)
    clear = table[table["clear"]]
    lines = [
        f"In the outlets' own narration, one text's rate stands clear of every other text's (exact 95% intervals "
        f"not overlapping) in {prose.plural(len(clear), 'category', 'categories')} of {len(table)}"
        + (
            ": "
            + "; ".join(
                f"{labels.get(r.category, r.category)}: {r.label}, {prose.interval(r.rate, r.low, r.high)} "
                f"per 1,000 words ({r.count} matches; the next highest interval ends at {r.next_high:.0f})"
                for r in storage.rows(clear)
            )
            if len(clear)
            else ""
        )
        + "."
    ]
    vague = table[~table["clear"] & (table["count"] > 0)]
    if len(vague):
        lines.append(
            "Elsewhere the highest rates overlap others' intervals: "
            + "; ".join(
                f"{labels.get(r.category, r.category)} highest in {r.label} ({r.rate:.0f})" for r in storage.rows(vague)
            )
            + "."
        )
    return lines


def attribution_shares(rates: pd.DataFrame) -> pd.DataFrame:
    """Per text: loaded and neutral reporting verbs in its own narration and the loaded share."""
    cell = rates[(rates["voice"] == OWN) & rates["category"].isin(["attribution_loaded", "attribution_neutral"])]
    wide = cell.pivot_table(
        index=["article_id", "label", "group"], columns="category", values="count", fill_value=0
    ).reset_index()
    for column in ("attribution_loaded", "attribution_neutral"):
        wide[column] = wide.get(column, 0)
    total = wide["attribution_loaded"] + wide["attribution_neutral"]
    wide["loaded_share"] = (wide["attribution_loaded"] / total).where(total > 0)
    wide.columns.name = None
    return wide.sort_values("article_id").reset_index(drop=True)


def stance_table(rates: pd.DataFrame) -> pd.DataFrame:
    """Per text and voice (own narration, reported voices, all): hedges, boosters and possibility
    counts and rates, stance = hedges + boosters (Hyland 2005), possibility apart."""
    wanted = [*STANCE, "possibility"]
    cell = rates[rates["category"].isin(wanted) & rates["voice"].isin([ALL, OWN])]
    wide = cell.pivot_table(
        index=["article_id", "label", "group", "voice"], columns="category", values=["count", "words"], aggfunc="first"
    ).reset_index()
    wide.columns = ["_".join(c for c in col if c) if isinstance(col, tuple) else col for col in wide.columns]
    out = wide[["article_id", "label", "group", "voice"]].copy()
    out["words"] = wide[f"words_{STANCE[0]}"]
    for category in wanted:
        out[category] = wide[f"count_{category}"].astype(int)
    out["stance"] = out["hedging"] + out["boosters"]
    out["stance_per_1000"] = out["stance"] / out["words"] * stats.PER_WORDS
    return out.sort_values(["voice", "article_id"]).reset_index(drop=True)


def group_actor_rhetoric(cooc: pd.DataFrame) -> pd.DataFrame:
    """``actor_rhetoric`` pooled per group of texts: of all the group's sentences naming an actor
    group, the share that also hold each category (sentences summed over the group's texts)."""
    pooled = cooc.groupby(["group", "actor_group", "category"], as_index=False)[
        ["sentences_with_both", "sentences_with_actor"]
    ].sum()
    pooled["share"] = pooled["sentences_with_both"] / pooled["sentences_with_actor"]
    pooled["n_texts"] = pooled["group"].map(cooc.groupby("group")["article_id"].nunique())
    return pooled
