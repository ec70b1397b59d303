"""The JupyterLab corpus explorer: filter the units, read them with what scored highlighted, search, export.

Two layers:

- plain functions (``load``, ``select``, ``unit_spans``, ``highlight``, ``page_html``, ``kwic``,
  ``export_table``) that return DataFrames or escaped HTML, testable without a browser;
- ``Explorer``, the widgets wired to them: one live view that every control redraws in place.
  Displayed, it also carries the first view as plain HTML, so a static copy of the notebook
  (papermill, an untrusted notebook) shows it too, without drawing it twice in a live session.

Everything shown comes from the tables in ``data/processed`` and the codebooks in ``data/lexicons``:
no outlet, id or count is written here. All article text, codes and the search query are escaped.
"""

from __future__ import annotations

import base64
import html
import math
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import cast

import ipywidgets as widgets
import pandas as pd

from framing import codings, corpus, packages, paths, resources, storage

KWIC_WIDTH = 45  # characters of context on each side of a search hit
PAGE_SIZE = 25
DOWNLOAD_LINK_MAX_BYTES = 2_000_000  # larger exports are saved to disk only, not offered as an inline download
ANY = ""  # the value of "(any)" in every filter
ANY_LABEL = "(any)"
OPTIONAL_TABLES = {
    "matches": "rhetoric_matches.csv",
    "mentions": "actor_mentions.csv",
    "sentiment": "sentiment_sentences.csv",
    "frames": "frame_evidence.csv",
    "codes": "unit_codes.csv",
}
TONE, TONE_RAW = "vader_compound_masked", "vader_compound"  # the explorer shows the name-masked score
TONE_LABEL = "tone (VADER, names masked)"

# Highlight kinds, strongest first: a span covered by several kinds takes the first one's colour
# and the second one's underline.
KINDS = ("search", "frame", "rhetoric", "actor")
MARK_COLOURS = {"search": "#8fe3a0", "frame": "#f6b3cf", "rhetoric": "#ffe08a", "actor": "#bcdcff"}
KIND_NAMES = {
    "search": "search hit",
    "frame": "frame evidence (rules)",
    "rhetoric": "rhetoric term (rules)",
    "actor": "actor mention",
}

VOICE_LABELS = {
    "direct_quote": "direct quote",
    "attributed_paraphrase": "attributed paraphrase",
    "imputation": "imputation (the outlet ascribes a view)",
    "own_narration": "own narration",
}
OUTLET_SPEAKER = "outlet"  # the speaker of the outlet's own voice in the voice tables

# Hand-coded variables (docs/codebook.md): readable names, and the variable that codes each frame of frames.csv.
HAND_LABELS = {
    "voice": "voice",
    "voice_source": "voice of",
    "problem": "problem definition",
    "moral": "moral evaluation",
    "remedy": "remedy (treatment)",
    "conflict": "conflict frame",
    "responsibility": "responsibility frame",
    "human_interest": "human-interest frame",
    "economic": "economic frame",
    "morality": "morality frame",
    "hedge": "hedge",
    "booster": "booster",
    "possibility": "possibility",
    "moscow_remedy": "Moscow's remedy",
    "gloss": "gloss",
    "cause": "cause",
    "resolver": "resolver",
    "victim": "victim",
    "putin_statements": "Putin's statement",
    "moscow_positions": "Moscow's position",
}
FRAME_HAND_VARIABLE = {
    "problem definition": "problem",
    "causal interpretation": "cause",
    "moral evaluation": "moral",
    "treatment recommendation": "remedy",
    "responsibility": "responsibility",
    "human interest": "human_interest",
    "conflict": "conflict",
    "morality": "morality",
    "economic consequences": "economic",
}
EMPTY_CODES = {"", "no", "none", "nan"}

# Search folds typographic quotes, apostrophes, dashes and odd spaces to ASCII, one character for
# one (offsets stay valid), so "Putin's" finds "Putin’s".
FOLD = {
    **resources.SAME_LENGTH_NORMALISATION,
    **str.maketrans(
        {
            "\u201a": "'",
            "\u201b": "'",
            "\u2032": "'",
            "`": "'",
            "\u00b4": "'",
            "\u02bc": "'",
            "\u201e": '"',
            "\u201f": '"',
            "\u2033": '"',
            "\u00ab": '"',
            "\u00bb": '"',
            "\u2010": "-",
            "\u2011": "-",
            "\u2012": "-",
            "\u2212": "-",
            "\u2015": "-",
        }
    ),
}
SEARCH_HELP = (
    "Literal text, not a pattern; case-insensitive; whole words unless 'word beginnings' is ticked; "
    "curly and straight quotes and apostrophes match each other."
)


def fold(text: str) -> str:
    """``text`` with typographic marks made ASCII, one character for one."""
    return text.translate(FOLD)


def esc(value) -> str:
    """Any value as escaped HTML text (quotes included, for attributes)."""
    return html.escape(
        "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value), quote=True
    )


def readable(code: str) -> str:
    return str(code).replace("_", " ")


# ----------------------------------------------------------------------------- data


