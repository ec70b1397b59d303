"""The explorer's functions on the real tables, and the explorer notebook executed headless."""

from __future__ import annotations

import re

import nbformat
import papermill
import pytest

from framing import explore, paths


@pytest.fixture(scope="module")
def data():
    return explore.load(paths.PROCESSED_DIR)


def test_outlets_in_article_order(data):
    assert data.outlets() == ["Aggregator (000)", "RFE/RL", "Newsweek", "The Independent", "Russia Monitor"]


def test_select_by_outlet_and_category_keeps_only_matching_sentences(data):
    chosen = explore.select(data, outlet="Russia Monitor", category="hedging")
    matches = data.tables["matches"]
    expected = set(matches.loc[(matches["category"] == "hedging") & (matches["article_id"] == "004"), "sentence_id"])
    assert set(chosen["sentence_id"]) == expected and expected
    assert "vader_compound" in chosen.columns


def test_select_by_actor_group_and_frame(data):
    by_actor = explore.select(data, actor_group="Australia")
    assert all("Turnbull" in t or "Australia" in t for t in by_actor["text"]) and len(by_actor) == 2
    item, label_and_id = "en_cause_4", dict((v, k) for k, v in data.frame_options())
    assert item in label_and_id
    by_frame = explore.select(data, frame=item)
    evidence = data.tables["frames"]
    assert set(by_frame["sentence_id"]) == set(evidence.loc[evidence["item_id"] == item, "sentence_id"])


def test_highlight_escapes_text_and_marks_spans():
    text = "Moscow plays with <fire> & more"
    marked = explore.highlight(text, [(0, 6, "actor", "Russia"), (18, 24, "rhetoric", 'threat: "fire"')])
    assert marked.startswith('<mark style="background:#cde8ff" title="Russia">Moscow</mark>')
    assert '<mark style="background:#ffe08a" title="threat: &quot;fire&quot;">&lt;fire&gt;</mark> &amp; more' in marked


def test_highlight_skips_overlaps():
    marked = explore.highlight("road to nowhere", [(0, 15, "rhetoric", "futility"), (8, 15, "rhetoric", "other")])
    assert marked.count("<mark") == 1


def test_sentences_html_shows_scores_and_matching_terms(data):
    chosen = explore.select(data, outlet="Russia Monitor", category="blame")
    page = explore.sentences_html(data, chosen, category="blame")
    assert f"<p>{len(chosen)} sentence(s)</p>" in page
    assert 'title="blame: ' in page and "VADER " in page


@pytest.mark.parametrize("query, hits", [("futile", 3), ("road to nowhere", 3), ("FUTILE", 3)])
def test_kwic_counts_every_hit(data, query, hits):
    table = explore.kwic(data.sentences, query)
    assert len(table) == hits
    expected = sum(len(re.findall(re.escape(query), t, re.I)) for t in data.sentences["text"])
    assert len(table) == expected
    assert (table["keyword"].str.lower() == query.lower()).all()


def test_kwic_context_is_aligned(data):
    table = explore.kwic(data.sentences, "futile", width=30)
    assert (table["left"].str.len() == 30).all()
    assert explore.kwic(data.sentences, "  ").empty


@pytest.mark.slow
def test_explorer_notebook_executes_headless(tmp_path):
    out = tmp_path / "explore.ipynb"
    papermill.execute_notebook(str(paths.NOTEBOOKS_DIR / "explore-corpus.ipynb"), str(out), kernel_name="python3",
                               cwd=str(paths.NOTEBOOKS_DIR), progress_bar=False,
                               parameters={"PROCESSED_DIR": str(paths.PROCESSED_DIR), "CATEGORY": "hedging"})
    html = "".join(o.get("data", {}).get("text/html", "") for c in nbformat.read(out, as_version=4).cells
                   for o in c.get("outputs", []))
    assert 'title="hedging: ' in html and "hit(s) for <b>futile</b>" in html
