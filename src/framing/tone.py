"""Tone per text, voice and actor group, the agreement of the two dictionary methods, and findings in words.

Summarises the unit and part scores of ``framing.sentiment`` (one method per score column,
``SCORE_COLUMNS``). Each cell has its n, mean with a 95% percentile-bootstrap interval over its
units (``framing.stats``, seeded), median, and the units below, between and above VADER's
conventional thresholds of ±0.05 (vaderSentiment README). Per actor group (``framing.actors``) it
is the tone of the sentences that mention the group, not a stance towards it; cells under
``SMALL_N`` sentences are flagged. The methods are compared by Spearman's rank correlation
(scipy), by how often they give the same sign, and by the units where they differ most.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats as scipy_stats

from framing import actors, corpus, stats, voice

# Conventional VADER thresholds for calling a sentence positive/negative (vaderSentiment README).
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05
# Cells of the actor x outlet table with fewer sentences are flagged (and marked in figures).
SMALL_N = 5

# The methods compared, each with its score column in sentiment_sentences.csv and sentiment_parts.csv.
SCORE_COLUMNS = {
    "vader": "vader_compound",
    "vader_masked": "vader_compound_masked",
    "afinn": "afinn_compound",
    "afinn_masked": "afinn_compound_masked",
}


# --- summaries ---------------------------------------------------------------------------


def _summaries(cell: pd.DataFrame, columns: list[str], seed: int) -> list[dict]:
    """Per column of ``cell``: n, mean with bootstrap interval, median and the counts below,
    around and above zero (one bootstrap resample of the cell's units for every column)."""
    values = cell[columns].to_numpy(dtype=float).reshape(len(cell), len(columns))
    out = []
    for column, (mean, low, high) in zip(values.T, stats.bootstrap_means(values, seed=seed)):
        out.append(
            {
                "n": int(column.size),
                "mean": mean,
                "ci_low": low,
                "ci_high": high,
                "median": float(np.median(column)) if column.size else float("nan"),
                "n_negative": int((column <= NEGATIVE_THRESHOLD).sum()),
                "n_neutral": int(((column > NEGATIVE_THRESHOLD) & (column < POSITIVE_THRESHOLD)).sum()),
                "n_positive": int((column >= POSITIVE_THRESHOLD).sum()),
            }
        )
    return out


def _outlets(articles: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(article_id, label, group) of every article, in id order."""
    ordered = articles.sort_values("article_id")
    return list(zip(ordered["article_id"], ordered["label"], ordered["group"]))


def by_outlet(
    scored: pd.DataFrame, parts: pd.DataFrame, articles: pd.DataFrame, *, seed: int = stats.DEFAULT_SEED
) -> pd.DataFrame:
    """Per text, method and voice: n, mean, bootstrap interval and distribution counts.

    voice 'all' summarises whole units; each voice of ``framing.voice`` summarises the parts in
    that voice (``score_parts``), so a partial quote counts as quoted words. Every text x method x
    voice cell is present (n = 0 gives NaN statistics). Pass body units for per-text summaries.
    """
    units = [("all", "unit", scored)] + [(v, f"{v} part", parts[parts["voice"] == v]) for v in voice.VOICES]
    rows = []
    for voice_name, unit, table in units:
        cells = dict(tuple(table.groupby("article_id")))
        for article_id, label, group in _outlets(articles):
            cell = cells.get(article_id, table.iloc[:0])
            summaries = _summaries(cell, list(SCORE_COLUMNS.values()), seed)
            for method, summary in zip(SCORE_COLUMNS, summaries):
                rows.append(
                    {
                        "article_id": article_id,
                        "label": label,
                        "group": group,
                        "method": method,
                        "voice": voice_name,
                        "unit": unit,
                        **summary,
                    }
                )
    return _sorted(pd.DataFrame(rows), ["article_id", "method", "voice"])


def _sorted(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return table.sort_values(keys, kind="stable").reset_index(drop=True)


def actor_groups_of(text: str) -> list[str]:
    """The distinct actor groups a sentence mentions (``framing.actors``), sorted."""
    return sorted({m.actor_group for m in actors.find_mentions(text)})


def sentence_actor_groups(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence and actor group it mentions (sentence_id, actor_group)."""
    pairs = [
        (sid, group)
        for sid, text in zip(sentences["sentence_id"], sentences["text"])
        for group in actor_groups_of(text)
    ]
    return pd.DataFrame(pairs, columns=["sentence_id", "actor_group"])


def by_actor(
    scored: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame, *, seed: int = stats.DEFAULT_SEED
) -> pd.DataFrame:
    """Per outlet, actor group and method: sentiment of the sentences that mention the group.

    A sentence mentioning two groups counts for both. This is the sentiment *of sentences
    mentioning* an actor, not sentiment *towards* it. Every outlet x group (groups mentioned
    anywhere in the corpus) x method cell is present; ``small_n`` flags cells under ``SMALL_N``.
    """
    mentions = sentence_actor_groups(sentences).merge(scored, on="sentence_id", validate="many_to_one")
    cells = dict(tuple(mentions.groupby(["article_id", "actor_group"])))
    rows = []
    groups = sorted(mentions["actor_group"].unique())
    for article_id, label, _ in _outlets(articles):
        for group in groups:
            cell = cells.get((article_id, group), mentions.iloc[:0])
            summaries = _summaries(cell, list(SCORE_COLUMNS.values()), seed)
            for method, summary in zip(SCORE_COLUMNS, summaries):
                rows.append(
                    {
                        "article_id": article_id,
                        "label": label,
                        "actor_group": group,
                        "method": method,
                        **summary,
                        "small_n": len(cell) < SMALL_N,
                    }
                )
    return _sorted(pd.DataFrame(rows), ["article_id", "actor_group", "method"])


# --- agreement of the methods ----------------------------------------------------------


def _spearman(a: pd.Series, b: pd.Series) -> tuple[float, float]:
    if a.nunique() < 2 or b.nunique() < 2:
        return float("nan"), float("nan")
    result = scipy_stats.spearmanr(a.astype(float), b.astype(float))
    return float(result.statistic), float(result.pvalue)


def agreement(
    scored: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    pairs: tuple = (("vader_masked", "afinn_masked"), ("vader", "afinn")),
) -> pd.DataFrame:
    """Spearman correlation between methods per sentence, over all sentences and per outlet.

    Columns: article_id ('' for the corpus), label ('all' for the corpus), method_a, method_b, n, rho,
    p_value, n_same_sign (both negative, both neutral or both positive at VADER's +-0.05 thresholds).
    """
    labelled = corpus.with_labels(scored, articles)
    cells = [("", "all", labelled)] + [
        (aid, label, cell) for (aid, label), cell in labelled.groupby(["article_id", "label"], sort=True)
    ]
    rows = []
    for article_id, label, cell in cells:
        for method_a, method_b in pairs:
            a, b = cell[SCORE_COLUMNS[method_a]], cell[SCORE_COLUMNS[method_b]]
            rho, p_value = _spearman(a, b)
            rows.append(
                {
                    "article_id": article_id,
                    "label": label,
                    "method_a": method_a,
                    "method_b": method_b,
                    "n": len(cell),
                    "rho": rho,
                    "p_value": p_value,
                    "n_same_sign": int((_sign(a) == _sign(b)).sum()),
                }
            )
    return pd.DataFrame(rows)


def _sign(values: pd.Series) -> np.ndarray:
    x = values.astype(float).to_numpy()
    return np.where(x >= POSITIVE_THRESHOLD, 1, np.where(x <= NEGATIVE_THRESHOLD, -1, 0))


def disagreements(
    scored: pd.DataFrame, *, a: str = "vader_masked", b: str = "afinn_masked", top: int = 6
) -> pd.DataFrame:
    """The ``top`` sentences where two methods differ most on their common -1..1 scale."""
    gap = scored[SCORE_COLUMNS[a]].astype(float) - scored[SCORE_COLUMNS[b]].astype(float)
    table = scored.assign(gap=gap.round(4), abs_gap=gap.abs().round(4))
    return table.sort_values(["abs_gap", "sentence_id"], ascending=[False, True]).head(top).reset_index(drop=True)


# --- findings ----------------------------------------------------------------------------


def overlapping_pairs(cells: pd.DataFrame) -> tuple[int, list[tuple[str, str]]]:
    """(pairs of texts, the pairs whose intervals do not overlap) among summary rows with
    label, ci_low and ci_high."""
    rows = cells.dropna(subset=["ci_low", "ci_high"]).sort_values("label").to_dict("records")
    apart = [
        (a["label"], b["label"])
        for i, a in enumerate(rows)
        for b in rows[i + 1 :]
        if a["ci_high"] < b["ci_low"] or b["ci_high"] < a["ci_low"]
    ]
    return len(rows) * (len(rows) - 1) // 2, apart


def tone_finding(cells: pd.DataFrame, method_name: str) -> str:
    """One sentence on the texts' mean tone for one method: how many lean negative, the range,
    the least negative, and which pairs of intervals do not overlap."""
    from framing import prose

    cells = cells.dropna(subset=["mean"])
    negative = int((cells["mean"] < 0).sum())
    mildest = cells.loc[cells["mean"] == cells["mean"].max(), "label"]
    n_pairs, apart = overlapping_pairs(cells)
    if len(cells) == 1:
        row = cells.iloc[0]
        return (
            f"**{method_name}**: the one text, {row['label']}, "
            f"leans {'negative' if row['mean'] < 0 else 'neutral or positive'} (mean {row['mean']:+.2f})."
        )
    lean = (
        f"all {len(cells)} texts lean negative"
        if negative == len(cells)
        else f"{prose.share(negative, len(cells))} texts lean negative"
    )
    separation = (
        "every pair of intervals overlaps"
        if not apart
        else f"{prose.share(len(apart), n_pairs)} pairs of intervals do not overlap ("
        + prose.listing(f"{a} / {b}" for a, b in apart)
        + ")"
    )
    return (
        f"**{method_name}**: {lean} (means from {cells['mean'].min():+.2f} to {cells['mean'].max():+.2f}); "
        f"least negative: {prose.listing(mildest)}; {separation}."
    )