@dataclass
class ExplorerData:
    """Units with their outlet labels (and tone where scored), the scoring tables present, and
    the codebooks' readable names."""

    sentences: pd.DataFrame
    tables: dict[str, pd.DataFrame]
    category_labels: dict[str, str]
    frame_items: pd.DataFrame  # item_id, frame, label (codebook order)
    statement_labels: dict[str, str]

    def outlets(self) -> list[str]:
        return list(dict.fromkeys(self.sentences["label"]))

    def rows(self, table: str, sentence_id: str) -> list | None:
        """The rows (named tuples, in table order) of an optional table for one unit, indexed once
        per table; None if the table is absent."""
        if table not in self.tables:
            return None
        cache = self.__dict__.setdefault("_by_unit", {})
        if table not in cache:
            grouped: dict[str, list] = {}
            for record in storage.rows(self.tables[table], index=False):
                grouped.setdefault(record.sentence_id, []).append(record)
            cache[table] = grouped
        return cache[table].get(sentence_id, [])

    def category_label(self, category: str) -> str:
        return self.category_labels.get(category, readable(category))

    def frame_label(self, item_id: str) -> str:
        """'problem definition: danger of war or catastrophe': the frame and the item's label in frames.csv."""
        if "_frame_labels" not in self.__dict__:
            self._frame_labels = {r.item_id: f"{r.frame}: {r.label}" for r in storage.rows(self.frame_items)}
        return self._frame_labels.get(item_id, readable(item_id))

    def options(self) -> dict[str, list[tuple[str, str]]]:
        """(shown label, value) for every filter that the loaded tables support, in a stable order."""
        if getattr(self, "_options", None) is None:
            self._options = self._find_options()
        return self._options

    def _find_options(self) -> dict[str, list[tuple[str, str]]]:
        s = self.sentences
        found = {"outlet": [(o, o) for o in self.outlets()]}
        if "unit_type" in s:
            parts = sorted(s["unit_type"].unique(), key=lambda p: (p != "body", p))
            found["part"] = [(p, p) for p in parts if p]
        if "voice" in s:
            voices = sorted(
                s["voice"].unique(), key=lambda v: (list(VOICE_LABELS).index(v) if v in VOICE_LABELS else 99, v)
            )
            found["voice"] = [(VOICE_LABELS.get(v, readable(v)), v) for v in voices if v]
        if "matches" in self.tables:
            present = set(self.tables["matches"]["category"])
            ordered = [c for c in self.category_labels if c in present] + sorted(present - set(self.category_labels))
            found["category"] = [(self.category_label(c), c) for c in ordered]
        if "mentions" in self.tables:
            found["actor_group"] = [(g, g) for g in sorted(self.tables["mentions"]["actor_group"].unique()) if g]
        if "frames" in self.tables:
            present = set(self.tables["frames"]["item_id"])
            ordered = [i for i in self.frame_items["item_id"] if i in present] + sorted(
                present - set(self.frame_items["item_id"])
            )
            found["frame"] = [(self.frame_label(i), i) for i in ordered]
        if "codes" in self.tables:
            found["hand_code"] = hand_code_options(self.tables["codes"], self.statement_labels)
        return {name: opts for name, opts in found.items() if opts}

    def frame_options(self) -> list[tuple[str, str]]:
        return self.options().get("frame", [])


def _lexicon(name: str, columns: list[str]) -> pd.DataFrame:
    try:
        table = resources.load_lexicon(name)
    except FileNotFoundError:
        return pd.DataFrame(columns=columns)
    return table[columns] if set(columns) <= set(table.columns) else pd.DataFrame(columns=columns)


def load(processed_dir: Path) -> ExplorerData:
    """Read the corpus tables and every optional table present in ``processed_dir``, and the
    codebooks' names for rhetoric categories, frame items and Putin's statements."""
    processed_dir = Path(processed_dir)
    loaded = corpus.read_corpus(processed_dir)
    sentences = corpus.with_labels(loaded.sentences, loaded.articles)
    order = [c for c in ("article_id", "position") if c in sentences] or ["sentence_id"]
    sentences = sentences.sort_values(order, kind="stable").reset_index(drop=True)
    tables = {
        key: storage.read_table(processed_dir / name)
        for key, name in OPTIONAL_TABLES.items()
        if (processed_dir / name).is_file()
    }
    if "sentiment" in tables:
        scores = [c for c in (TONE, TONE_RAW) if c in tables["sentiment"]]
        sentences = sentences.merge(tables["sentiment"][["sentence_id", *scores]], on="sentence_id", how="left")
    categories = _lexicon("rhetoric_categories.csv", ["order", "category", "label"])
    categories = categories.assign(order=pd.to_numeric(categories["order"])).sort_values("order")
    items = _lexicon("frames.csv", ["item_id", "frame", "label"])
    statements_file = paths.ROOT / "data" / "reference" / "statements.csv"
    statements = (
        pd.read_csv(statements_file, dtype=str, keep_default_na=False) if statements_file.is_file() else pd.DataFrame()
    )
    statement_labels = (
        dict(zip(statements["statement_id"], statements["label"]))
        if {"statement_id", "label"} <= set(statements)
        else {}
    )
    return ExplorerData(
        sentences,
        tables,
        dict(zip(categories["category"], categories["label"])),
        items.reset_index(drop=True),
        statement_labels,
    )


