"""Hand codings of the units (``docs/codebook.md``): reliability, adjudicated gold, rules against gold.

``data/codings/`` holds two independent codings (``coding_a.csv``, ``coding_b.csv``) and the
adjudication of every disagreement (``adjudication.csv``). From them:

- ``reliability``: Krippendorff's alpha per variable (NLTK's ``AnnotationTask``, nominal
  distance), and for the multi-label variables per label (each label a yes/no item per unit);
- ``gold``: the agreed codes, with each disagreement replaced by its adjudicated value;
- ``rule_scores`` (with ``framing.rule_codes``): precision, recall and F1 of a rule's unit-level
  codes against the gold.

Every coding is keyed by article id and unit text (``framing.judgements``), never by position.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from framing import judgements, paths

CODERS = ("a", "b")
NOMINAL = (
    "voice",
    "voice_source",
    "problem",
    "moral",
    "remedy",
    "conflict",
    "responsibility",
    "human_interest",
    "economic",
    "morality",
    "hedge",
    "booster",
    "possibility",
    "moscow_remedy",
    "gloss",
)
YES_NO = ("problem", "moral", "remedy", "conflict", "responsibility", "human_interest", "economic", "morality", "gloss")
ROLES = ("cause", "resolver", "victim")
ACTOR_GROUPS = ("Russia", "United States", "North Korea", "China", "South Korea", "Japan", "United Nations", "other")
MULTI = {
    **{role: ACTOR_GROUPS for role in ROLES},
    "putin_statements": ("P1", "P2", "P3", "P4", "P5"),
    "moscow_positions": ("danger", "against_pressure", "dialogue", "roadmap", "us_first_step", "russian_help"),
}
VARIABLES = (*NOMINAL, *MULTI)
RELIABLE, TENTATIVE = 0.8, 0.667  # Krippendorff (2018, ch. 12)
KEY = ["article_id", "text"]
_ROLE_ENTRY = re.compile(r"^\s*(?P<group>[^\[\]]+?)\s*(?:\[(?P<voice>[a-z_]+)\])?\s*$")


def codings_dir() -> Path:
    return paths.ROOT / "data" / "codings"


def read_coding(path: Path) -> pd.DataFrame:
    """One coding (all columns as strings, multi-label cells normalised to sorted 'a;b')."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in (*KEY, *VARIABLES) if c not in table.columns]
    if missing:
        raise judgements.JudgementError(f"{path}: missing column(s) {', '.join(missing)}")
    for variable in MULTI:
        table[variable] = table[variable].map(lambda cell: ";".join(sorted(split_cell(cell))))
    return table


def split_cell(cell: str) -> list[str]:
    """A multi-label cell ('a; b') as its entries."""
    return [part.strip() for part in str(cell).split(";") if part.strip()]


def coded_values(cell) -> list[tuple[str, str]]:
    """A coded cell ('United States[direct_quote]; North Korea[own_narration]') as (value, voice)
    pairs in the order written; the voice is '' where the cell gives none."""
    if cell is None or pd.isna(cell):
        return []
    return [(found["group"], found["voice"] or "") for part in split_cell(cell) if (found := _ROLE_ENTRY.match(part))]


def role_entries(cell: str) -> set[tuple[str, str]]:
    """A role cell as {(group, voice)} (``coded_values``); one group may be cast in two voices."""
    return set(coded_values(cell))


def labels_of(variable: str, cell: str) -> set[str]:
    """The labels a multi-label cell holds (actor groups for roles, codes otherwise)."""
    return {group for group, _ in role_entries(cell)} if variable in ROLES else set(split_cell(cell))


def items(coding: pd.DataFrame, variable: str) -> dict[str, str]:
    """{item: value} of one variable: a unit for a nominal variable, a (unit, label) pair with
    'yes'/'no' for each label of a multi-label one."""
    keys = judgements.unit_keys(coding)
    if variable in MULTI:
        return {
            f"{key}#{label}": "yes" if label in labels_of(variable, cell) else "no"
            for key, cell in zip(keys, coding[variable])
            for label in MULTI[variable]
        }
    return dict(zip(keys, coding[variable]))


def alpha(values_a: dict[str, str], values_b: dict[str, str]) -> float:
    """Krippendorff's alpha (nominal) of two coders over the items both coded; NaN when the
    values do not vary (alpha is undefined)."""
    from nltk.metrics.agreement import AnnotationTask

    shared = sorted(set(values_a) & set(values_b))
    data = [(coder, item, values[item]) for coder, values in (("a", values_a), ("b", values_b)) for item in shared]
    if len({value for _, _, value in data}) < 2:
        return float("nan")
    return float(AnnotationTask(data=data).alpha())


