"""The explorer on the real tables: selection, search, highlighting, paging, labels, export, and the
explorer notebook executed headless (slow, with a timeout).

The tables are built from data/raw by the current code, as the numbered notebooks build them, and
written to a scratch folder: the committed data/processed may lag behind the code. Nothing here
names an outlet, a unit or a count of the seed corpus: each expectation is computed from the tables.
"""

from __future__ import annotations

import html
import re

import nbformat
import pandas as pd
import papermill
import pytest

from framing import codings, corpus, explore, frames, packages, paths, rhetoric, sentiment, storage

TAG = re.compile(r"<[^>]+>")


def plain(fragment: str) -> str:
    """HTML as the reader sees it: tags dropped, entities decoded."""
    return html.unescape(TAG.sub("", fragment))


@pytest.fixture(scope="module")
def processed(built, tmp_path_factory):
    """The tables the explorer reads, made as notebooks 01-04 make them."""
    folder = tmp_path_factory.mktemp("processed")
    corpus.write_corpus(built, folder)
    s, q, a = built.sentences, built.quotes, built.articles
    matches = rhetoric.match_sentences(s, q)
    storage.write_table(matches, folder / "rhetoric_matches.csv")
    storage.write_table(rhetoric.actor_mentions(s, q), folder / "actor_mentions.csv")
    storage.write_table(sentiment.score_sentences(s), folder / "sentiment_sentences.csv")
    evidence = frames.frame_evidence(frames.frame_codebook(), frames.build_evidence(s, q, matches))
    storage.write_table(corpus.with_labels(evidence, a), folder / "frame_evidence.csv")
    hand = packages.coded_units(codings.gold(*codings.load_all()), s, a, packages.HAND)
    storage.write_table(hand.drop(columns=["note"], errors="ignore"), folder / "unit_codes.csv")
    return folder


@pytest.fixture(scope="module")
def data(processed):
    return explore.load(processed)


def table(processed, name: str) -> pd.DataFrame:
    return storage.read_table(processed / f"{name}.csv")


def units_of(page: str) -> list[str]:
    return re.findall(r'<li class="fx-unit" data-sentence-id="([^"]+)"', page)


# ----------------------------------------------------------------------------- data and filters


def test_loads_every_unit_in_reading_order_with_outlets_in_article_order(data, processed):
    sentences, articles = table(processed, "sentences"), table(processed, "articles")
    assert len(data.sentences) == len(sentences)
    assert data.outlets() == articles.sort_values("article_id")["label"].tolist()
    assert (
        data.sentences["sentence_id"].tolist()
        == sentences.sort_values(["article_id", "position"])["sentence_id"].tolist()
    )


def test_each_filter_keeps_exactly_the_units_its_table_names(data, processed):
    options = data.options()
    matches, mentions, evidence = (
        table(processed, "rhetoric_matches"),
        table(processed, "actor_mentions"),
        table(processed, "frame_evidence"),
    )
    sentences = data.sentences
    expected = {
        "outlet": lambda v: set(sentences.loc[sentences["label"] == v, "sentence_id"]),
        "part": lambda v: set(sentences.loc[sentences["unit_type"] == v, "sentence_id"]),
        "voice": lambda v: set(sentences.loc[sentences["voice"] == v, "sentence_id"]),
        "category": lambda v: set(matches.loc[matches["category"] == v, "sentence_id"]),
        "actor_group": lambda v: set(mentions.loc[mentions["actor_group"] == v, "sentence_id"]),
        "frame": lambda v: set(evidence.loc[evidence["item_id"] == v, "sentence_id"]),
    }
    assert set(expected) | {"hand_code"} <= set(options)
    for name, ids in expected.items():
        for _, value in options[name]:
            chosen = explore.select(data, **{name: value})
            assert set(chosen["sentence_id"]) == ids(value) and len(chosen) == len(ids(value)), (name, value)
    outlet, category = options["outlet"][0][1], options["category"][0][1]
    both = explore.select(data, outlet=outlet, category=category)
    assert set(both["sentence_id"]) == expected["outlet"](outlet) & expected["category"](category)


