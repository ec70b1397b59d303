"""The pipeline's rules, expressed in the codebook's variables, unit by unit, to be scored
against the hand-coded gold (``framing.codings``).

Each variable maps to the rule that measures it:

- ``voice``, ``voice_source``: ``framing.voice`` (a unit's voice and its speaker's group);
- ``cause``, ``resolver``: responsibility roles (``framing.frames.role_table``) by actor group;
- ``problem``, ``moral``, ``remedy``: the frame items of Entman's function (``frames.csv``);
- ``conflict``, ``responsibility``, ``human_interest``, ``economic``, ``morality``: the items of
  Semetko & Valkenburg's frame;
- ``hedge``, ``booster``, ``possibility``: affirmed rhetoric matches of the category, 'source' in a
  quote or reported paraphrase, 'outlet' otherwise;
- ``putin_statements``: ``framing.reference.unit_statements``;
- ``gloss``: ``gloss_terms.csv`` outside quotation marks.

``victim``, ``moscow_positions`` and ``moscow_remedy`` have no rule: they are hand-coded only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from framing import codings, lexicon, resources, spans, storage

ENTMAN = {"problem": "problem definition", "moral": "moral evaluation", "remedy": "treatment recommendation"}
SEMETKO = {
    "conflict": "conflict",
    "responsibility": "responsibility",
    "human_interest": "human interest",
    "economic": "economic consequences",
    "morality": "morality",
}
STANCE = {"hedge": "hedging", "booster": "boosters", "possibility": "possibility"}
NO_RULE = ("victim", "moscow_positions", "moscow_remedy")
SOURCE_VOICES = ("direct_quote", "attributed_paraphrase")
ABSENT = ("no", "none")  # a nominal variable's 'nothing found' value: scored as the rest, not as a label


def _group(name: str) -> str:
    return name if name in codings.ACTOR_GROUPS else "other"


def _stance(voices: set[str]) -> str:
    source = bool(voices & set(SOURCE_VOICES))
    outlet = bool(voices - set(SOURCE_VOICES))
    return "both" if source and outlet else "source" if source else "outlet" if outlet else "none"


def unit_codes(
    sentences: pd.DataFrame,
    roles: pd.DataFrame,
    evidence: pd.DataFrame,
    book: pd.DataFrame,
    matches: pd.DataFrame,
    statements: pd.DataFrame,
) -> pd.DataFrame:
    """One row per unit with every ruled variable in the codebook's format (``codings.VARIABLES``
    minus ``NO_RULE``, which are left empty)."""
    frame_of = book.set_index("item_id")["frame"]
    items = evidence.assign(frame=evidence["item_id"].map(frame_of)).groupby("sentence_id")["frame"].agg(set)
    role_sets = {
        role: roles[roles["role"] == role]
        .groupby("sentence_id")
        .apply(lambda t: ";".join(sorted({f"{_group(g)}[{v}]" for g, v in zip(t["actor_group"], t["voice"])})))
        for role in ("cause", "resolver")
    }
    affirmed = matches[~matches["negated"].astype(bool)]
    stance = {
        variable: affirmed[affirmed["category"] == category].groupby("sentence_id")["voice"].agg(set)
        for variable, category in STANCE.items()
    }
    puts = statements.set_index("sentence_id")["putin_statements"]
    glosses = gloss_units(sentences)
    rows = []
    for row in storage.rows(sentences):
        frames = items.get(row.sentence_id, set())
        source = "outlet" if row.voice == "own_narration" else _group(str(row.voice_speaker_group))
        rows.append(
            {
                "article_id": row.article_id,
                "sentence_id": row.sentence_id,
                "text": row.text,
                "voice": row.voice,
                "voice_source": source,
                **{role: codes.get(row.sentence_id, "") for role, codes in role_sets.items()},
                **{v: "yes" if f in frames else "no" for v, f in {**ENTMAN, **SEMETKO}.items()},
                **{v: _stance(found.get(row.sentence_id, set())) for v, found in stance.items()},
                "putin_statements": puts.get(row.sentence_id, ""),
                "gloss": "yes" if row.sentence_id in glosses else "no",
                **{v: "" for v in NO_RULE},
            }
        )
    return pd.DataFrame(rows)


def gloss_units(sentences: pd.DataFrame) -> set[str]:
    """Units with a gloss term (``gloss_terms.csv``) outside quotation marks."""
    book = lexicon.compile_codebook(resources.load_lexicon("gloss_terms.csv").assign(negation="no"))
    return {
        sid
        for sid, text, quoted in zip(sentences["sentence_id"], sentences["text"], sentences["quote_spans"])
        if lexicon.find_matches(spans.blank(text, spans.parse_spans(quoted)), book)
    }


def scores(rules: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 of the rules against the gold, per variable and label (a label is
    a category of a nominal variable other than its 'no'/'none' value, or an actor group or code of
    a multi-label one, one against the rest), with support; and per variable the macro average over
    the labels the gold uses, and the accuracy over all units (nominal variables)."""
    merged = gold.merge(rules, on=["article_id", "text"], suffixes=("_gold", "_rule"), validate="one_to_one")
    rows: list[dict[str, Any]] = []
    for variable in codings.VARIABLES:
        if variable in NO_RULE:
            rows.append({"variable": variable, "label": "", "rule": "none (hand-coded only)"})
            continue
        g, r = merged[f"{variable}_gold"], merged[f"{variable}_rule"]
        labels: Sequence[str]
        if variable in codings.MULTI:
            labels = codings.MULTI[variable]
            gold_sets = [codings.labels_of(variable, c) for c in g]
            rule_sets = [codings.labels_of(variable, c) for c in r]
            truth = {lab: [lab in s for s in gold_sets] for lab in labels}
            guess = {lab: [lab in s for s in rule_sets] for lab in labels}
        else:
            labels = sorted((set(g) | set(r)) - set(ABSENT))
            truth = {lab: list(g == lab) for lab in labels}
            guess = {lab: list(r == lab) for lab in labels}
        label_rows = [_prf(variable, lab, truth[lab], guess[lab]) for lab in labels]
        used = [x for x in label_rows if x["support"] > 0]
        rows.append(
            {
                "variable": variable,
                "label": "",
                "rule": "rule",
                "precision": _mean(x["precision"] for x in used),
                "recall": _mean(x["recall"] for x in used),
                "f1": _mean(x["f1"] for x in used),
                "support": sum(x["support"] for x in used),
                "accuracy": float((g == r).mean()) if variable not in codings.MULTI else float("nan"),
            }
        )
        rows += label_rows
    return pd.DataFrame(rows)


def _mean(values) -> float:
    values = [v for v in values if v == v]
    return sum(values) / len(values) if values else float("nan")


def _prf(variable: str, label: str, truth: list[bool], guess: list[bool]) -> dict:
    tp = sum(t and p for t, p in zip(truth, guess))
    fp = sum(p and not t for t, p in zip(truth, guess))
    fn = sum(t and not p for t, p in zip(truth, guess))
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")
    return {
        "variable": variable,
        "label": label,
        "rule": "rule",
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "support": tp + fn,
        "predicted": tp + fp,
        "tp": tp,
    }