def verdict(value: float) -> str:
    """'reliable', 'tentative', 'unreliable' or 'undefined (no variation)' for an alpha."""
    if value != value:
        return "undefined (no variation)"
    return "reliable" if value >= RELIABLE else "tentative" if value >= TENTATIVE else "unreliable"


def reliability(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    """Alpha per variable (and per label of each multi-label variable), with the percent agreement,
    the number of items and the verdict. Rows: variable, label ('' for the whole variable)."""
    rows = []
    for variable in VARIABLES:
        ia, ib = items(a, variable), items(b, variable)
        rows.append(_reliability_row(variable, "", ia, ib))
        for label in MULTI.get(variable, ()):
            suffix = f"#{label}"
            rows.append(
                _reliability_row(
                    variable,
                    label,
                    {k: v for k, v in ia.items() if k.endswith(suffix)},
                    {k: v for k, v in ib.items() if k.endswith(suffix)},
                )
            )
    return pd.DataFrame(rows)


def _reliability_row(variable: str, label: str, ia: dict, ib: dict) -> dict:
    shared = set(ia) & set(ib)
    value = alpha(ia, ib)
    positives = (
        sum(ia[k] == "yes" for k in shared) + sum(ib[k] == "yes" for k in shared) if variable in MULTI else np.nan
    )
    return {
        "variable": variable,
        "label": label,
        "items": len(shared),
        "agreement": np.mean([ia[k] == ib[k] for k in shared]) if shared else np.nan,
        "alpha": value,
        "verdict": verdict(value),
        "yes_codes": positives,
    }


def disagreements(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    """Every unit and variable on which the coders differ (a role also when only its voice differs),
    with both values: article_id, sentence_id, text, variable, coder_a, coder_b."""
    merged = a.merge(b, on=KEY, suffixes=("_a", "_b"), validate="one_to_one")
    rows = []
    for row in merged.to_dict("records"):
        for variable in VARIABLES:
            va, vb = row[f"{variable}_a"], row[f"{variable}_b"]
            same = role_entries(va) == role_entries(vb) if variable in ROLES else va == vb
            if not same:
                rows.append(
                    {
                        "article_id": row["article_id"],
                        "sentence_id": row["sentence_id_a"],
                        "text": row["text"],
                        "variable": variable,
                        "coder_a": va,
                        "coder_b": vb,
                    }
                )
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "text", "variable", "coder_a", "coder_b"])


def gold(a: pd.DataFrame, b: pd.DataFrame, adjudication: pd.DataFrame) -> pd.DataFrame:
    """The gold codes: coder a's values where the coders agree, the adjudicated ``gold`` value
    where they differ. Every disagreement must be adjudicated, and every adjudication must
    answer a disagreement (both checked, naming what is missing)."""
    open_cases = disagreements(a, b)
    key = lambda t: judgements.unit_keys(t) + "|" + t["variable"]  # noqa: E731
    decided = dict(zip(key(adjudication), adjudication["gold"]))
    wanted = set(key(open_cases))
    missing, extra = sorted(wanted - set(decided)), sorted(set(decided) - wanted)
    if missing or extra:
        raise judgements.JudgementError(
            f"{codings_dir() / 'adjudication.csv'}: {len(missing)} disagreement(s) not adjudicated "
            f"({'; '.join(m[-80:] for m in missing[:5])}) and {len(extra)} adjudication(s) with no disagreement "
            f"({'; '.join(e[-80:] for e in extra[:5])})"
        )
    result = a[[*KEY, "sentence_id", *VARIABLES]].copy()
    keys = judgements.unit_keys(result)
    for variable in VARIABLES:
        result[variable] = [decided.get(f"{k}|{variable}", v) for k, v in zip(keys, result[variable])]
    return result


def load_all(folder: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(coding a, coding b, adjudication) from ``data/codings``."""
    folder = Path(folder or codings_dir())
    a, b = (read_coding(folder / f"coding_{c}.csv") for c in CODERS)
    adjudication = pd.read_csv(folder / "adjudication.csv", dtype=str, keep_default_na=False)
    for variable in MULTI:
        rows = adjudication["variable"] == variable
        adjudication.loc[rows, "gold"] = adjudication.loc[rows, "gold"].map(lambda c: ";".join(sorted(split_cell(c))))
    return a, b, adjudication