# ----------------------------------------------------------------------------- hand codes


def _code_values(variable: str, cell) -> list[tuple[str, str]]:
    """(value, voice) pairs of one coded cell: 'North Korea[own_narration];Russia' -> two pairs."""
    return [(value, voice) for value, voice in codings.coded_values(cell) if value.lower() not in EMPTY_CODES]


def _value_label(variable: str, value: str, statement_labels: dict[str, str]) -> str:
    if variable == "putin_statements" and value in statement_labels:
        return f"{value} ({statement_labels[value]})"
    if variable == "voice":
        return VOICE_LABELS.get(value, readable(value))
    return readable(value)


def hand_code_variables(codes: pd.DataFrame) -> list[str]:
    return [v for v in HAND_LABELS if v in codes.columns and v not in ("voice", "voice_source")]


def hand_code_options(codes: pd.DataFrame, statement_labels: dict[str, str]) -> list[tuple[str, str]]:
    """Every value some unit is coded with, as ('problem definition: yes', 'problem=yes')."""
    options = []
    for variable in hand_code_variables(codes):
        values = sorted({v for cell in codes[variable] for v, _ in _code_values(variable, cell)})
        options += [
            (f"{HAND_LABELS[variable]}: {_value_label(variable, v, statement_labels)}", f"{variable}={v}")
            for v in values
        ]
    return options


def hand_codes_html(data: ExplorerData, row: pd.Series, frame_item: str = "") -> str:
    """The unit's codes from ``unit_codes.csv``, labelled by their source (hand-coded = validated)."""
    codes = data.tables.get("codes")
    if codes is None:
        return ""
    found = data.rows("codes", row["sentence_id"])
    if not found:
        return '<div class="fx-hand" style="color:#777">no hand code for this unit</div>'
    coded = found[0]._asdict()
    source = str(coded.get("code_source", ""))
    title = (
        "hand codes (validated)"
        if source == packages.HAND
        else f"rule codes standing in for hand codes ({esc(source) or 'source not given'})"
    )
    parts, shown_above = [], None
    if frame_item:
        frame = data.frame_items.loc[data.frame_items["item_id"] == frame_item, "frame"]
        variable = FRAME_HAND_VARIABLE.get(cast(str, frame.iat[0])) if len(frame) else None
        if variable and variable in coded:
            values = _code_values(variable, coded[variable])
            shown = ", ".join(
                _value_label(variable, v, data.statement_labels) + (f" ({readable(vo)})" if vo else "")
                for v, vo in values
            ) or ("no" if variable in codings.YES_NO else "none")
            parts.append(f"<b>{esc(HAND_LABELS[variable])} (this frame): {esc(shown)}</b>")
            shown_above = variable
    if "voice" in coded and str(coded["voice"]):
        who = f" ({esc(coded['voice_source'])})" if str(coded.get("voice_source", "")) else ""
        parts.append(f"voice: {esc(_value_label('voice', coded['voice'], {}))}{who}")
    for variable in hand_code_variables(codes):
        values = _code_values(variable, coded[variable])
        if not values or variable == shown_above:
            continue
        if [v for v, _ in values] == ["yes"]:
            parts.append(esc(HAND_LABELS[variable]))
        else:
            parts.append(
                f"{esc(HAND_LABELS[variable])}: "
                + ", ".join(
                    esc(_value_label(variable, v, data.statement_labels)) + (f" ({esc(readable(vo))})" if vo else "")
                    for v, vo in values
                )
            )
    return f'<div class="fx-hand"><span style="color:#555">{title}:</span> {" · ".join(parts) or "nothing coded"}</div>'


def _hand_code_ids(codes: pd.DataFrame, choice: str) -> set[str]:
    variable, _, value = choice.partition("=")
    if variable not in codes:
        return set()
    keep = codes[variable].map(lambda cell: value in {v for v, _ in _code_values(variable, cell)})
    return set(codes.loc[keep, "sentence_id"])


# ----------------------------------------------------------------------------- selection


@dataclass(frozen=True)
class Filters:
    """The explorer's choices; "" = any. ``query`` is literal text (``search_pattern``)."""

    outlet: str = ANY
    part: str = ANY
    voice: str = ANY
    category: str = ANY
    actor_group: str = ANY
    frame: str = ANY
    hand_code: str = ANY
    query: str = ""
    prefix: bool = False

    def describe(self, data: ExplorerData) -> str:
        """The choices in words (plain text), e.g. 'outlet: X · rhetoric: Hedging · search: "futile" (whole words)'."""
        names = {label: dict((v, k) for k, v in opts) for label, opts in data.options().items()}
        shown = []
        for name, title in FILTER_TITLES.items():
            value = getattr(self, name)
            if value:
                shown.append(f"{title}: {names.get(name, {}).get(value, value)}")
        if self.query.strip():
            shown.append(
                f"search: \u201c{self.query.strip()}\u201d ({'word beginnings' if self.prefix else 'whole words'})"
            )
        return " · ".join(shown) or "all units"

    def slug(self) -> str:
        """A file-name-safe summary of the active choices."""
        parts = [
            f"{f.name}-{getattr(self, f.name)}"
            for f in fields(self)
            if f.name not in ("prefix",) and str(getattr(self, f.name)).strip()
        ]
        if self.prefix and self.query.strip():
            parts.append("prefix")
        text = "_".join(parts) or "all"
        return re.sub(r"[^A-Za-z0-9=._-]+", "-", text).strip("-")[:120]


