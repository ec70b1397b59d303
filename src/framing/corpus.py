"""Build the corpus tables (docs/DESIGN.md §2): articles, sentences, quotes and removed lines."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from framing import clean, copy, metadata, quotes, reference, segment, spans, storage, voice

TABLE_NAMES = ("articles", "sentences", "quotes", "removed_lines")
QUOTE_COLUMNS = [
    "quote_id",
    "article_id",
    "sentence_id",
    "sentence_ids",
    "unit_type",
    "paragraph",
    "text",
    "speaker",
    "speaker_kind",
    "speaker_group",
    "speaker_alias",
    "speaks_for",
    "cue",
    "cue_stance",
    "attribution",
    "kind",
    "marks",
    "closed",
    "n_words",
]


@dataclass
class Corpus:
    """The four corpus tables."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    quotes: pd.DataFrame
    removed_lines: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in TABLE_NAMES}


def _unit_spans(text: str, unit_type: str) -> list[tuple[int, int]]:
    """Sentence spans of a body paragraph; a display unit (headline, caption ...) is one unit."""
    return segment.sentence_spans(text) if unit_type == "body" else [(0, len(text))]


def _reference_speaker(quote: str, who: quotes.Attribution) -> quotes.Attribution:
    """``who``, unless the quote reproduces a reference document's words: then their author
    (``reference.reproduced_author``), found by the method ``reference_words``."""
    person_named = who.speaker_kind == "person" and who.method != "continuation"
    body_group = who.speaker_group if who.speaker_kind == "body" else ""
    author = reference.reproduced_author(quote, person_named, body_group=body_group)
    if not author or author == who.speaker:
        return who
    return quotes.Attribution(author, "person", reference.author_group(author), "", "", "", "", "reference_words")


def _article_rows(article: metadata.Article):
    cleaned = clean.clean_article(article.raw_text, article.meta["outlet"])
    aid = article.article_id
    units = cleaned.units()
    paragraphs = [(text, _unit_spans(text, unit_type)) for _, text, unit_type in units]
    quoted = quotes.attribute_quotes(paragraphs)
    quotes.credit_display_quotes([text for text, _ in paragraphs], [u != "body" for *_, u in units], quoted)
    sentence_rows, quote_rows = [], []
    position = 0
    for p_index, ((line_no, text, unit_type), (_, unit_spans), found) in enumerate(
        zip(units, paragraphs, quoted), start=1
    ):
        ids = []
        for s_index, (start, end) in enumerate(unit_spans, start=1):
            position += 1
            ids.append(f"{aid}-{position:03d}")
            inside = [o for q in found if (o := spans.overlap((q[0].start, q[0].end), (start, end)))]
            relative = [(a - start, b - start) for a, b in inside]
            sentence_rows.append(
                {
                    "sentence_id": ids[-1],
                    "article_id": aid,
                    "unit_type": unit_type,
                    "paragraph": p_index,
                    "position": position,
                    "position_in_paragraph": s_index,
                    "line_no": line_no,
                    "char_start": start,
                    "char_end": end,
                    "text": text[start:end],
                    "n_words": len(segment.words(text[start:end])),
                    "quoted_share": round(sum(b - a for a, b in inside) / (end - start), 4),
                    "quote_spans": spans.format_spans(relative),
                }
            )
        for span, who, first, last in found:
            inner = text[span.start : span.end].strip()
            who = _reference_speaker(inner, who)
            quote_rows.append(
                {
                    "article_id": aid,
                    "sentence_id": ids[first],
                    "sentence_ids": ";".join(ids[first : last + 1]),
                    "unit_type": unit_type,
                    "paragraph": p_index,
                    "text": inner,
                    "speaker": who.speaker,
                    "speaker_kind": who.speaker_kind,
                    "speaker_group": who.speaker_group,
                    "speaker_alias": who.speaker_alias,
                    "speaks_for": who.speaks_for,
                    "cue": who.cue,
                    "cue_stance": who.cue_stance,
                    "attribution": who.method,
                    "kind": quotes.quote_kind(inner),
                    "marks": span.marks,
                    "closed": span.closed,
                    "n_words": len(segment.words(inner)),
                }
            )
    for number, row in enumerate(quote_rows, start=1):
        row["quote_id"] = f"{aid}-q{number:02d}"
    removed_rows = [
        {
            "article_id": aid,
            "line_no": r.line_no,
            "text": r.text,
            "rule": r.rule,
            "reason": r.reason,
            "kept_as": r.kept_as,
        }
        for r in cleaned.removed
    ]
    return cleaned, sentence_rows, quote_rows, removed_rows


