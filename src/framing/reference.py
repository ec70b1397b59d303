"""The reference document: the Korea passage of Putin's article (Kremlin English, ``data/reference``),
whose sentences define his statements P1-P5, and which statements each text carried, where and how.

A unit carries statement P when (rule, ``unit_statements``) it holds a translation marker of P
(``translation_markers.csv``: a wording of that sentence in one of the three translations), or
Putin speaks in it (a quote of his, or a paraphrase whose source is him, ``framing.voice``) and its
content stems overlap P's by at least ``OVERLAP_MIN`` (overlap coefficient, ``provenance``).
The rule is scored against the hand-coded ``putin_statements`` (``framing.codings``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from framing import actors, paths, provenance, quotes, resources, segment, storage

PASSAGE_FILE = "putin_2017-09-01_korea.txt"
STATEMENTS_FILE = "statements.csv"
METADATA_FILE = "metadata.csv"
RUN_MIN_WORDS = 4  # a quote this long that runs word for word in a reference is its author's words
MARKER_EXTRA_WORDS = 2  # a quote of a primary translation marker with at most this many other words
WORDING_MIN_WORDS = 2  # a quote this long held whole by a known wording is its author's when no one else is named
OVERLAP_MIN = 0.5
WHERE = ("headline", "standfirst", "caption", "lead", "body")  # lead: the first body sentence


def reference_dir() -> Path:
    return paths.ROOT / "data" / "reference"


def statements(folder: Path | None = None) -> pd.DataFrame:
    """P1-P5: statement_id, label, text and content stems, checked against the passage: each text
    must be the passage's sentence of the same rank (an error names the file otherwise)."""
    folder = Path(folder or reference_dir())
    table = pd.read_csv(folder / STATEMENTS_FILE, dtype=str, keep_default_na=False)
    sentences = segment.split_sentences((folder / PASSAGE_FILE).read_text(encoding="utf-8").strip())
    expected = [f"P{i}" for i in range(1, len(sentences) + 1)]
    if table["statement_id"].tolist() != expected or table["text"].tolist() != [s.strip() for s in sentences]:
        raise ValueError(
            f"{folder / STATEMENTS_FILE}: its statements must be the sentences of {PASSAGE_FILE}, in order, "
            f"as {', '.join(expected)}"
        )
    return table.assign(stems=table["text"].map(_stems))


def _stems(text: str) -> frozenset:
    """Content stems of a text without actor names (names are shared by every text on the event)."""
    plain = resources.normalise_same_length(text)
    for mention in reversed(actors.find_mentions(plain)):
        plain = plain[: mention.start] + " " + plain[mention.end :]
    return provenance.content_stems(plain)


@cache
def _reference_metadata(folder: str) -> pd.DataFrame:
    """The reference documents' ``metadata.csv`` (empty when the folder has none), read once."""
    meta_path = Path(folder) / METADATA_FILE
    if not meta_path.is_file():
        return pd.DataFrame(columns=["source_file", "author"])
    return pd.read_csv(meta_path, dtype=str, keep_default_na=False)


@cache
def _reference_texts(folder: str) -> tuple[tuple[str, str], ...]:
    """(text, author) of each reference document, read once."""
    meta = _reference_metadata(folder)
    return tuple(
        ((Path(folder) / name).read_text(encoding="utf-8"), author)
        for name, author in zip(meta["source_file"], meta["author"])
    )