def test_hand_code_filter_reads_the_validated_codes(data, processed):
    codes = table(processed, "unit_codes")
    options = dict((v, k) for k, v in data.options()["hand_code"])
    binary = next(v for v in options if v.endswith("=yes"))
    variable = binary.split("=")[0]
    assert set(explore.select(data, hand_code=binary)["sentence_id"]) == set(
        codes.loc[codes[variable] == "yes", "sentence_id"]
    )
    role = next(v for v in options if v.startswith("cause="))
    group = role.split("=", 1)[1]
    held = codes["cause"].fillna("").map(lambda cell: group in [p.split("[")[0] for p in cell.split(";")])
    assert set(explore.select(data, hand_code=role)["sentence_id"]) == set(codes.loc[held, "sentence_id"])
    assert not any("_" in label.split(":")[0] for label in options.values()), "hand-code names shown as codes"


def test_options_use_the_codebooks_names_not_codes(data):
    categories = storage.read_table(paths.LEXICON_DIR / "rhetoric_categories.csv")
    shown = dict((v, k) for k, v in data.options()["category"])
    assert shown == {c: label for c, label in zip(categories["category"], categories["label"]) if c in shown}
    book = frames.frame_codebook().set_index("item_id")
    for label, item in data.options()["frame"]:
        assert label == f"{book.at[item, 'frame']}: {book.at[item, 'label']}" and item not in label


def test_a_parameter_outside_the_data_is_refused_with_the_choices(data):
    with pytest.raises(ValueError, match="not in the data; choose one of"):
        explore.Explorer(data, outlet="No Such Outlet")
    outlet = data.outlets()[-1]
    assert explore.Explorer(data, outlet=outlet.upper()).filters.outlet == outlet  # a label in any case


# ----------------------------------------------------------------------------- search


def test_search_folds_apostrophes_and_quotes(data):
    texts = data.sentences["text"]
    word = next(m.group(0) for t in texts for m in [re.search(r"\b\w+\u2019\w+\b", t)] if m)
    typed = word.replace("\u2019", "'")
    expected = {
        sid
        for sid, t in zip(data.sentences["sentence_id"], texts)
        if re.search(rf"(?<!\w){re.escape(typed)}(?!\w)", t.replace("\u2019", "'"), re.I)
    }
    for query in (typed, word, typed.upper()):
        assert set(explore.select(data, query=query)["sentence_id"]) == expected and expected


def test_search_is_literal_whole_word_or_prefix(data):
    words = re.findall(r"[A-Za-z]{8,}", " ".join(data.sentences["text"]))
    word = next(w for w in words if any(o.lower().startswith(w.lower()) and o.lower() != w.lower() for o in words))
    whole = explore.select(data, query=word)
    prefix = explore.select(data, query=word, prefix=True)
    assert 0 < len(whole) < len(prefix) or 0 < whole["hits"].sum() < prefix["hits"].sum()
    assert explore.search_pattern(word[:-1]).search(word) is None  # not inside a longer word
    assert explore.search_pattern(word[:-1], prefix=True).search(word)
    assert explore.search_pattern("a.c").search("abc") is None  # a dot is a dot
    assert explore.select(data, query="((").empty and explore.select(data, query="[a-z]+").empty
    spread = explore.search_pattern("road   to")  # any run of spaces between the words
    assert spread.search("the road to") and spread.search("the road\u00a0to")


