"""Hand judgements (codings, gold, validations) keyed by content, never by running position.

A judgement names its unit by ``article_id`` and the unit's ``text`` as ``sentences.csv`` prints
it. Matching compares a normalised form (typographic marks as ASCII, runs of white space as one
space), so a change to cleaning or sentence splitting can never re-point a judgement silently:
a judged text that no longer exists as a unit is an error naming the file and row, and a unit
nobody judged is reported as not validated.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from framing import resources, storage

KEY_COLUMNS = ("article_id", "text")


class JudgementError(ValueError):
    """A judgement that matches no unit of the corpus: the message names the file and the row."""


def normalised_text(text: str) -> str:
    """The form texts are matched in: typographic marks as ASCII, white space collapsed."""
    return " ".join(resources.normalise_same_length(str(text)).split())


def unit_keys(table: pd.DataFrame) -> pd.Series:
    """'article_id|normalised text' for every row of a table with ``article_id`` and ``text``."""
    return table["article_id"].astype(str) + "|" + table["text"].map(normalised_text)


def attach(
    judged: pd.DataFrame, sentences: pd.DataFrame, source: str | Path, *, corpus_only: bool = False
) -> pd.DataFrame:
    """``judged`` with the ``sentence_id`` of the unit each row names (one row per matching unit;
    a ``sentence_id`` the file holds is replaced). With ``corpus_only``, rows of articles that are
    not in ``sentences`` are left out (they judge another corpus).

    Raises ``JudgementError`` naming ``source`` and the CSV line of every row whose text is no
    unit of its article. A text that occurs twice in one article matches both units.
    """
    missing = [c for c in KEY_COLUMNS if c not in judged.columns]
    if missing:
        raise JudgementError(
            f"{source}: missing column(s) {', '.join(missing)} (judgements are keyed by article_id and text)"
        )
    units = pd.DataFrame({"_key": unit_keys(sentences), "sentence_id": sentences["sentence_id"].to_numpy()})
    keyed = judged.drop(columns=["sentence_id"], errors="ignore").assign(
        _key=unit_keys(judged), csv_line=range(2, len(judged) + 2)
    )
    if corpus_only:
        keyed = keyed[keyed["article_id"].isin(set(sentences["article_id"]))]
    lost = keyed[~keyed["_key"].isin(set(units["_key"]))]
    if not lost.empty:
        rows = "; ".join(
            f"line {r.csv_line} (article {r.article_id}: {str(r.text)[:60]!r})" for r in storage.rows(lost)
        )
        raise JudgementError(
            f"{source}: {len(lost)} judgement(s) name a text that is no unit of the corpus any more: {rows}. "
            "Re-judge the unit as it now reads, or remove the row."
        )
    attached = keyed.merge(units, on="_key", how="left").drop(columns=["_key", "csv_line"])
    return attached[["sentence_id", *[c for c in attached.columns if c != "sentence_id"]]]


def not_validated(sentences: pd.DataFrame, attached: pd.DataFrame) -> pd.DataFrame:
    """The units no judgement covers (e.g. an article added after the codings were made)."""
    return sentences[~sentences["sentence_id"].isin(set(attached["sentence_id"]))]


def load(path: Path, sentences: pd.DataFrame) -> pd.DataFrame:
    """A judgement CSV (all columns as strings) attached to ``sentences``."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return attach(table, sentences, path)
