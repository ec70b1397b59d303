"""Cleaning: general rules on real lines, the full audit on the five texts, and a page from a sixth site."""

from __future__ import annotations

import pytest

from framing import clean, paths


def _clean(article_id: str) -> clean.CleanArticle:
    path = next(paths.RAW_DIR.glob(f"{article_id}_*.txt"))
    return clean.clean_article(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("Saturday 02 September 2017 05:41 EDT", "2017-09-02"),
        ("Date: 26 September 2017", "2017-09-26"),
        ("September 1, 2017", "2017-09-01"),
        ("In an article published on the Kremlin’s website on September 1, Putin obliquely criticized", ""),
        ("Posted 31 June 2017", ""),  # reads like a date, is none: not a dateline, and no crash
        ("31 June 2017, then 2 July 2017", "2017-07-02"),
    ],
)
def test_parse_date(text_in, expected):
    assert clean.parse_date(text_in) == expected


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("Saturday 02 September 2017 05:41 EDT", True),
        ("Date: 26 September 2017", True),
        ("On September 22, Vladimir Putin’s spokesman Dmitry Peskov expressed his “deep concern”.", False),
    ],
)
def test_is_dateline(text_in, expected):
    assert clean.is_dateline(text_in) is expected


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("Your support helps us to tell the story", True),
        ("At such a critical moment in US history, we need reporters on the ground.", True),
        ("RFE/RL journalists report the news in 27 languages. We provide what many people cannot get locally.", True),
        # first person inside quotes is the speaker's, not the outlet's
        ("when he said, “If we want to avoid a war, the first step must be taken by the side that is more intelligent and stronger,” in a clear reference to the United States.", False),
        # "US" in capitals is the country
        ("Pyongyang has also threatened to surround the US territory of Guam.", False),
        # single marks (British style) and a quote left open for the next paragraph are quotes too
        ("Lavrov said: 'We will not accept any new sanctions,' adding that talks must go on.", False),
        ("“We are convinced that the crisis can only be resolved by talks", False),
    ],
)
def test_addresses_reader(text_in, expected):
    assert clean.addresses_reader(text_in) is expected


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("“Provocations, pressure, and bellicose and offensive rhetoric is the road to nowhere.”", True),
        ("balanced on the verge of a large-scale conflict”, Reuters reported.", True),
        ("North Korea's estimated missile ranges", False),
        ("Putin Says Threat Of 'Large-Scale Conflict' Looms Over Korean Peninsula", False),
    ],
)
def test_ends_like_a_sentence(text_in, expected):
    assert clean.ends_like_a_sentence(text_in) is expected


@pytest.mark.parametrize(
    "text_in, expected",
    [("With reporting by Reuters and AFP", "Reuters; AFP"), ("Additional reporting by Reuters", "Reuters"),
     ("Reporting by Associated Press; editing by Reuters staff", "AP; Reuters")],
)
def test_wire_agencies(text_in, expected):
    assert clean.wire_agencies(text_in) == expected


EXPECTED_REMOVALS = {
    "000": [],
    "001": [(1, "site_navigation"), (3, "site_navigation"), (5, "headline"), (7, "image_credit"),
            (8, "image_credit"), (32, "wire_credit"), (33, "image_credit"), (36, "reader_appeal")],
    "002": [(1, "headline"), (3, "front_matter_label"), (4, "image_credit")],
    "003": [(1, "notification_prompt"), (3, "notification_prompt"), (5, "headline"), (7, "standfirst"),
            (9, "byline"), (10, "dateline"), (11, "comment_widget"), (12, "repeated_caption"),
            (13, "image_credit"), (15, "reader_appeal"), (17, "reader_appeal"), (19, "reader_appeal"),
            (21, "reader_appeal"), (23, "reader_appeal"), (41, "media_title"), (47, "media_title"),
            (53, "wire_credit"), (55, "comment_widget"), (57, "comment_widget"), (59, "comment_widget"),
            (61, "comment_widget"), (63, "comment_widget")],
    "004": [(1, "masthead"), (3, "dateline"), (5, "headline"), (10, "image_credit"), (16, "copyright_notice"),
            (18, "tags_and_related"), (22, "tags_and_related"), (23, "tags_and_related")],
}


@pytest.mark.parametrize("article_id", sorted(EXPECTED_REMOVALS))
def test_every_boilerplate_line_of_the_seeds_is_removed_by_the_right_rule(article_id):
    """The audit read line by line against the five texts (README: 'What the cleaning removed')."""
    assert [(r.line_no, r.rule) for r in _clean(article_id).removed] == EXPECTED_REMOVALS[article_id]


@pytest.mark.parametrize("article_id", sorted(EXPECTED_REMOVALS))
def test_body_and_removed_lines_cover_every_non_blank_line_once(article_id):
    path = next(paths.RAW_DIR.glob(f"{article_id}_*.txt"))
    non_blank = {no for no, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if clean.display_line(line)}
    article = _clean(article_id)
    body = [no for no, _ in article.paragraphs]
    removed = [r.line_no for r in article.removed]
    assert not set(body) & set(removed)
    assert set(body) | set(removed) == non_blank


def test_front_matter_goes_to_metadata_fields():
    article = _clean("003")
    assert article.headline == "Putin warns Washington provocative rhetoric could spark ‘large-scale conflict’ with North Korea"
    assert article.standfirst.startswith("'Provocations, pressure, and")
    assert (article.byline, article.published, article.wire_credit) == ("Harry Cockburn", "2017-09-02", "Reuters")
    assert _clean("001").wire_credit == "Reuters; AFP"
    assert _clean("004").published == "2017-09-26"


def test_body_keeps_quote_only_paragraphs_and_short_final_sentences():
    article = _clean("003")
    texts = [text for _, text in article.paragraphs]
    assert "“Provocations, pressure, and bellicose and offensive rhetoric is the road to nowhere.”" in texts
    assert any(t.startswith("Fox News found Australian Prime Minister") for _, t in _clean("000").paragraphs)


SIXTH_SITE = """World News
Kremlin says sanctions on Pyongyang are a dead end

By Jane Doe
Monday 4 September 2017 10:00 BST

A Russian official at the UN
A Russian official at the UN (AP)

Sign up to our free morning newsletter and get the news you need.

Russia's envoy to the United Nations said on Monday that new sanctions against North Korea would lead nowhere and urged talks.

The envoy repeated Moscow's call for a freeze on missile tests and military drills, a plan backed by China.

Watch: Security Council meets on North Korea

The Security Council is expected to vote on a US draft resolution next week.

Related articles
© 2017 Example Media. All rights reserved.
"""


def test_a_page_from_a_sixth_site_cleans_itself():
    article = clean.clean_article(SIXTH_SITE)
    rules = {r.text: r.rule for r in article.removed}
    assert article.headline == "Kremlin says sanctions on Pyongyang are a dead end"
    assert (article.published, article.byline) == ("2017-09-04", "Jane Doe")
    assert rules["World News"] == "section_label"
    assert rules["A Russian official at the UN"] == "repeated_caption"
    assert rules["Sign up to our free morning newsletter and get the news you need."] == "reader_appeal"
    assert rules["Watch: Security Council meets on North Korea"] == "media_title"
    assert rules["Related articles"] == "tags_and_related"
    assert rules["© 2017 Example Media. All rights reserved."] == "copyright_notice"
    assert [t[:20] for _, t in article.paragraphs] == ["Russia's envoy to th", "The envoy repeated M", "The Security Council"]