def test_search_hits_are_highlighted_and_the_query_escaped(data):
    word = re.search(r"[A-Za-z]{6,}", data.sentences["text"].iat[0]).group(0)
    filters = explore.Filters(query=word)
    page = explore.page_html(data, explore.select(data, filters), filters)
    marked = re.findall(r'<mark class="fx-search[^"]*"[^>]*>([^<]+)</mark>', page)
    assert marked and all(m.lower() == word.lower() for m in marked)
    for query in ("<i>x</i>", "a<b", '"><script>alert(1)</script>'):
        filters = explore.Filters(query=query)
        page = explore.page_html(data, explore.select(data, filters), filters)
        assert "<i>" not in page and "<script>" not in page and "&lt;" in page
        assert query in plain(page)


def test_kwic_lists_every_hit_in_context(data):
    word = re.findall(r"[A-Za-z]{5,}", " ".join(data.sentences["text"]))[3]
    hits = explore.kwic(data.sentences, word, width=30)
    assert len(hits) == explore.select(data, query=word)["hits"].sum() > 0
    assert (hits["keyword"].str.lower() == word.lower()).all() and (hits["left"].str.len() == 30).all()
    assert explore.kwic(data.sentences, "  ").empty


# ----------------------------------------------------------------------------- what a unit shows


def test_every_text_is_escaped_and_shown_whole(data):
    everything = explore.page_html(data, explore.select(data), explore.Filters())
    bodies = re.findall(r'<div class="fx-text">(.*?)</div>', everything)
    assert [plain(b) for b in bodies] == data.sentences["text"].tolist()
    assert "<" not in TAG.sub("", everything.replace("<style>", "").split("</style>", 1)[1])


def test_highlight_escapes_and_splits_overlaps_without_dropping_any():
    text = "Moscow plays with <fire> & more"
    marked = explore.highlight(
        text, [(0, 6, "actor", "Russia"), (18, 24, "rhetoric", 'threat: "fire"'), (13, 24, "search", "hit")]
    )
    assert plain(marked) == text
    assert 'title="threat: &quot;fire&quot;"' not in marked  # the piece covered twice carries both titles
    assert 'title="hit | threat: &quot;fire&quot;"' in marked and "&lt;fire&gt;</mark>" in marked
    assert marked.count("<mark") == 3  # Moscow; 'with '; '<fire>'


def test_tone_is_the_masked_score_and_says_so(data, processed):
    scores = table(processed, "sentiment_sentences").set_index("sentence_id")
    differ = scores.index[(scores["vader_compound"] - scores["vader_compound_masked"]).abs() >= 0.005]
    assert len(differ) > 0
    page = explore.page_html(data, explore.select(data), explore.Filters())
    for sid in differ:
        unit = re.search(rf'data-sentence-id="{sid}">(.*?)</li>', page).group(1)
        shown = re.search(r'<span class="fx-tone" title="([^"]*)">([^<]*)</span>', unit)
        assert shown.group(2) == f"{explore.TONE_LABEL} {scores.at[sid, 'vader_compound_masked']:+.2f}"
        assert f"with names left in: {scores.at[sid, 'vader_compound']:+.2f}" in shown.group(1)


def test_frame_filter_highlights_its_evidence_with_voice_and_speaker(data, processed):
    evidence = table(processed, "frame_evidence")
    item = evidence["item_id"].value_counts().index[0]
    filters = explore.Filters(frame=item)
    chosen = explore.select(data, filters)
    page = explore.page_html(data, chosen, filters)
    assert "fx-rhetoric" not in page, "rhetoric terms highlighted under a frame filter"
    rows = evidence[evidence["item_id"] == item]
    notes = [n for _, row in chosen.iterrows() for n in explore.unit_notes(data, row, filters) if n.kind == "frame"]
    assert len(notes) == len(rows) and all(n.start is not None for n in notes), "evidence not located in its unit"
    for row in rows.itertuples():
        voice = explore.VOICE_LABELS[row.voice]
        assert any(voice in n.words and (row.voice == "own_narration" or row.speaker in n.words) for n in notes)
    marks = re.findall(r'<mark class="fx-frame[^"]*"[^>]*title="([^"]*)"', page)
    assert marks and all(html.unescape(t).startswith(data.frame_label(item)) for t in marks)
    assert page.count("(this frame):") == len(chosen)  # the hand code of that frame beside each unit


