"""The functions behind the JupyterLab explorer: filter sentences, highlight what scored, search in context.

Everything returns DataFrames or escaped HTML strings, so the explorer notebook only wires
widgets to these functions, and the tests can check them without a browser.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from framing import corpus, io

KWIC_WIDTH = 45
OPTIONAL_TABLES = {
    "matches": "rhetoric_matches.csv",
    "mentions": "actor_mentions.csv",
    "sentiment": "sentiment_sentences.csv",
    "frames": "frame_evidence.csv",
    "frame_items": "frame_profile.csv",
}
MARK_STYLE = {
    "rhetoric": "background:#ffe08a",
    "actor": "background:#cde8ff",
    "search": "background:#b7f0c0",
}


@dataclass
class ExplorerData:
    """Sentences with their outlet labels, and whichever scoring tables exist."""

    sentences: pd.DataFrame
    tables: dict[str, pd.DataFrame]

    def outlets(self) -> list[str]:
        return list(dict.fromkeys(self.sentences.sort_values("sentence_id")["label"]))

    def options(self, table: str, column: str) -> list[str]:
        frame = self.tables.get(table)
        return sorted(frame[column].dropna().unique()) if frame is not None and column in frame else []

    def frame_options(self) -> list[tuple[str, str]]:
        """(readable label, item_id) for every frame item with evidence, in codebook order."""
        evidence = self.tables.get("frames")
        items = self.tables.get("frame_items")
        if evidence is None or items is None:
            return []
        labels = items.drop_duplicates("item_id").set_index("item_id")
        with_evidence = set(evidence["item_id"])
        return [(f"{labels.at[i, 'frame']}: {labels.at[i, 'item_label']}", i) for i in labels.index if i in with_evidence]


def load(processed_dir: Path) -> ExplorerData:
    """Read the corpus tables and every optional scoring table present in ``processed_dir``."""
    processed_dir = Path(processed_dir)
    loaded = corpus.read_corpus(processed_dir)
    sentences = corpus.with_labels(loaded.sentences, loaded.articles)
    tables = {key: io.read_table(processed_dir / name) for key, name in OPTIONAL_TABLES.items() if (processed_dir / name).is_file()}
    return ExplorerData(sentences, tables)


def _frame_sentence_ids(frames: pd.DataFrame, item_id: str) -> set[str]:
    """The sentences of ``frame_evidence.csv`` that are evidence for frame item ``item_id``."""
    return set(frames.loc[frames["item_id"] == item_id, "sentence_id"])


def select(data: ExplorerData, *, outlet: str | None = None, category: str | None = None,
           actor_group: str | None = None, frame: str | None = None) -> pd.DataFrame:
    """Sentences matching every filter given (None = any), with their sentiment where scored."""
    chosen = data.sentences
    if outlet:
        chosen = chosen[chosen["label"] == outlet]
    if category and "matches" in data.tables:
        matches = data.tables["matches"]
        chosen = chosen[chosen["sentence_id"].isin(matches.loc[matches["category"] == category, "sentence_id"])]
    if actor_group and "mentions" in data.tables:
        mentions = data.tables["mentions"]
        chosen = chosen[chosen["sentence_id"].isin(mentions.loc[mentions["actor_group"] == actor_group, "sentence_id"])]
    if frame and "frames" in data.tables:
        chosen = chosen[chosen["sentence_id"].isin(_frame_sentence_ids(data.tables["frames"], frame))]
    columns = ["sentence_id", "label", "text", "quote_spans"]
    if "sentiment" in data.tables:
        scores = [c for c in ("vader_compound", "vader_compound_masked", "afinn_score") if c in data.tables["sentiment"]]
        chosen = chosen.merge(data.tables["sentiment"][["sentence_id", *scores]], on="sentence_id", how="left")
        columns += scores
    return chosen[columns].reset_index(drop=True)


def highlight(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    """``text`` as escaped HTML with each (start, end, kind, title) span wrapped in <mark>.

    Overlapping spans: the earlier one wins and the overlap is not marked twice.
    """
    out, cursor = [], 0
    for start, end, kind, title in sorted(spans):
        if start < cursor or end <= start:
            continue
        out.append(html.escape(text[cursor:start]))
        style = MARK_STYLE.get(kind, MARK_STYLE["rhetoric"])
        out.append(f'<mark style="{style}" title="{html.escape(title)}">{html.escape(text[start:end])}</mark>')
        cursor = end
    out.append(html.escape(text[cursor:]))
    return "".join(out)


def spans_for(data: ExplorerData, sentence_id: str, *, category: str | None = None, actor_group: str | None = None) -> list[tuple[int, int, str, str]]:
    """Rhetoric matches and actor mentions inside one sentence, as highlight spans."""
    spans = []
    matches = data.tables.get("matches")
    if matches is not None:
        rows = matches[(matches["sentence_id"] == sentence_id) & ((matches["category"] == category) if category else True)]
        spans += [(int(r.start), int(r.end), "rhetoric", f"{r.category}: {r.term} ({r.voice})") for r in rows.itertuples()]
    mentions = data.tables.get("mentions")
    if mentions is not None and actor_group:
        rows = mentions[(mentions["sentence_id"] == sentence_id) & (mentions["actor_group"] == actor_group)]
        spans += [(int(r.start), int(r.end), "actor", f"{r.actor} ({r.actor_group})") for r in rows.itertuples()]
    return spans


def sentences_html(data: ExplorerData, chosen: pd.DataFrame, *, category: str | None = None,
                   actor_group: str | None = None, limit: int = 50) -> str:
    """An HTML list of the chosen sentences with highlighted terms and their scores."""
    items = []
    for row in chosen.head(limit).itertuples():
        score = f" · VADER {row.vader_compound:+.2f}" if hasattr(row, "vader_compound") and pd.notna(row.vader_compound) else ""
        body = highlight(row.text, spans_for(data, row.sentence_id, category=category, actor_group=actor_group))
        items.append(f"<li><code>{html.escape(row.sentence_id)}</code> <b>{html.escape(row.label)}</b>{score}<br>{body}</li>")
    more = f"<p>… and {len(chosen) - limit} more</p>" if len(chosen) > limit else ""
    return f"<p>{len(chosen)} sentence(s)</p><ol>{''.join(items)}</ol>{more}"


def kwic(sentences: pd.DataFrame, query: str, *, width: int = KWIC_WIDTH, regex: bool = False) -> pd.DataFrame:
    """Keyword in context: every case-insensitive hit of ``query`` (a word or phrase, or a regex)."""
    columns = ["sentence_id", "label", "left", "keyword", "right"]
    if not query.strip():
        return pd.DataFrame(columns=columns)
    pattern = re.compile(query if regex else rf"(?<!\w){re.escape(query.strip())}(?!\w)", re.I)
    rows = []
    for row in sentences.sort_values("sentence_id").itertuples():
        for hit in pattern.finditer(row.text):
            left = row.text[max(0, hit.start() - width) : hit.start()]
            right = row.text[hit.end() : hit.end() + width]
            rows.append({"sentence_id": row.sentence_id, "label": row.label, "left": left.rjust(width),
                         "keyword": hit.group(0), "right": right})
    return pd.DataFrame(rows, columns=columns)