FILTER_TITLES = {
    "outlet": "outlet",
    "part": "part",
    "voice": "voice",
    "category": "rhetoric",
    "actor_group": "actor",
    "frame": "frame item",
    "hand_code": "hand code",
}


def search_pattern(query: str, *, prefix: bool = False) -> re.Pattern | None:
    """The literal ``query`` as a case-insensitive pattern over folded text: its words in order,
    any run of spaces between them; whole words (or word beginnings with ``prefix``). None if blank."""
    words = fold(query).split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    start = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    end = r"(?!\w)" if re.search(r"\w$", words[-1]) and not prefix else ""
    return re.compile(start + body + end, re.I)


def search_hits(text: str, pattern: re.Pattern | None) -> list[tuple[int, int]]:
    """(start, end) of every hit in ``text`` (offsets into the original text)."""
    return [(m.start(), m.end()) for m in pattern.finditer(fold(text))] if pattern else []


def select(data: ExplorerData, filters: Filters | None = None, **choices) -> pd.DataFrame:
    """The units matching every filter given, in reading order, with ``hits`` (search hits per unit)."""
    choices = {k: (v if k == "prefix" else v or ANY) for k, v in choices.items()}
    filters = replace(filters or Filters(), **choices)
    chosen = data.sentences
    if filters.outlet:
        chosen = chosen[chosen["label"] == filters.outlet]
    if filters.part and "unit_type" in chosen:
        chosen = chosen[chosen["unit_type"] == filters.part]
    if filters.voice and "voice" in chosen:
        chosen = chosen[chosen["voice"] == filters.voice]
    keep = None
    if filters.category and "matches" in data.tables:
        m = data.tables["matches"]
        keep = set(m.loc[m["category"] == filters.category, "sentence_id"])
    if filters.actor_group and "mentions" in data.tables:
        m = data.tables["mentions"]
        ids = set(m.loc[m["actor_group"] == filters.actor_group, "sentence_id"])
        keep = ids if keep is None else keep & ids
    if filters.frame and "frames" in data.tables:
        f = data.tables["frames"]
        ids = set(f.loc[f["item_id"] == filters.frame, "sentence_id"])
        keep = ids if keep is None else keep & ids
    if filters.hand_code and "codes" in data.tables:
        ids = _hand_code_ids(data.tables["codes"], filters.hand_code)
        keep = ids if keep is None else keep & ids
    if keep is not None:
        chosen = chosen[chosen["sentence_id"].isin(keep)]
    pattern = search_pattern(filters.query, prefix=filters.prefix)
    hits = chosen["text"].map(lambda t: len(search_hits(t, pattern))) if pattern else pd.Series(0, index=chosen.index)
    chosen = chosen.assign(hits=hits.astype(int))
    if pattern:
        chosen = chosen[chosen["hits"] > 0]
    return chosen.reset_index(drop=True)


# ----------------------------------------------------------------------------- spans and highlighting


def _speaker(speaker: str, label: str = "") -> str:
    speaker = str(speaker or "")
    if speaker == OUTLET_SPEAKER:
        return f"the outlet ({label})" if label else "the outlet"
    return speaker


def _voice_words(voice: str, speaker: str = "", label: str = "") -> str:
    """'direct quote, speaker Vladimir Putin' (speaker left out for the outlet's own narration)."""
    words = VOICE_LABELS.get(voice, readable(voice)) if voice else "voice not given"
    who = _speaker(speaker, label)
    return f"{words}, speaker {who}" if who and voice != "own_narration" else words


def _locate(text: str, needle: str, skip: int = 0) -> tuple[int, int] | None:
    """The ``skip``-th occurrence of ``needle`` in ``text`` (folded, case-insensitive)."""
    needle = fold(needle).strip()
    if not needle:
        return None
    found = list(re.finditer(re.escape(needle), fold(text), re.I))
    if not found:
        return None
    hit = found[min(skip, len(found) - 1)]
    return hit.start(), hit.end()


@dataclass(frozen=True)
class Note:
    """One piece of rule output for a unit: highlighted span (if located) and its visible description."""

    kind: str
    start: int | None
    end: int | None
    title: str
    words: str