def _article_row(
    article: metadata.Article, cleaned: clean.CleanArticle, sentences: list[dict], quote_rows: list[dict]
) -> dict:
    meta = article.meta
    body = [s for s in sentences if s["unit_type"] == "body"]
    body_ids = {s["sentence_id"] for s in body}
    body_quotes = [q for q in quote_rows if q["sentence_id"] in body_ids]
    n_words = sum(s["n_words"] for s in body)
    quoted_words = sum(q["n_words"] for q in body_quotes)
    return {
        "article_id": meta["article_id"],
        "source_file": meta["source_file"],
        "outlet": meta["outlet"],
        "label": meta["label"],
        "group": meta["group"],
        "author": meta["author"] or cleaned.byline,
        "published": meta["published"] or cleaned.published,
        "headline": meta["headline"] or cleaned.headline,
        "wire_credit": meta["wire_credit"] or cleaned.wire_credit,
        "n_paragraphs": len(cleaned.paragraphs),
        "n_sentences": len(body),
        "n_words": n_words,
        "n_display_units": len(sentences) - len(body),
        "n_quotes": len(body_quotes),
        "quoted_word_share": round(quoted_words / n_words, 4) if n_words else 0.0,
        "extracted_headline": cleaned.headline,
        "extracted_standfirst": cleaned.standfirst,
        "extracted_byline": cleaned.byline,
        "extracted_published": cleaned.published,
        "extracted_wire_credit": cleaned.wire_credit,
        "n_removed_lines": len(cleaned.removed),
        **{
            key: meta[key]
            for key in ("outlet_evidence", "author_evidence", "published_evidence", "wire_credit_evidence", "notes")
        },
    }


def check_published(article: metadata.Article, cleaned: clean.CleanArticle, raw_dir: Path) -> None:
    """The metadata's date must be the page's story date when both exist (a banner does not count)."""
    given, shown = article.meta["published"], cleaned.published
    if given and shown and given != shown:
        raise metadata.CorpusError(
            f"{Path(raw_dir) / article.meta['source_file']}: metadata.csv gives published {given}, but the page's "
            f"date line {cleaned.dateline_no} ('{cleaned.dateline}') says {shown}. Correct `published` in "
            f"{Path(raw_dir) / metadata.METADATA_FILE}, or leave it empty to use the page's date."
        )


