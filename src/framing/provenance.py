"""Wire provenance: which English translation of Putin's article each quote and each outlet prints.

Two steps, both driven by data:

1. **Statements.** Every quote is split into sentence units (a two-sentence quote may render two
   statements). Units by the same speaker are compared by the overlap coefficient of their
   content-word stems (|A ∩ B| / min(|A|, |B|), Szymkiewicz-Simpson: a partial quote such as
   "misguided and futile" scores by how much of it the fuller rendering contains) and joined by
   single linkage at ``STATEMENT_THRESHOLD``, never joining two sentences of one quote. A
   statement is labelled by its *core*: the shortest unit similar to every other member.
2. **Translation families.** ``data/lexicons/translation_markers.csv`` lists phrases that only one
   translation uses (the Kremlin's English, Reuters, AFP). Quotes and markers are compared as
   Porter stems with articles and "and" dropped, so "balancing"/"balanced" and "a"/"the road to
   nowhere" match while hyphenated "dead-end" (Kremlin) stays apart from "dead end" (AFP).
   Only quotes of ``TRANSLATED_SPEAKER`` can carry a translation family; others are
   ``NOT_APPLICABLE``.
"""

from __future__ import annotations

from typing import cast

import pandas as pd

from framing import candidates, resources, segment, storage

MARKER_FILE = "translation_markers.csv"
TRANSLATED_SPEAKER = "Vladimir Putin"  # the article was written in Russian; its English is a translation
UNKNOWN, MIXED, NOT_APPLICABLE = "unknown", "mixed", "not applicable"
FAMILIES = ("Kremlin English", "Reuters", "AFP")
FAMILY_ORDER = (*FAMILIES, MIXED, UNKNOWN, NOT_APPLICABLE)
# Okabe & Ito (2008) colours, distinct from the outlet colours' meaning; grey for no evidence.
FAMILY_COLOURS = {
    "Kremlin English": "#D55E00",
    "Reuters": "#0072B2",
    "AFP": "#009E73",
    MIXED: "#CC79A7",
    UNKNOWN: "#BBBBBB",
    NOT_APPLICABLE: "#FFFFFF",
}
WEAK_COLOUR = "#E2E2E2"  # 'unknown (weak: ...)': some evidence, not enough to decide
# Words editors add or drop without changing a translation: "a/the road to nowhere",
# "bellicose, offensive" for "bellicose and offensive" (both in the corpus).
MARKER_IGNORED_WORDS = frozenset({"a", "an", "the", "and"})
# Overlap coefficient at or above which two same-speaker units render one statement. Chosen from the
# five texts (notebook 05 shows the pairs either side): two translations of one phrase share few
# words ("misguided and futile" / "erroneous and futile": 0.5), different statements by one
# speaker share at most 1 in 3 content stems ("wild military act" / "first military operation": 0.33).
STATEMENT_THRESHOLD = 0.5
LABEL_MAX_CHARS = 80


def word_list(text: str) -> list[str]:
    """Lower-case words with typographic marks made ASCII and a final possessive 's dropped."""
    plain = resources.normalise_same_length(text).lower()
    return [resources.strip_possessive(w) for w in segment.words(plain)]


def stem_sequence(text: str, *, ignore: frozenset[str] = MARKER_IGNORED_WORDS) -> tuple[str, ...]:
    """The text's Porter stems in order, without the ``ignore`` words (for marker matching)."""
    return tuple(resources.stem(w) for w in word_list(text) if w not in ignore)


def content_stems(text: str) -> frozenset[str]:
    """The set of stems of the text's content words (stop words dropped)."""
    return frozenset(resources.stem(w) for w in word_list(text) if w not in resources.stopwords())