def unit_notes(data: ExplorerData, row: pd.Series, filters: Filters) -> list[Note]:
    """Search hits, frame evidence (frame filter), rhetoric terms (the chosen category; all
    categories when neither a category nor a frame item is chosen) and mentions of the chosen
    actor group, for one unit."""
    text, sid, label = row["text"], row["sentence_id"], row.get("label", "")
    notes = []
    for start, end in search_hits(text, search_pattern(filters.query, prefix=filters.prefix)):
        notes.append(Note("search", start, end, f"search hit: {text[start:end]}", text[start:end]))
    frames = data.rows("frames", sid)
    if filters.frame and frames is not None:
        seen: dict[str, int] = {}
        item = data.frame_label(filters.frame)
        for r in (r for r in frames if r.item_id == filters.frame):
            evidence = str(r.evidence)
            actor, arrow, trigger = evidence.partition(" <- ")
            needle = trigger if arrow else evidence
            first, last = getattr(r, "start", None), getattr(r, "end", None)
            where: tuple[int, int] | None
            if first is not None and last is not None and not (pd.isna(first) or pd.isna(last)):
                where = (int(first), int(last))  # offsets, where frame_evidence.csv carries them
            else:  # else the evidence words, found in the unit (the n-th row of the same words: n-th occurrence)
                where = _locate(text, needle, seen.get(needle.lower(), 0))
                seen[needle.lower()] = seen.get(needle.lower(), 0) + 1
            said = _voice_words(getattr(r, "voice", ""), getattr(r, "speaker", ""), label)
            words = f"\u2018{needle}\u2019" + (f" casts {actor}" if arrow else "") + f" ({said})"
            if where is None:
                words += " [not located in the text]"
            first, last = where or (None, None)
            notes.append(Note("frame", first, last, f"{item}: {words}", words))
    matches = data.rows("matches", sid)
    if matches is not None and (filters.category or not filters.frame):
        if filters.category:
            rows = [r for r in matches if r.category == filters.category]
        else:  # every rhetoric category; reporting verbs only when chosen
            rows = [
                r
                for r in matches
                if getattr(r, "layer", "") != "attribution" and not r.category.startswith("attribution_")
            ]
        for r in rows:
            said = _voice_words(getattr(r, "voice", ""), getattr(r, "speaker", ""), label)
            negated = bool(getattr(r, "negated", False))
            cue = str(getattr(r, "negation_cue", "") or "")
            words = (
                f"\u2018{r.matched_text}\u2019 ({said}{'; negated' + (f': {cue}' if cue else '') if negated else ''})"
            )
            notes.append(
                Note("rhetoric", int(r.start), int(r.end), f"{data.category_label(r.category)}: {words}", words)
            )
    mentions = data.rows("mentions", sid)
    if mentions is not None and filters.actor_group:
        for r in (r for r in mentions if r.actor_group == filters.actor_group):
            words = f"\u2018{r.alias}\u2019 = {r.actor}"
            notes.append(Note("actor", int(r.start), int(r.end), f"{r.actor_group}: {words}", words))
    return notes


def highlight(text: str, spans: list[tuple[int | None, int | None, str, str]]) -> str:
    """``text`` as escaped HTML with each (start, end, kind, title) span in a <mark>.

    Overlaps are split, never dropped: each piece is marked once, coloured by its strongest kind
    (``KINDS``), underlined in the next one's colour, and titled with every span that covers it.
    """
    located = [(s, e, k, t) for s, e, k, t in spans if s is not None and e is not None and 0 <= s < e <= len(text)]
    if not located:
        return esc(text)
    cuts = sorted({0, len(text), *(s for s, *_ in located), *(e for _, e, *_ in located)})
    rank = {k: i for i, k in enumerate(KINDS)}
    out = []
    for a, b in zip(cuts, cuts[1:]):
        cover = sorted((sp for sp in located if sp[0] <= a and b <= sp[1]), key=lambda sp: (rank.get(sp[2], 99), sp[0]))
        piece = esc(text[a:b])
        if not cover:
            out.append(piece)
            continue
        kinds = list(dict.fromkeys(sp[2] for sp in cover))
        style = f"background:{MARK_COLOURS.get(kinds[0], MARK_COLOURS['rhetoric'])};padding:0"
        if len(kinds) > 1:
            style += f";box-shadow:inset 0 -3px 0 {MARK_COLOURS.get(kinds[1], '#999')}"
        title = " | ".join(dict.fromkeys(sp[3] for sp in cover))
        classes = " ".join(f"fx-{k}" for k in kinds)
        out.append(f'<mark class="{classes}" style="{style}" title="{esc(title)}">{piece}</mark>')
    return "".join(out)


# ----------------------------------------------------------------------------- HTML

STYLE = (
    "<style>.fx-view{font-size:13px;line-height:1.45;max-width:100%;overflow-wrap:anywhere}"
    ".fx-view ol{padding-left:2.2em;margin:0.4em 0}.fx-view li{margin:0 0 0.7em 0}"
    ".fx-meta{color:#444;font-size:12px}.fx-notes,.fx-hand{font-size:12px;margin-top:2px}"
    ".fx-legend mark{padding:0 3px}.fx-kwic{overflow-x:auto}.fx-kwic td{white-space:nowrap;padding:1px 6px}"
    ".fx-kwic td.fx-left{text-align:right}</style>"
)