def build_corpus(raw_dir: Path, *, check_dates: bool = True, skip_bodiless: bool = False) -> Corpus:
    """Read, check, clean and segment every article under ``raw_dir``. For measuring the quote rules
    on test pages, ``check_dates=False`` skips the metadata-versus-page date check and
    ``skip_bodiless=True`` leaves out a page where no body is found instead of stopping."""
    metadata.verify_manifest(raw_dir)
    article_rows, sentence_rows, quote_rows, removed_rows = [], [], [], []
    for article in metadata.load_articles(raw_dir):
        cleaned, sentences, found, removed = _article_rows(article)
        if check_dates:
            check_published(article, cleaned, raw_dir)
        if not any(s["unit_type"] == "body" for s in sentences):
            if skip_bodiless:
                continue
            raise metadata.CorpusError(
                f"{Path(raw_dir) / article.meta['source_file']}: no article body found "
                f"(no line of {clean.BODY_MIN_WORDS}+ words ending in a full stop)"
            )
        article_rows.append(_article_row(article, cleaned, sentences, found))
        sentence_rows += sentences
        quote_rows += found
        removed_rows += removed
    if not article_rows:
        raise metadata.CorpusError(
            f"{raw_dir}: no text with an article body (no line of {clean.BODY_MIN_WORDS}+ words ending in a full stop)"
        )
    sentences = pd.DataFrame(sentence_rows)
    voices = voice.unit_voices(sentences, pd.DataFrame(quote_rows, columns=QUOTE_COLUMNS)).drop(columns="article_id")
    voices = voices.rename(columns={"speaker": "voice_speaker", "speaker_group": "voice_speaker_group"})
    sentences = sentences.merge(voices, on="sentence_id", how="left", validate="one_to_one")
    sentences = sentences.merge(copy.shared_copy(sentences), on="sentence_id", how="left", validate="one_to_one")

    return Corpus(
        articles=pd.DataFrame(article_rows),
        sentences=sentences,
        quotes=pd.DataFrame(quote_rows, columns=QUOTE_COLUMNS),
        removed_lines=pd.DataFrame(
            removed_rows, columns=["article_id", "line_no", "text", "rule", "reason", "kept_as"]
        ),
    )


def write_corpus(corpus: Corpus, out_dir: Path) -> dict[str, Path]:
    """Write the four tables as CSV into ``out_dir``; returns {name: path}."""
    return {name: storage.write_table(table, Path(out_dir) / f"{name}.csv") for name, table in corpus.tables().items()}


def read_corpus(processed_dir: Path) -> Corpus:
    """Read the four tables back from ``processed_dir``."""
    return Corpus(**{name: storage.read_table(Path(processed_dir) / f"{name}.csv") for name in TABLE_NAMES})


def body(sentences: pd.DataFrame) -> pd.DataFrame:
    """The body sentences only (display units such as headlines and captions left out): every
    per-text summary (rates, means, shares) is over the body, so texts with and without a headline compare."""
    return sentences[sentences["unit_type"] == "body"]