def overlap_coefficient(a: frozenset, b: frozenset) -> float:
    """|a ∩ b| / min(|a|, |b|); 0 when either set is empty."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def contains(sequence: tuple, part: tuple) -> bool:
    """Whether ``part`` occurs in ``sequence`` as a contiguous run."""
    return bool(part) and any(sequence[i : i + len(part)] == part for i in range(len(sequence) - len(part) + 1))


# --- translation markers -------------------------------------------------------------------------


STRENGTHS = ("primary", "weak")
WEAK_NEEDED = 2  # independent weak markers (distinct phrases) that together decide a family


def _variants(phrase: str) -> tuple[tuple[str, ...], ...]:
    """The stem sequences a marker matches: the phrase, and for a pair 'A and B' also 'B and A'
    ("futile and misguided" is still the Kremlin's pair)."""
    stems = stem_sequence(phrase)
    words = phrase.split()
    if words.count("and") == 1 and 0 < words.index("and") < len(words) - 1:
        i = words.index("and")
        swapped = stem_sequence(" ".join(words[i + 1 :] + ["and"] + words[:i]))
        return (stems, swapped) if swapped != stems else (stems,)
    return (stems,)


def load_markers(folder=None) -> pd.DataFrame:
    """The marker table with each phrase's stem sequences in ``variants``; checks families and strengths."""
    markers = resources.load_lexicon(MARKER_FILE, folder)
    for column, known in (("family", FAMILIES), ("strength", STRENGTHS)):
        unknown = sorted(set(markers[column]) - set(known))
        if unknown:
            raise ValueError(f"{MARKER_FILE}: unknown {column} {', '.join(unknown)}; expected {', '.join(known)}")
    markers["variants"] = markers["phrase"].map(_variants)
    return markers


def marker_positions(text: str, markers: pd.DataFrame) -> list[int]:
    """Row positions of the markers one of whose stem sequences occurs in ``text`` (table order)."""
    stems = stem_sequence(text)
    return [i for i, variants in enumerate(markers["variants"]) if any(contains(stems, v) for v in variants)]


def find_markers(text: str, markers: pd.DataFrame) -> pd.DataFrame:
    """The marker rows one of whose stem sequences occurs in ``text`` (same order as the table)."""
    return markers.iloc[marker_positions(text, markers)]


def decide_family(found: pd.DataFrame) -> str:
    """The family that markers found decide: a family needs a primary marker or ``WEAK_NEEDED``
    distinct weak ones; two decided families are 'mixed'; weak evidence alone is
    'unknown (weak: <families>)'; no marker is 'unknown'."""
    decided = sorted(
        cast(str, family)
        for family, rows in found.groupby("family")
        if (rows["strength"] == "primary").any() or rows["phrase"].nunique() >= WEAK_NEEDED
    )
    if len(decided) > 1:
        return MIXED
    if decided:
        return decided[0]
    if len(found):
        return f"{UNKNOWN} (weak: {', '.join(sorted(set(found['family'])))})"
    return UNKNOWN


def is_translated(quotes: pd.DataFrame) -> pd.Series:
    """Quotes that render Putin's article: his own, or a body's the text says speaks for him."""
    speaks_for = quotes["speaks_for"] if "speaks_for" in quotes.columns else pd.Series("", index=quotes.index)
    return (quotes["speaker"] == TRANSLATED_SPEAKER) | (speaks_for == TRANSLATED_SPEAKER)


def quote_families(quotes: pd.DataFrame, markers: pd.DataFrame) -> pd.DataFrame:
    """Per quote: family, the markers found (';'-joined), their strength and families."""
    rows = []
    translated = is_translated(quotes)
    for quote, putin in zip(
        storage.rows(quotes.sort_values("quote_id")), translated.loc[quotes.sort_values("quote_id").index]
    ):
        found = find_markers(quote.text, markers) if putin else markers.iloc[:0]
        rows.append(
            {
                "quote_id": quote.quote_id,
                "article_id": quote.article_id,
                "speaker": quote.speaker,
                "family": decide_family(found) if putin else NOT_APPLICABLE,
                "marker": "; ".join(found["phrase"]),
                "marker_family": "; ".join(found["family"]),
                "strength": "; ".join(found["strength"]),
                "text": quote.text,
            }
        )
    return pd.DataFrame(
        rows, columns=["quote_id", "article_id", "speaker", "family", "marker", "marker_family", "strength", "text"]
    )


def _parts(families: pd.Series) -> str:
    counts = families.value_counts()
    return "; ".join(
        f"{f}: {counts[f]}"
        for f in sorted(
            counts.index, key=lambda f: (FAMILY_ORDER.index(f) if f in FAMILY_ORDER else len(FAMILY_ORDER), f)
        )
    )


def _article_row(article_id: str, families: pd.DataFrame, markers: pd.DataFrame) -> dict:
    putin = families[families["family"] != NOT_APPLICABLE]
    marked = putin[putin["marker"] != ""]
    phrases = {p for ps in marked["marker"] for p in ps.split("; ") if p}
    family = NOT_APPLICABLE if putin.empty else decide_family(markers[markers["phrase"].isin(phrases)])
    return {
        "article_id": article_id,
        "family": family,
        "parts": _parts(putin["family"]),
        "n_putin_quotes": len(putin),
        "n_marked_quotes": len(marked),
        "evidence": "; ".join(f"{q.quote_id}: {q.marker}" for q in storage.rows(marked))
        or ("no quote of Putin's article" if putin.empty else "Putin quoted, but in no marked wording"),
    }


def article_families(families: pd.DataFrame, articles: pd.DataFrame, markers: pd.DataFrame) -> pd.DataFrame:
    """Per article: the family all its Putin quotes' markers decide together (``decide_family``),
    the quotes' own families (``parts``) and the evidence."""
    by_article = dict(tuple(families.groupby("article_id")))
    rows = [
        _article_row(aid, by_article.get(aid, families.iloc[:0]), markers) for aid in sorted(articles["article_id"])
    ]
    return pd.DataFrame(rows)


# --- statements ----------------------------------------------------------------------------------


def quote_units(quotes: pd.DataFrame) -> pd.DataFrame:
    """Quotes split into sentence units (``unit_id`` = quote_id.k) with their content stems."""
    rows = []
    for quote in storage.rows(quotes.sort_values("quote_id")):
        sentences = [
            s for s in segment.split_sentences(resources.normalise_same_length(quote.text)) if segment.words(s)
        ]
        for k, sentence in enumerate(sentences or [quote.text], start=1):
            rows.append(
                {
                    "unit_id": f"{quote.quote_id}.{k}",
                    "quote_id": quote.quote_id,
                    "article_id": quote.article_id,
                    "speaker": quote.speaker,
                    "unit_text": sentence.strip(),
                    "n_words": len(segment.words(sentence)),
                    "stems": content_stems(sentence),
                }
            )
    return pd.DataFrame(rows, columns=["unit_id", "quote_id", "article_id", "speaker", "unit_text", "n_words", "stems"])


def unit_pairs(units: pd.DataFrame) -> pd.DataFrame:
    """Pairs of units by the same (non-empty) speaker (every pair in a small corpus; candidates
    sharing a rare stem in a large one, ``framing.pairs``), with similarity and shared stems."""
    rows = []
    for speaker, group in units[units["speaker"] != ""].groupby("speaker", sort=True):
        records = {r["unit_id"]: r for r in group.to_dict("records")}
        for first, second in candidates.candidate_pairs({u: r["stems"] for u, r in records.items()}):
            a, b = records[first], records[second]
            rows.append(
                {
                    "unit_a": a["unit_id"],
                    "unit_b": b["unit_id"],
                    "speaker": speaker,
                    "same_quote": a["quote_id"] == b["quote_id"],
                    "similarity": round(overlap_coefficient(a["stems"], b["stems"]), 4),
                    "shared": " ".join(sorted(a["stems"] & b["stems"])),
                    "text_a": a["unit_text"],
                    "text_b": b["unit_text"],
                }
            )
    columns = ["unit_a", "unit_b", "speaker", "same_quote", "similarity", "shared", "text_a", "text_b"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["similarity", "unit_a", "unit_b"], ascending=[False, True, True]).reset_index(drop=True)


def group_units(units: pd.DataFrame, pairs: pd.DataFrame, threshold: float = STATEMENT_THRESHOLD) -> dict[str, int]:
    """Single-linkage groups of units (pairs >= threshold, strongest first); two units of one
    quote never share a group. Returns {unit_id: group number}, numbered in unit order."""
    root = {u: u for u in units["unit_id"]}
    quotes_in = {u: {q} for u, q in zip(units["unit_id"], units["quote_id"])}

    def find(u):
        while root[u] != u:
            u = root[u]
        return u

    for pair in storage.rows(pairs[pairs["similarity"] >= threshold]):
        a, b = find(pair.unit_a), find(pair.unit_b)
        if a != b and not quotes_in[a] & quotes_in[b]:
            a, b = sorted((a, b))
            root[b] = a
            quotes_in[a] |= quotes_in.pop(b)
    roots = [find(u) for u in sorted(units["unit_id"])]
    numbers = {r: i for i, r in enumerate(dict.fromkeys(roots), start=1)}
    return {u: numbers[r] for u, r in zip(sorted(units["unit_id"]), roots)}


def _similarity(pairs: pd.DataFrame) -> dict[tuple[str, str], float]:
    table = {}
    for p in storage.rows(pairs):
        table[(p.unit_a, p.unit_b)] = table[(p.unit_b, p.unit_a)] = p.similarity
    return table


def _core(members: pd.DataFrame, sim: dict, threshold: float) -> str:
    """The shortest member similar (>= threshold) to all others, else the most central one."""
    ids = members["unit_id"].tolist()

    def score(u):
        return sum(sim.get((u, v), 0.0) for v in ids if v != u) / max(len(ids) - 1, 1)

    words = dict(zip(ids, members["n_words"]))
    cores = [u for u in ids if all(sim.get((u, v), 0.0) >= threshold for v in ids if v != u)]
    if cores:
        return min(cores, key=lambda u: (words[u], u))
    return min(ids, key=lambda u: (-score(u), words[u], u))


def short_label(text: str, max_chars: int = LABEL_MAX_CHARS) -> str:
    """A unit's text without final punctuation, cut at a word boundary to ``max_chars``."""
    text = text.strip().rstrip(".,;:!?").strip()
    if len(text) <= max_chars:
        return text
    return text[:max_chars].rsplit(" ", 1)[0] + "…"


def _best_match(unit: str, members: list[str], sim: dict) -> tuple[str, float]:
    others = [(sim.get((unit, v), 0.0), v) for v in members if v != unit]
    if not others:
        return "", 0.0
    score, other = min(others, key=lambda x: (-x[0], x[1]))
    return other, score


def quote_statements(quotes: pd.DataFrame, threshold: float = STATEMENT_THRESHOLD) -> pd.DataFrame:
    """Per quote unit: its statement (id, readable label, speaker), similarity to the statement's
    core unit, its best match inside the statement and the stems they share."""
    units = quote_units(quotes)
    pairs = unit_pairs(units)
    groups = group_units(units, pairs, threshold)
    units["group"] = units["unit_id"].map(groups)
    sim = _similarity(pairs)
    stems = dict(zip(units["unit_id"], units["stems"]))
    rows = []
    for number, members in units.groupby("group", sort=True):
        core = _core(members, sim, threshold)
        label = short_label(members.loc[members["unit_id"] == core, "unit_text"].iloc[0])
        ids = members["unit_id"].tolist()
        for unit in storage.rows(members):
            match, best = _best_match(unit.unit_id, ids, sim)
            rows.append(
                {
                    "quote_id": unit.quote_id,
                    "unit_id": unit.unit_id,
                    "article_id": unit.article_id,
                    "speaker": unit.speaker,
                    "statement_id": f"S{number:02d}",
                    "statement": label,
                    "core_unit": core,
                    "n_units": len(ids),
                    "n_articles": members["article_id"].nunique(),
                    "similarity": 1.0 if unit.unit_id == core else sim.get((unit.unit_id, core), 0.0),
                    "best_match": match,
                    "best_similarity": best,
                    "shared_stems": " ".join(sorted(stems[unit.unit_id] & stems[match])) if match else "",
                    "unit_text": unit.unit_text,
                }
            )
    return pd.DataFrame(rows).sort_values("unit_id").reset_index(drop=True)


# --- outlet x statement --------------------------------------------------------------------------


def unit_families(statements: pd.DataFrame, markers: pd.DataFrame) -> pd.DataFrame:
    """``statements`` with each unit's own family and markers (a two-sentence quote's sentences
    are judged apart); units of other speakers are ``NOT_APPLICABLE``."""
    rows = []
    for unit in storage.rows(statements):
        found = find_markers(unit.unit_text, markers) if unit.speaker == TRANSLATED_SPEAKER else markers.iloc[:0]
        family = decide_family(found) if unit.speaker == TRANSLATED_SPEAKER else NOT_APPLICABLE
        rows.append({"family": family, "marker": "; ".join(found["phrase"])})
    return statements.assign(**pd.DataFrame(rows, index=statements.index))


def statement_families(statements: pd.DataFrame, markers: pd.DataFrame) -> pd.DataFrame:
    """Per (article, statement) of the translated speaker: the family of its units and their markers."""
    units = unit_families(statements[statements["speaker"] == TRANSLATED_SPEAKER], markers)
    rows = []
    for (aid, sid), cell in units.groupby(["article_id", "statement_id"], sort=True):
        found = sorted({m for ms in cell["marker"] for m in ms.split("; ") if m})
        rows.append(
            {
                "article_id": aid,
                "statement_id": sid,
                "statement": cell["statement"].iloc[0],
                "family": decide_family(markers[markers["phrase"].isin(found)]),
                "marker": "; ".join(found),
                "unit_ids": ";".join(sorted(cell["unit_id"])),
            }
        )
    return pd.DataFrame(rows, columns=["article_id", "statement_id", "statement", "family", "marker", "unit_ids"])