def _tone_html(row: pd.Series) -> str:
    if TONE not in row or pd.isna(row[TONE]):
        return ""
    raw = row.get(TONE_RAW)
    title = "VADER compound score (-1 to 1) of the unit with names masked (vader_compound_masked)"
    if raw is not None and not pd.isna(raw):
        title += f"; with names left in: {raw:+.2f}"
    return f' · <span class="fx-tone" title="{esc(title)}">{TONE_LABEL} {row[TONE]:+.2f}</span>'


def unit_html(data: ExplorerData, row: pd.Series, filters: Filters) -> str:
    """One unit: outlet, part, voice and speaker, tone; the text with highlights; the rule output
    it carries for the chosen filters; its hand codes."""
    label = row.get("label", "")
    meta = [f"<b>{esc(label)}</b>"]
    if str(row.get("unit_type", "body")) not in ("", "body"):
        meta.append(esc(row["unit_type"]))
    if "voice" in row and str(row["voice"]):
        meta.append("voice (rules): " + esc(_voice_words(row["voice"], row.get("voice_speaker", ""), label)))
    notes = unit_notes(data, row, filters)
    body = highlight(row["text"], [(n.start, n.end, n.kind, n.title) for n in notes])
    listed = []
    notes = sorted(notes, key=lambda n: (n.start is None, n.start or 0))
    for kind, title in (
        ("frame", "frame evidence (rules)" if filters.frame else ""),
        ("rhetoric", f"{data.category_label(filters.category)} (rules)" if filters.category else ""),
        ("actor", f"mentions of {filters.actor_group}" if filters.actor_group else ""),
    ):
        words = [n.words for n in notes if n.kind == kind]
        if title and words:
            listed.append(
                f'<div class="fx-notes"><span style="background:{MARK_COLOURS[kind]};padding:0 3px">'
                f"{esc(title)}</span> {esc('; '.join(words))}</div>"
            )
    return (
        f'<li class="fx-unit" data-sentence-id="{esc(row["sentence_id"])}">'
        f'<div class="fx-meta">{" · ".join(meta)}{_tone_html(row)} · <code>{esc(row["sentence_id"])}</code></div>'
        f'<div class="fx-text">{body}</div>{"".join(listed)}{hand_codes_html(data, row, filters.frame)}</li>'
    )


def legend_html(filters: Filters) -> str:
    kinds = [
        k
        for k in KINDS
        if (k == "search" and filters.query.strip())
        or (k == "frame" and filters.frame)
        or (k == "rhetoric" and (filters.category or not filters.frame))
        or (k == "actor" and filters.actor_group)
    ]
    chips = " ".join(f'<mark style="background:{MARK_COLOURS[k]}">{esc(KIND_NAMES[k])}</mark>' for k in kinds)
    return (
        f'<div class="fx-legend" style="font-size:12px">Highlighted: {chips} (hover a highlight for details)</div>'
        if chips
        else ""
    )


def page_html(
    data: ExplorerData, chosen: pd.DataFrame, filters: Filters, *, start: int = 0, stop: int | None = None
) -> str:
    """The units ``chosen[start:stop]`` as an HTML list, headed by what is selected and shown."""
    stop = len(chosen) if stop is None else min(stop, len(chosen))
    shown = chosen.iloc[start:stop]
    hits = f", {int(chosen['hits'].sum())} search hit(s)" if filters.query.strip() and "hits" in chosen else ""
    head = (
        f'<p class="fx-count"><b>{len(chosen)} unit(s)</b>{hits} for {esc(filters.describe(data))}'
        + (f"; showing {start + 1}\u2013{stop}" if len(chosen) and (start or stop < len(chosen)) else "")
        + "</p>"
    )
    items = "".join(unit_html(data, row, filters) for _, row in shown.iterrows())
    return (
        f'{STYLE}<div class="fx-view tex2jax_ignore">{head}{legend_html(filters)}'
        f'<ol start="{start + 1}">{items}</ol></div>'
    )


def kwic(sentences: pd.DataFrame, query: str, *, width: int = KWIC_WIDTH, prefix: bool = False) -> pd.DataFrame:
    """Keyword in context: every hit of the literal ``query`` (``search_pattern``), in reading order."""
    columns = ["sentence_id", "label", "left", "keyword", "right"]
    pattern = search_pattern(query, prefix=prefix)
    rows = []
    for row in storage.rows(sentences):
        for start, end in search_hits(row.text, pattern):
            rows.append(
                {
                    "sentence_id": row.sentence_id,
                    "label": row.label,
                    "left": row.text[max(0, start - width) : start].rjust(width),
                    "keyword": row.text[start:end],
                    "right": row.text[end : end + width],
                }
            )
    return pd.DataFrame(rows, columns=columns)