def test_category_view_shows_names_not_codes_or_patterns(data, processed):
    matches = table(processed, "rhetoric_matches")
    category = matches.loc[matches["term"].str.contains(r"[*|]|\.\.", regex=True), "category"].iat[0]
    filters = explore.Filters(category=category)
    page = plain(explore.page_html(data, explore.select(data, filters), filters))
    assert data.category_label(category) in page
    assert not [c for c in matches["category"].unique() if "_" in c and c in page], "category codes shown"
    patterns = set(
        matches.loc[(matches["category"] == category) & matches["term"].str.contains(r"[*|]|\.\.", regex=True), "term"]
    )
    assert patterns and not any(p in page for p in patterns)


def test_units_carry_their_hand_codes_labelled(data, processed):
    codes = table(processed, "unit_codes")
    page = explore.page_html(data, explore.select(data), explore.Filters())
    assert page.count("hand codes (validated):") == (codes["code_source"] == packages.HAND).sum() > 0
    assert "against_pressure" not in page and "own_narration" not in page


# ----------------------------------------------------------------------------- the widgets


def test_one_live_view_pages_through_every_unit(data):
    ui = explore.Explorer(data, page_size=10)
    seen = []
    while True:
        assert ui.view.value.count('class="fx-view') == 1
        seen += units_of(ui.view.value)
        if ui.next.disabled:
            break
        ui.next.click()
    assert seen == data.sentences["sentence_id"].tolist()
    ui.show_all.value = True
    assert units_of(ui.view.value) == seen and ui.previous.disabled and ui.next.disabled


def test_a_change_redraws_the_view_in_place_and_resets_the_page(data):
    ui = explore.Explorer(data, page_size=5)
    ui.next.click()
    before = ui.renders
    outlet = data.outlets()[-1]
    ui.controls["outlet"].value = outlet
    assert ui.renders == before + 1 and ui.page == 0
    assert units_of(ui.view.value) == explore.select(data, outlet=outlet)["sentence_id"].head(5).tolist()
    bundle = ui._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle and ui.view.value in bundle["text/html"]


def test_export_writes_the_whole_selection(data, tmp_path):
    outlet = data.outlets()[0]
    item = data.options()["frame"][0][1]
    ui = explore.Explorer(data, page_size=2, export_dir=tmp_path, outlet=outlet, frame=item)
    path = ui.export()
    written = storage.read_table(path)
    chosen = explore.select(data, outlet=outlet, frame=item)
    assert path.parent == tmp_path and written["sentence_id"].tolist() == chosen["sentence_id"].tolist()
    assert {"tone_vader_names_masked", "frame_evidence", "hand_problem", "code_source"} <= set(written.columns)
    assert (written["outlet"] == outlet).all() and written["frame_evidence"].str.len().gt(0).all()
    assert 'download="' in ui.export_status.value and str(len(chosen)) in ui.export_status.value


# ----------------------------------------------------------------------------- the notebook


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_explorer_notebook_executes_headless(processed, data, tmp_path):
    row = next(r for r in data.sentences.itertuples() if re.search(r"\b\w+\u2019\w+\b", r.text))
    word, outlet = re.search(r"\b\w+\u2019\w+\b", row.text).group(0).replace("\u2019", "'"), row.label
    out = tmp_path / "explore.ipynb"
    papermill.execute_notebook(
        str(paths.NOTEBOOKS_DIR / "explore-corpus.ipynb"),
        str(out),
        kernel_name="python3",
        cwd=str(paths.NOTEBOOKS_DIR),
        progress_bar=False,
        start_timeout=60,
        execution_timeout=120,
        parameters={
            "PROCESSED_DIR": str(processed),
            "EXPORT_DIR": str(tmp_path / "exports"),
            "QUERY": word,
            "OUTLET": outlet,
        },
    )
    outputs = [
        o
        for c in nbformat.read(out, as_version=4).cells
        for o in c.get("outputs", [])
        if o.get("output_type") == "display_data"
    ]
    views = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o["data"]]
    assert len(views) == 1 and len(outputs) == 1, "the explorer must be displayed once"
    page = views[0]["data"]["text/html"]
    expected = explore.select(data, outlet=outlet, query=word)
    assert units_of(page) == expected["sentence_id"].head(explore.PAGE_SIZE).tolist() and len(expected)
    assert 'class="fx-search' in page and not (tmp_path / "exports").exists()