@cache
def _reference_words(folder: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """(stem sequence of the whole text, author) of each reference document."""
    return tuple((provenance.stem_sequence(text), author) for text, author in _reference_texts(folder))


def _passage_author(folder: str) -> str:
    """The author of the passage the translation markers render ('' without reference metadata)."""
    meta = _reference_metadata(folder)
    authors = meta.loc[meta["source_file"] == PASSAGE_FILE, "author"]
    return authors.iloc[0] if len(authors) else ""


@cache
def _markers() -> pd.DataFrame:
    """The translation markers with their stem sequences, loaded once."""
    return provenance.load_markers()


@cache
def _primary_markers() -> tuple[tuple[str, ...], ...]:
    markers = _markers()
    return tuple(v for variants in markers.loc[markers["strength"] == "primary", "variants"] for v in variants)


def reproduced_author(quote: str, person_named: bool, folder: Path | None = None, body_group: str = "") -> str:
    """The author of a reference document whose words ``quote`` reproduces, else ''.

    Words reproduced from a reference document are its author's, whoever relays them. A quote is
    (1) a run of at least ``RUN_MIN_WORDS`` words (articles and 'and' aside) of a reference text,
    word for word; or it holds a primary translation marker of the passage
    (``translation_markers.csv``, any translation) and (2) has at most ``MARKER_EXTRA_WORDS`` other
    words, or (3) its content overlaps one of the passage's statements by ``OVERLAP_MIN`` (a whole
    sentence in another translation), or (4) the rules named no person as its speaker by a cue
    (``person_named`` false: no speaker, a body such as the agency that translated it, or a speaker
    only carried over from the sentence before). Quotes nested in the quote are left out of (2)-(4):
    a person's own sentence that cites a marker keeps its speaker. (5) With no speaker, or a body
    of the author's own country (``body_group``: 'Russia' for "Moscow calls it 'futile'"), a quote
    held whole by a known wording is its author's (``_wording_holding``).
    """
    where = str(folder or reference_dir())
    stems = provenance.stem_sequence(quote)
    if not stems:
        return ""
    for text, author in _reference_words(where):
        if len(stems) >= RUN_MIN_WORDS and provenance.contains(text, stems):
            return author
    if not person_named:
        author = _wording_holding(quote, stems, where)
        if author and body_group in ("", author_group(author)):
            return author
    own = _own_words(quote)  # a quote inside the quote is someone else's: '"Putin calls it 'futile.' I agree."'
    own_stems = provenance.stem_sequence(own)
    found = [v for v in _primary_markers() if provenance.contains(own_stems, v)]
    if not found:
        return ""
    short = len(own_stems) - max(len(v) for v in found) <= MARKER_EXTRA_WORDS
    if short or not person_named or _restates_a_statement(own, where):
        return _passage_author(where)
    return ""


def _wording_holding(quote: str, stems: tuple[str, ...], folder: str) -> str:
    """The author of a known wording that holds the whole quote, else '': a reference text or a
    translation marker of the passage holding a quote of at least ``WORDING_MIN_WORDS`` words, one
    of them a content word that is no name ('fire and fury', 'without any preconditions', 'a dead
    end'; not 'on the Korean Peninsula'), or a one-word quote that primary markers of several
    translations share ('futile'). ``stems``: the quote's stem sequence."""
    if len(stems) == 1:
        return _passage_author(folder) if stems[0] in _shared_marker_words() else ""
    if len(stems) < WORDING_MIN_WORDS or not provenance.content_stems(quote) - _name_stems(folder):
        return ""
    for text, author in _reference_words(folder):
        if provenance.contains(text, stems):
            return author
    if any(provenance.contains(v, stems) for variants in _markers()["variants"] for v in variants):
        return _passage_author(folder)
    return ""


@cache
def _shared_marker_words() -> frozenset[str]:
    """Content stems found in the primary markers of more than one translation family."""
    markers = _markers()
    primary = markers[markers["strength"] == "primary"]
    families: dict[str, set[str]] = {}
    for family, phrase in zip(primary["family"], primary["phrase"]):
        for stem in provenance.content_stems(phrase):
            families.setdefault(stem, set()).add(family)
    return frozenset(stem for stem, found in families.items() if len(found) > 1)


@cache
def _name_stems(folder: str) -> frozenset[str]:
    """Stems of the words the reference texts capitalise inside a sentence (names: 'Korean Peninsula')."""
    names: set[str] = set()
    for text, _ in _reference_texts(folder):
        for sentence in segment.split_sentences(text):
            names.update(w for w in segment.words(sentence)[1:] if w[:1].isupper())
    return provenance.content_stems(" ".join(names))


def author_group(author: str) -> str:
    """The actor group of a known author ('Vladimir Putin' -> 'Russia'), '' when unknown."""
    known = actors.find_mentions(author)
    return known[0].actor_group if known else ""


def _own_words(quote: str) -> str:
    """The quote without the quotes nested in it (their marks and words blanked)."""
    return quotes.mask_quotes(quote, quotes.find_quote_spans(quote))


def _restates_a_statement(quote: str, folder: str) -> bool:
    """Whether the quote's content stems overlap one statement's by at least ``OVERLAP_MIN``."""
    if not (Path(folder) / STATEMENTS_FILE).is_file():
        return False
    words = _stems(quote)
    return any(provenance.overlap_coefficient(words, own) >= OVERLAP_MIN for own in _statement_stems(folder))


@cache
def _statement_stems(folder: str) -> tuple[frozenset, ...]:
    return tuple(statements(Path(folder))["stems"])


def putin_speaks(sentences: pd.DataFrame, quotes: pd.DataFrame) -> pd.Series:
    """Per unit (index of ``sentences``): whether Putin's words or views are reported in it."""
    quoted = set(quotes.loc[provenance.is_translated(quotes), "sentence_ids"].str.split(";").explode())
    paraphrased = sentences.get("voice_speaker", pd.Series("", index=sentences.index)) == provenance.TRANSLATED_SPEAKER
    return sentences["sentence_id"].isin(quoted) | paraphrased


def unit_statements(
    sentences: pd.DataFrame,
    quotes: pd.DataFrame,
    table: pd.DataFrame | None = None,
    markers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per unit: the statements it carries by the rule (module docstring), ';'-joined, and why
    ('marker: ...' or 'overlap 0.6'). Columns: sentence_id, article_id, putin_statements, evidence."""
    table = statements() if table is None else table
    markers = provenance.load_markers() if markers is None else markers
    speaks = putin_speaks(sentences, quotes)
    phrases = list(zip(markers["statement_id"], markers["phrase"]))
    rows = []
    for sid, aid, text, putin in zip(sentences["sentence_id"], sentences["article_id"], sentences["text"], speaks):
        found, why = set(), []
        for i in provenance.marker_positions(text, markers):
            statement, phrase = phrases[i]
            found.add(statement)
            why.append(f"{statement} marker: {phrase}")
        if putin:
            stems = _stems(text)
            for p in storage.rows(table):
                score = provenance.overlap_coefficient(stems, p.stems)
                if score >= OVERLAP_MIN and p.statement_id not in found:
                    found.add(p.statement_id)
                    why.append(f"{p.statement_id} overlap {score:.2f}")
        rows.append(
            {
                "sentence_id": sid,
                "article_id": aid,
                "putin_statements": ";".join(sorted(found)),
                "evidence": "; ".join(why),
            }
        )
    return pd.DataFrame(rows)


def where(unit_type: str, is_lead: bool) -> str:
    """Where a unit sits: a display unit's type, 'lead' for the first body sentence, else 'body'."""
    return unit_type if unit_type != "body" else ("lead" if is_lead else "body")


def selection(
    codes: pd.DataFrame,
    sentences: pd.DataFrame,
    articles: pd.DataFrame,
    quote_families: pd.DataFrame,
    quotes: pd.DataFrame,
    table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per text and statement: whether the text's units are coded for statements at all (``coded``),
    whether the text carried it (from ``codes``: sentence_id, article_id, putin_statements, NA for
    a unit not coded), how often, where it first appears (headline, standfirst, caption, lead,
    body), its rank among the statements the text carries (in reading order), the translation
    family of the quotes carrying it ('paraphrase' when none is a quote), and the units."""
    table = statements() if table is None else table
    meta = sentences.set_index("sentence_id")[["article_id", "unit_type", "position"]]
    lead = sentences[sentences["unit_type"] == "body"].groupby("article_id")["position"].min()
    # every unit a quote spans
    spanned = quotes.assign(sentence_id=quotes["sentence_ids"].str.split(";")).explode("sentence_id")
    family_of_unit = (
        quote_families.merge(spanned[["quote_id", "sentence_id"]], on="quote_id")
        .groupby("sentence_id")["family"]
        .agg(lambda f: "; ".join(sorted(set(f))))
    )
    carried = [
        (sid, p)
        for sid, ps in zip(codes["sentence_id"], codes["putin_statements"])
        if pd.notna(ps)
        for p in str(ps).split(";")
        if p
    ]
    coded_articles = set(codes.loc[codes["putin_statements"].notna(), "article_id"])
    found = pd.DataFrame(carried, columns=["sentence_id", "statement_id"]).join(meta, on="sentence_id")
    rows = []
    by_article = dict(tuple(found.groupby("article_id", sort=False)))
    for article in storage.rows(articles.sort_values("article_id")):
        mine = by_article.get(article.article_id, found.iloc[0:0]).sort_values("position")
        order = list(dict.fromkeys(mine["statement_id"]))
        for p in storage.rows(table):
            cell = mine[mine["statement_id"] == p.statement_id]
            first = cell.iloc[0] if len(cell) else None
            families = sorted(
                {f for sid in cell["sentence_id"] for f in str(family_of_unit.get(sid, "")).split("; ") if f}
            )
            rows.append(
                {
                    "article_id": article.article_id,
                    "label": article.label,
                    "group": article.group,
                    "statement_id": p.statement_id,
                    "statement": p.label,
                    "coded": article.article_id in coded_articles,
                    "carried": len(cell) > 0,
                    "n_units": len(cell),
                    "first_where": ""
                    if first is None
                    else where(first["unit_type"], first["position"] == lead.get(article.article_id)),
                    "rank": order.index(p.statement_id) + 1 if p.statement_id in order else 0,
                    "family": "; ".join(f for f in families if f != provenance.NOT_APPLICABLE)
                    or ("paraphrase" if len(cell) else ""),
                    "sentence_ids": ";".join(cell["sentence_id"]),
                }
            )
    return pd.DataFrame(rows)