def with_labels(table: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the outlet ``label`` and ``group`` of its ``article_id`` joined on."""
    return table.merge(articles[["article_id", "label", "group"]], on="article_id", how="left", validate="many_to_one")


NO_SPEAKER = "(no speaker named)"  # how tables and figures show a quote the rules could not attribute
EXTRACTED_FIELDS = ("author", "headline", "wire_credit")  # metadata a page also shows (published is checked on load)


def outlet_summary(corpus: Corpus) -> pd.DataFrame:
    """Per text: body size, display units, quotes (body), quoted share of words, the share of its
    body words in each voice (``framing.voice``) and the distinct named speakers quoted."""
    body_sentences = body(corpus.sentences)
    quoted = corpus.quotes[corpus.quotes["sentence_id"].isin(set(body_sentences["sentence_id"]))]
    speakers = (
        quoted[quoted["speaker"] != ""]
        .groupby("article_id")["speaker"]
        .agg(lambda s: ", ".join(sorted(set(s))))
        .rename("speakers")
    )
    unattributed = (quoted["speaker"] == "").groupby(quoted["article_id"]).sum().rename("n_quotes_no_speaker")
    words = body_sentences.groupby("article_id")[[f"words_{v}" for v in voice.VOICES]].sum()
    shares = words.div(words.sum(axis=1), axis=0).add_prefix("share_")
    columns = [
        "article_id",
        "label",
        "group",
        "n_paragraphs",
        "n_sentences",
        "n_display_units",
        "n_words",
        "n_quotes",
        "quoted_word_share",
    ]
    summary = (
        corpus.articles[columns]
        .merge(speakers, on="article_id", how="left")
        .merge(unattributed, on="article_id", how="left")
        .merge(shares, on="article_id", how="left")
    )
    summary = summary.fillna({"speakers": "", "n_quotes_no_speaker": 0})
    summary["n_quotes_no_speaker"] = summary["n_quotes_no_speaker"].astype(int)
    summary["n_speakers"] = summary["speakers"].map(lambda s: len(s.split(", ")) if s else 0)
    return summary


def metadata_disagreements(articles: pd.DataFrame) -> pd.DataFrame:
    """Texts whose hand-entered metadata and page extraction both give a value and differ (the
    date is checked on load and stops the run; these are shown, not errors): article_id, label,
    field, metadata, extracted."""
    rows = []
    for row in articles.to_dict("records"):
        for field in EXTRACTED_FIELDS:
            given, found = row[field], row[f"extracted_{'byline' if field == 'author' else field}"]
            if given and found and " ".join(given.split()) != " ".join(found.split()):
                rows.append(
                    {
                        "article_id": row["article_id"],
                        "label": row["label"],
                        "field": field,
                        "metadata": given,
                        "extracted": found,
                    }
                )
    return pd.DataFrame(rows, columns=["article_id", "label", "field", "metadata", "extracted"])


def removed_summary(corpus: Corpus) -> pd.DataFrame:
    """Removed lines counted per rule: lines, texts, and how many were kept as display units."""
    removed = corpus.removed_lines
    return (
        removed.groupby("rule", as_index=False)
        .agg(
            lines=("line_no", "count"),
            texts=("article_id", "nunique"),
            kept_as_display_unit=("kept_as", lambda k: int((k != "").sum())),
            reason=("reason", "first"),
        )
        .sort_values(["lines", "rule"], ascending=[False, True])
        .reset_index(drop=True)
    )


def quotes_by_speaker(corpus: Corpus) -> pd.DataFrame:
    """Quotes and quoted words per text and speaker (canonical name and group), every unit type;
    a quote with no speaker is counted under ``NO_SPEAKER``."""
    quoted = with_labels(corpus.quotes, corpus.articles)
    quoted["speaker"] = quoted["speaker"].replace("", NO_SPEAKER)
    return (
        quoted.groupby(["article_id", "label", "speaker_group", "speaker"], as_index=False)
        .agg(n_quotes=("quote_id", "count"), quoted_words=("n_words", "sum"))
        .sort_values(["article_id", "n_quotes", "speaker"], ascending=[True, False, True])
        .reset_index(drop=True)
    )


def findings(corpus: Corpus, summary: pd.DataFrame) -> list[str]:
    """What notebook 01 states about the corpus, computed: size, display units, quotes and
    their speakers, and the spread of quoted words."""
    from framing import prose

    articles, quotes = corpus.articles, corpus.quotes
    groups = articles["group"].value_counts().sort_index()
    units = corpus.sentences["unit_type"].value_counts()
    displays = units.drop("body", errors="ignore")
    named = int((quotes["speaker"] != "").sum())
    top = summary[summary["quoted_word_share"] == summary["quoted_word_share"].max()]
    low = summary[summary["quoted_word_share"] == summary["quoted_word_share"].min()]
    lines = [
        f"The corpus holds **{prose.plural(len(articles), 'text')}** "
        f"({prose.listing(f'{n} in group `{g}`' for g, n in groups.items())}): "
        f"{prose.plural(int(summary['n_sentences'].sum()), 'body sentence')} "
        f"and {int(summary['n_words'].sum()):,} words, "
        f"plus {prose.plural(int(displays.sum()), 'display unit')} "
        f"({prose.listing(f'{n} {t}' for t, n in displays.sort_index().items())}).",
        f"The rules find **{prose.plural(len(quotes), 'direct quote')}**; "
        f"{prose.share(named, len(quotes))} have a named speaker, {len(quotes) - named:,} none.",
        f"Quoted words make up {prose.span(summary['quoted_word_share'].min(), summary['quoted_word_share'].max())} "
        f"of a text's body: most in {prose.listing(top['label'])}, least in {prose.listing(low['label'])}.",
    ]
    return lines