# ----------------------------------------------------------------------------- any corpus


def test_a_small_new_corpus_with_no_scoring_tables_works(tmp_path):
    """Only the corpus tables of the data contract, other outlets and ids: filters, search, paging, export."""
    articles = pd.DataFrame({"article_id": ["a1", "b2"], "label": ["Gazette <b>", "Courier"], "group": ["x", "y"]})
    texts = ["The minister\u2019s plan & the \u201cdeal\u201d.", "Talks <i>stall</i> again.", "The minister's reply."]
    sentences = pd.DataFrame(
        {
            "sentence_id": ["a1-001", "a1-002", "b2-001"],
            "article_id": ["a1", "a1", "b2"],
            "position": [1, 2, 1],
            "unit_type": "body",
            "voice": "own_narration",
            "voice_speaker": "outlet",
            "text": texts,
            "quote_spans": "",
        }
    )
    for name, frame in (
        ("articles", articles),
        ("sentences", sentences),
        ("quotes", pd.DataFrame(columns=["quote_id", "article_id", "sentence_id", "text"])),
        ("removed_lines", pd.DataFrame(columns=["article_id", "line_no", "text", "rule"])),
    ):
        storage.write_table(frame, tmp_path / f"{name}.csv")
    small = explore.load(tmp_path)
    assert set(small.options()) == {"outlet", "part", "voice"} and small.outlets() == ["Gazette <b>", "Courier"]
    ui = explore.Explorer(small, page_size=1, export_dir=tmp_path / "out", query="minister's")
    assert (
        ui.position.value.startswith("1\u20131 of 2")
        and "Gazette &lt;b&gt;" in ui.view.value
        and "<b>Gazette <b>" not in ui.view.value
    )
    ui.next.click()
    assert units_of(ui.view.value) == ["b2-001"]
    ui.query.value = ""
    assert [
        plain(b)
        for b in re.findall(
            r'<div class="fx-text">(.*?)</div>', explore.page_html(small, explore.select(small), explore.Filters())
        )
    ] == texts
    assert storage.read_table(ui.export())["sentence_id"].tolist() == ["a1-001", "a1-002", "b2-001"]


def test_frame_evidence_offsets_are_used_when_the_table_has_them(data):
    row = data.sentences.iloc[0]
    word = re.search(r"[A-Za-z]{5,}", row["text"]).group(0)
    start = row["text"].index(word)
    evidence = pd.DataFrame(
        {
            "item_id": ["x_1", "x_1"],
            "sentence_id": [row["sentence_id"]] * 2,
            "evidence": [word, "no such words"],
            "voice": "own_narration",
            "speaker": "outlet",
            "start": [float(start), float("nan")],
            "end": [start + len(word), float("nan")],
        }
    )
    local = explore.ExplorerData(
        data.sentences, {"frames": evidence}, {}, pd.DataFrame(columns=["item_id", "frame", "label"]), {}
    )
    notes = explore.unit_notes(local, row, explore.Filters(frame="x_1"))
    assert [(n.start, n.end) for n in notes] == [(start, start + len(word)), (None, None)]
    # an item missing from the codebook: its id made readable
    assert "not located" in notes[1].words and "x 1" in notes[0].title