def kwic_html(
    data: ExplorerData, table: pd.DataFrame, filters: Filters, *, start: int = 0, stop: int | None = None
) -> str:
    stop = len(table) if stop is None else min(stop, len(table))
    rows = "".join(
        f'<tr><td>{esc(r.label)}</td><td class="fx-left">{esc(r.left)}</td>'
        f'<td><mark class="fx-search" style="background:{MARK_COLOURS["search"]}">{esc(r.keyword)}</mark></td>'
        f"<td>{esc(r.right)}</td><td><code>{esc(r.sentence_id)}</code></td></tr>"
        for r in storage.rows(table.iloc[start:stop])
    )
    head = (
        f'<p class="fx-count"><b>{len(table)} hit(s)</b> for {esc(filters.describe(data))}'
        + (f"; showing {start + 1}\u2013{stop}" if len(table) and (start or stop < len(table)) else "")
        + "</p>"
    )
    return f'{STYLE}<div class="fx-view tex2jax_ignore">{head}<div class="fx-kwic"><table>{rows}</table></div></div>'


# ----------------------------------------------------------------------------- export


def export_table(data: ExplorerData, chosen: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The selection as a flat table: the unit, its tone (masked and raw, named as such), the
    rule output for the chosen filters in words, and its hand codes (prefixed ``hand_``)."""
    keep = [
        c for c in ("sentence_id", "article_id", "label", "group", "unit_type", "voice", "voice_speaker") if c in chosen
    ]
    out = chosen[keep].rename(columns={"label": "outlet"}).copy()
    if TONE in chosen:
        out["tone_vader_names_masked"] = chosen[TONE]
    if TONE_RAW in chosen:
        out["tone_vader_names_left_in"] = chosen[TONE_RAW]
    out["text"] = chosen["text"]
    notes = [unit_notes(data, row, filters) for _, row in chosen.iterrows()]
    if filters.query.strip():
        out["search_hits"] = chosen["hits"]
    for kind, column, active in (
        ("frame", "frame_evidence", filters.frame),
        ("rhetoric", "rhetoric_terms", filters.category),
        ("actor", "actor_mentions", filters.actor_group),
    ):
        if active:
            out[column] = ["; ".join(n.words for n in found if n.kind == kind) for found in notes]
    codes = data.tables.get("codes")
    if codes is not None:
        columns = [c for c in ("voice", "voice_source", *hand_code_variables(codes), "code_source") if c in codes]
        hand = codes[["sentence_id", *columns]].rename(
            columns={c: f"hand_{c}" if c != "code_source" else c for c in columns}
        )
        out = out.merge(hand, on="sentence_id", how="left")
    return out.reset_index(drop=True)


def export_csv(data: ExplorerData, filters: Filters, folder: Path) -> tuple[Path, pd.DataFrame]:
    """Write the current selection to ``folder/explorer-<choices>.csv``; returns the path and table."""
    table = export_table(data, select(data, filters), filters)
    path = storage.write_table(table, Path(folder) / f"explorer-{filters.slug()}.csv")
    return Path(path), table


# ----------------------------------------------------------------------------- the widgets


def _resolve(name: str, given: str, options: list[tuple[str, str]]) -> str:
    """A notebook parameter as a filter value: the value itself or its shown label (any case)."""
    if not given:
        return ANY
    for shown, value in options:
        if given in (value, shown) or given.lower() in (value.lower(), shown.lower()):
            return value
    listed = ", ".join(repr(v) for _, v in options[:30]) or "none in these tables"
    raise ValueError(f"{name} {given!r} is not in the data; choose one of: {listed}")


class Explorer:
    """The widgets and their one live view. ``filters``, ``selection`` and ``export`` work without a
    browser; displaying the explorer shows the widgets (and the first view as HTML for static copies)."""

    def __init__(
        self, data: ExplorerData, *, page_size: int = PAGE_SIZE, export_dir: Path | str | None = None, **choices
    ):
        self.data = data
        self.page_size = page_size
        self.page = 0
        self.renders = 0  # how many times the view was drawn (the browser check waits on it)
        self.export_dir = paths.resolve(export_dir) if export_dir else paths.BUILD_DIR / "explorer"
        options = data.options()
        unknown = set(choices) - {f.name for f in fields(Filters)}
        if unknown:
            raise TypeError(f"unknown filter(s) {sorted(unknown)}")
        wide = widgets.Layout(width="300px", max_width="100%")
        self.controls = {}
        for name, title in FILTER_TITLES.items():
            opts = options.get(name, [])
            value = _resolve(name, choices.get(name, ""), opts)
            if opts:
                self.controls[name] = widgets.Dropdown(
                    options=[(ANY_LABEL, ANY), *opts],
                    value=value,
                    description=title,
                    layout=wide,
                    style={"description_width": "80px"},
                )
        self.query = widgets.Text(
            value=choices.get("query", ""),
            description="search",
            placeholder="a word or phrase",
            continuous_update=False,
            layout=wide,
            style={"description_width": "80px"},
        )
        self.prefix = widgets.Checkbox(
            value=bool(choices.get("prefix", False)),
            description="match word beginnings",
            indent=False,
            layout=widgets.Layout(width="auto"),
        )
        self.mode = widgets.ToggleButtons(
            options=[("units", "units"), ("keyword in context", "kwic")],
            value="units",
            style={"button_width": "auto"},
            layout=widgets.Layout(max_width="100%"),
        )
        button = widgets.Layout(width="auto")
        self.previous = widgets.Button(description="\u25c0 previous", layout=button)
        self.next = widgets.Button(description="next \u25b6", layout=button)
        self.show_all = widgets.Checkbox(
            value=False, description="show all", indent=False, layout=widgets.Layout(width="auto")
        )
        self.position = widgets.HTML()
        self.export_button = widgets.Button(description="export selection (CSV)", icon="download", layout=button)
        self.export_status = widgets.HTML()
        self.view = widgets.HTML()
        for name, widget in (
            *self.controls.items(),
            ("query", self.query),
            ("prefix", self.prefix),
            ("mode", self.mode),
        ):
            widget.add_class(f"fx-control-{name}")
            widget.observe(self._changed, names="value")
        self.show_all.observe(lambda _: self.refresh(), names="value")
        self.previous.on_click(lambda _: self.turn(-1))
        self.next.on_click(lambda _: self.turn(+1))
        self.export_button.on_click(lambda _: self.export())
        for name, widget in (
            ("previous", self.previous),
            ("next", self.next),
            ("show-all", self.show_all),
            ("export", self.export_button),
            ("live-view", self.view),
            ("position", self.position),
            ("export-status", self.export_status),
        ):
            widget.add_class(f"fx-{name}")
        wrap = widgets.Layout(flex_flow="row wrap", align_items="center", max_width="100%")
        help_text = widgets.HTML(
            f'<div style="font-size:12px;line-height:1.35;color:#555">{esc(SEARCH_HELP)}</div>',
            layout=widgets.Layout(max_width="100%"),
        )
        self.widget = widgets.VBox(
            [
                widgets.HBox(list(self.controls.values()), layout=wrap),
                widgets.HBox([self.query, self.prefix], layout=wrap),
                help_text,
                widgets.HBox([self.mode], layout=wrap),
                widgets.HBox([self.previous, self.position, self.next, self.show_all, self.export_button], layout=wrap),
                self.export_status,
                self.view,
            ],
            layout=widgets.Layout(max_width="100%"),
        )
        self.widget.add_class("framing-explorer")
        self.refresh()

    @property
    def filters(self) -> Filters:
        return Filters(
            **{name: widget.value for name, widget in self.controls.items()},
            query=self.query.value,
            prefix=self.prefix.value,
        )

    def selection(self) -> pd.DataFrame:
        return select(self.data, self.filters)

    def _changed(self, _change=None) -> None:
        self.page = 0
        self.export_status.value = ""
        self.refresh()

    def turn(self, step: int) -> None:
        self.page += step
        self.refresh()

    def refresh(self) -> None:
        """Redraw the one view for the current choices and page."""
        filters = self.filters
        chosen = self.selection()
        self.renders += 1
        marker = f'<span class="fx-render" data-render="{self.renders}" hidden></span>'
        rows = kwic(chosen, filters.query, prefix=filters.prefix) if self.mode.value == "kwic" else chosen
        pages = max(1, math.ceil(len(rows) / self.page_size))
        self.page = min(max(self.page, 0), pages - 1)
        start, stop = (
            (0, len(rows)) if self.show_all.value else (self.page * self.page_size, (self.page + 1) * self.page_size)
        )
        stop = min(stop, len(rows))
        if self.mode.value == "kwic":
            self.view.value = marker + (
                kwic_html(self.data, rows, filters, start=start, stop=stop)
                if filters.query.strip()
                else '<p class="fx-count">Type a word or phrase in <b>search</b> to see each hit in its context.</p>'
            )
        else:
            self.view.value = marker + page_html(self.data, rows, filters, start=start, stop=stop)
        unit = "hit(s)" if self.mode.value == "kwic" else "unit(s)"
        self.position.value = (f"{start + 1}\u2013{stop} of {len(rows)} {unit}" if len(rows) else f"0 {unit}") + (
            "" if self.show_all.value or pages == 1 else f" (page {self.page + 1} of {pages})"
        )
        self.previous.disabled = self.show_all.value or self.page == 0
        self.next.disabled = self.show_all.value or self.page >= pages - 1

    def export(self) -> Path:
        """Save the whole current selection (every page) as CSV and offer it for download."""
        path, table = export_csv(self.data, self.filters, self.export_dir)
        shown = path.relative_to(paths.ROOT) if path.is_relative_to(paths.ROOT) else path
        text = path.read_bytes()
        link = ""
        if len(text) <= DOWNLOAD_LINK_MAX_BYTES:
            link = (
                f' \u00b7 <a download="{esc(path.name)}" style="color:#1a5fb4;text-decoration:underline" '
                f'href="data:text/csv;charset=utf-8;base64,'
                f'{base64.b64encode(text).decode()}">download</a>'
            )
        self.export_status.value = (
            f'<div class="fx-exported" style="font-size:12px;line-height:1.35" data-path="{esc(path)}" '
            f'data-rows="{len(table)}">'
            f"Saved {len(table)} unit(s) ({esc(self.filters.describe(self.data))}) to "
            f"<code>{esc(shown)}</code>{link}</div>"
        )
        return path

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/html"] = (
            '<p style="font-size:12px;color:#555">Static copy of the explorer\'s first view; '
            "run the notebook in JupyterLab to use the filters.</p>" + self.view.value
        )
        return bundle
