"""Cleaning: general rules on real lines, the full audit on the five texts, display units, story
dates against date banners, and pages in the shapes of other sites."""

from __future__ import annotations

import pytest

from framing import clean
from tests.conftest import page_meta, page_text, raw_line, seed_outlet, seed_text


def _clean(article_id: str) -> clean.CleanArticle:
    """A seed cleaned as the corpus cleans it: with its outlet's name from the metadata."""
    return clean.clean_article(seed_text(article_id), seed_outlet(article_id))


def _rule_of(article: clean.CleanArticle, text: str) -> clean.Removal:
    found = [r for r in article.removed if r.text == text]
    assert len(found) == 1, text
    return found[0]


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("Saturday 02 September 2017 05:41 EDT", "2017-09-02"),
        ("Date: 26 September 2017", "2017-09-26"),
        ("September 1, 2017", "2017-09-01"),
        ("Sept. 1, 2017 at 6:30 p.m. EDT", "2017-09-01"),
        ("2nd September 2017, 9:41 am", "2017-09-02"),
        ("Posted : 2017-09-02 15:40", "2017-09-02"),
        ("In an article published on the Kremlin’s website on September 1, Putin obliquely criticized", ""),
        ("Posted 31 June 2017", ""),  # reads like a date, is none: not a dateline, and no crash
        ("31 June 2017, then 2 July 2017", "2017-07-02"),
        ("21.09.2017", "2017-09-21"),  # numeric, day first: 21 cannot be a month
        ("09/21/2017", "2017-09-21"),  # numeric, month first
        ("Published on 01/09/2017 at 18h12", ""),  # 1 September or 9 January: not guessed
    ],
)
def test_parse_date(text_in, expected):
    assert clean.parse_date(text_in) == expected


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("Published on 01/09/2017 at 18h12", ""),  # ambiguous: a date, but not which one
        ("21.09.2017", "2017-09-21"),
        ("09/21/2017", "2017-09-21"),
        ("31/02/2017", None),  # no such day
        ("13/13/2017", None),  # no such month either way
        ("Tu-95 bombers flew 2 sorties", None),
    ],
)
def test_numeric_date(text_in, expected):
    assert clean.numeric_date(text_in) == expected


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("Published on 01/09/2017 at 18h12", True),
        ("Saturday 02 September 2017 05:41 EDT", True),
        ("North Korea fired two missiles in July 2017", False),
        ("31/02/2017", False),
    ],
)
def test_has_date_counts_an_ambiguous_numeric_date(text_in, expected):
    assert clean.has_date(text_in) is expected


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("Published September 1, 2017 | Updated 2 September 2017", "2017-09-01"),
        ("Published 1 September 2017 (updated 2017-09-02 08:30)", "2017-09-01"),
        ("Published on 21/09/2017 | Updated September 22, 2017", "2017-09-21"),
    ],
)
def test_parse_date_returns_the_first_date_of_the_line(text_in, expected):
    assert clean.parse_date(text_in) == expected


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("Saturday 02 September 2017 05:41 EDT", True),
        ("Date: 26 September 2017", True),
        ("Posted by Martin Ashgrove on September 2, 2017 at 11:20 pm", True),  # labelled: may be longer
        ("World | 01/09/2017 16:48 GMT", True),  # ambiguous numeric date: still a date line
        ("On September 22, Vladimir Putin’s spokesman Dmitry Peskov expressed his “deep concern”.", False),
        ("Putin penned a statement published on the Kremlin's website on September 1, 2017", False),  # too long
    ],
)
def test_is_dateline(text_in, expected):
    assert clean.is_dateline(text_in) is expected


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("Sunday, 3 September 2017 | London 17°C Light cloud", True),
        ("Saturday 2 September 2017  |  Today’s Paper  |  Sydney 19°", True),
        ("Posted : 2017-09-02 15:40 | Updated : 2017-09-02 19:05", False),  # labelled: the story's own
        ("Saturday 02 September 2017 05:41 EDT", False),
    ],
)
def test_is_page_chrome(text_in, expected):
    assert clean.is_page_chrome(text_in) is expected


def _page_lines(page: str) -> dict[int, str]:
    return {no: line for no, line in enumerate(page.split("\n"), start=1) if line.strip()}


BODY = (
    "Russian President Vladimir Putin said on Friday that pressure on Pyongyang was futile "
    "and that only talks could end the stand-off."
)


def test_story_dateline_prefers_a_labelled_date_over_the_banner_above_it():
    lines = _page_lines(
        "Sunday, 3 September 2017\nUpdated 2 September 2017 08:30\n"
        f"Published 1 September 2017 14:05 BST\n{BODY}\n{BODY}"
    )
    assert clean.story_dateline(lines, [1, 2, 3], set()) == 3


def test_story_dateline_prefers_the_date_beside_the_byline():
    lines = _page_lines(
        f"Sunday, 3 September 2017\nTHE EXAMPLE HERALD\nPutin warns of conflict\nJane Doe\n"
        f"Friday 1 September 2017\n{BODY}\n{BODY}"
    )
    assert clean.story_dateline(lines, [1, 5], {4}) == 5


def test_story_dateline_skips_the_sites_header_strip():
    lines = _page_lines(f"Sunday, 3 September 2017 | Today's Paper\nFriday 1 September 2017\n{BODY}\n{BODY}")
    assert clean.story_dateline(lines, [1, 2], set()) == 2


def test_story_dateline_ignores_dates_after_the_last_body_line():
    """A comment's time stamp at the foot of the page is not the story's date."""
    lines = _page_lines(f"{BODY}\n{BODY}\nSaturday 2 September 2017 08:10")
    assert clean.story_dateline(lines, [3], set()) is None


BANNER_PAGE = f"""Sunday, 3 September 2017 | Today's Paper
Home | World | Asia | Opinion

Putin warns of 'large-scale conflict' over North Korea

Jane Doe
Friday 1 September 2017

{BODY}

The Kremlin published the article ahead of a summit of the BRICS nations in the Chinese city of Xiamen next week.

2 Comments
Saturday 2 September 2017 08:10
"""


def test_a_date_banner_is_not_the_story_date():
    article = clean.clean_article(BANNER_PAGE)
    assert (article.published, article.dateline_no, article.byline) == ("2017-09-01", 7, "Jane Doe")
    assert _rule_of(article, "Sunday, 3 September 2017 | Today's Paper").rule == "date_banner"
    assert _rule_of(article, "Saturday 2 September 2017 08:10").reason.startswith("another date line")
    assert article.headline == "Putin warns of 'large-scale conflict' over North Korea"


@pytest.mark.parametrize("article_id", ["101", "113", "117"])
def test_development_pages_with_a_later_site_banner_get_the_story_date(article_id):
    """Pages whose site banner shows 2 or 3 September above a story dated a day earlier."""
    article = clean.clean_article(page_text(article_id), page_meta(article_id)["outlet"])
    assert article.published == page_meta(article_id)["published"]


def test_an_ambiguous_numeric_date_line_is_removed_but_gives_no_date():
    """'01/09/2017' may be 1 September or 9 January: the line goes, ``published`` stays empty."""
    page = f"Putin warns of a major conflict in Korea\n\nPublished on 01/09/2017 at 18h12\n\n{BODY}\n"
    article = clean.clean_article(page)
    assert _rule_of(article, "Published on 01/09/2017 at 18h12").rule == "dateline"
    assert article.published == ""


def test_an_unambiguous_numeric_date_line_gives_the_date():
    page = f"Putin warns of a major conflict in Korea\n\nPublished on 21.09.2017 at 18h12\n\n{BODY}\n"
    assert clean.clean_article(page).published == "2017-09-21"


@pytest.mark.parametrize("article_id", ["114", "116"])
def test_a_date_line_with_separators_keeps_the_headline_and_the_date(article_id):
    """114: 'Source: Asia Bridge Daily | Editor: Wang Lin | 2017-09-01 21:36:08';
    116: 'Friday 1 September 2017 | 09:02 GMT | Markets Desk', each under its headline."""
    meta = page_meta(article_id)
    article = clean.clean_article(page_text(article_id), meta["outlet"])
    assert (article.headline, article.published) == (meta["headline"], meta["published"])


# ----------------------------------------------------------------------------- reader appeals


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("Your support helps us to tell the story", True),
        (raw_line("003", 19), True),  # "... we need reporters on the ground. Your donation allows us ..."
        ("RFE/RL journalists report the news in 27 languages. We provide what many people cannot get locally.", True),
        ("Sign up to our free morning newsletter and get the news you need.", True),
        ("That's all from us for today. Thanks for following.", True),
        # first person inside quotes is the speaker's, not the outlet's
        (
            "when he said, “If we want to avoid a war, the first step must be taken by the side that is more "
            "intelligent and stronger,” in a clear reference to the United States.",
            False,
        ),
        # "US" in capitals is the country
        ("Pyongyang has also threatened to surround the US territory of Guam.", False),
        # single marks (British style) and a quote left open for the next paragraph are quotes too
        ("Lavrov said: 'We will not accept any new sanctions,' adding that talks must go on.", False),
        ("“We are convinced that the crisis can only be resolved by talks", False),
        # an analysis or editorial in the first person plural argues; it does not appeal
        (
            "Our view is that Washington should test Moscow’s offer rather than dismiss it: ask Russia and China "
            "to spell out what they would require of Pyongyang first, and hold them to it.",
            False,
        ),
        (
            "Vladimir Putin’s article of 1 September casts Russia as the voice of restraint on the Korean "
            "Peninsula. We argue that its message is aimed less at Pyongyang than at Washington and its allies.",
            False,
        ),
    ],
)
def test_addresses_reader(text_in, expected):
    assert clean.addresses_reader(text_in) is expected


def test_an_outlet_speaking_of_itself_in_the_first_person_is_an_appeal():
    """The Independent's 'we know how important it is ...' names no appeal word, but names the outlet."""
    line = raw_line("003", 17)
    assert clean.addresses_reader(line, "The Independent") is True
    assert clean.addresses_reader(line, "Newsweek") is False


@pytest.mark.parametrize(
    "text_in, outlet",
    [
        ("Speaking to our correspondent, a deputy foreign minister said all parties must return to talks.", "RT"),
        ("Speaking to our correspondent in Tokyo, a Japanese official said the missile flew over Hokkaido.", "AP"),
    ],
)
def test_an_outlet_name_inside_another_word_is_not_the_outlet_naming_itself(text_in, outlet):
    assert clean.addresses_reader(text_in, outlet) is False


# ----------------------------------------------------------------------------- small line rules


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("“Provocations, pressure, and bellicose and offensive rhetoric is the road to nowhere.”", True),
        ("balanced on the verge of a large-scale conflict”, Reuters reported.", True),
        ("North Korea's estimated missile ranges", False),
        ("Putin Says Threat Of 'Large-Scale Conflict' Looms Over Korean Peninsula", False),
        ("Kevin_R says:", True),
    ],
)
def test_ends_like_a_sentence(text_in, expected):
    assert clean.ends_like_a_sentence(text_in) is expected


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("With reporting by Reuters and AFP", "Reuters; AFP"),
        ("Additional reporting by Reuters", "Reuters"),
        ("Reporting by Associated Press; editing by Reuters staff", "AP; Reuters"),
        ("Reporting by the Bourse Daily markets desk; editing by Sam Oduya", ""),
    ],
)
def test_wire_agencies(text_in, expected):
    assert clean.wire_agencies(text_in) == expected


@pytest.mark.parametrize(
    "text_in, expected",
    [
        (
            "• Putin says the Korean Peninsula is “on the brink of a major conflict”",
            "Putin says the Korean Peninsula is “on the brink of a major conflict”",
        ),
        ("- Russian leader backs a joint plan with China", "Russian leader backs a joint plan with China"),
        ("• 16x9 Image", ""),  # too short to be a point
        ("Pyongyang has been working to develop a nuclear-tipped missile.", ""),
    ],
)
def test_key_point(text_in, expected):
    assert clean.key_point(text_in) == expected


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("Russian President Vladimir Putin (file photo)", "Russian President Vladimir Putin"),
        (
            "Russian President Vladimir Putin and President Donald Trump meeting at the G20 Summit in Germany "
            "in July. Saul Loeb/AFP/Getty Images",
            "Russian President Vladimir Putin and President Donald Trump meeting at the G20 Summit in Germany in July",
        ),
        (
            "Washington not Pyongyang should take the initiative on constructive talks, Mr Putin urged (Reuters)",
            "Washington not Pyongyang should take the initiative on constructive talks, Mr Putin urged",
        ),
        ("North Korea's estimated missile ranges", "North Korea's estimated missile ranges"),  # no credit: unchanged
    ],
)
def test_caption_text_drops_the_credit(text_in, expected):
    assert clean.caption_text(text_in) == expected


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("Russian President Vladimir Putin (file photo)", True),
        ("© KCNA / JUSTIN LANE PAP/EPA", False),
        ("16x9 Image", False),
        ("RUSSIA MONITOR", False),
    ],
)
def test_is_caption(text_in, expected):
    assert clean.is_caption(text_in) is expected


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("Harry Cockburn", True),
        ("By Jane Doe", True),
        ("The Independent", False),
        ("Harry", False),
        ("Putin warns Washington provocative rhetoric could spark conflict", False),
    ],
)
def test_looks_like_name(text_in, expected):
    assert clean.looks_like_name(text_in) is expected


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("RUSSIA MONITOR", True),
        ("Moscow Consistent in the Korean Crisis", False),
        ("THE DAILY BLAZE NEWS AND MORE TODAY", False),
    ],
)
def test_is_masthead(text_in, expected):
    assert clean.is_masthead(text_in) is expected


def test_display_line_makes_odd_spaces_plain_and_keeps_typographic_quotes():
    assert clean.display_line("  Putin\u00a0warns of \u201cconflict\u201d\r") == "Putin warns of \u201cconflict\u201d"


# ----------------------------------------------------------------------------- the five seeds

# (line, rule, display unit it became, start of the line) read line by line against the texts
EXPECTED_REMOVALS = {
    "000": [],
    "001": [
        (1, "site_navigation", "", "Accessibility links"),
        (3, "site_navigation", "", "Breaking News"),
        (5, "headline", "headline", "Putin Says Threat Of 'Large-Scale Conflict'"),
        (7, "image_credit", "caption", "Russian President Vladimir Putin (file photo)"),
        (8, "image_credit", "", "Russian President Vladimir Putin (file photo)"),  # the repeat: kept once
        (32, "wire_credit", "", "With reporting by Reuters and AFP"),
        (33, "image_credit", "", "• 16x9 Image"),
        (36, "reader_appeal", "", "RFE/RL journalists report the news"),
    ],
    "002": [
        (1, "headline", "headline", "North Korea and the U.S. Are on 'Brink"),
        (3, "front_matter_label", "", "Trump Putin"),
        (4, "image_credit", "caption", "Russian President Vladimir Putin and President Donald Trump meeting"),
    ],
    "003": [
        (1, "notification_prompt", "", "Stay up to date with notifications"),
        (3, "notification_prompt", "", "Notifications can be managed"),
        (5, "headline", "headline", "Putin warns Washington provocative rhetoric"),
        (7, "standfirst", "standfirst", "'Provocations, pressure, and offensive rhetoric"),
        (9, "byline", "", "Harry Cockburn"),
        (10, "dateline", "", "Saturday 02 September 2017 05:41 EDT"),
        (11, "comment_widget", "", "Comments"),
        (12, "repeated_caption", "caption", "Washington not Pyongyang should take the initiative"),
        (13, "image_credit", "", "Washington not Pyongyang should take the initiative"),
        (15, "reader_appeal", "", "Your support helps us to tell the story"),
        (17, "reader_appeal", "", "From reproductive rights to climate change"),
        (19, "reader_appeal", "", "At such a critical moment in US history"),
        (21, "reader_appeal", "", "The Independent is trusted by Americans"),
        (23, "reader_appeal", "", "Your support makes all the difference."),
        (41, "media_title", "caption", "North Korea release launch footage"),
        (47, "media_title", "caption", "North Korea's estimated missile ranges"),
        (53, "wire_credit", "", "Additional reporting by Reuters"),
        (55, "comment_widget", "", "Join our commenting forum"),
        (57, "comment_widget", "", "Join thought-provoking conversations"),
        (59, "comment_widget", "", "Comments"),
        (61, "comment_widget", "", "Thank you for registering"),
        (63, "comment_widget", "", "Please refresh the page"),
    ],
    "004": [
        (1, "masthead", "", "RUSSIA MONITOR"),
        (3, "dateline", "", "Date: 26 September 2017"),
        (5, "headline", "headline", "Moscow Consistent in the Korean Crisis"),
        (10, "image_credit", "", "© KCNA / JUSTIN LANE PAP/EPA"),
        (16, "copyright_notice", "", "All texts published by the Warsaw Institute Foundation"),
        (18, "tags_and_related", "", "TAGS:"),
        (22, "tags_and_related", "", "Related posts"),
        (23, "tags_and_related", "", "Top"),
    ],
}


@pytest.mark.parametrize("article_id", sorted(EXPECTED_REMOVALS))
def test_every_boilerplate_line_of_the_seeds_is_removed_by_the_right_rule(article_id):
    """The audit read line by line against the five texts; headline, standfirst and captions leave
    the body as display units (``kept_as``)."""
    removed = _clean(article_id).removed
    assert [(r.line_no, r.rule, r.kept_as) for r in removed] == [e[:3] for e in EXPECTED_REMOVALS[article_id]]
    for removal, (_, _, _, start) in zip(removed, EXPECTED_REMOVALS[article_id]):
        assert removal.text.startswith(start), (removal.line_no, removal.text)


@pytest.mark.parametrize("article_id", sorted(EXPECTED_REMOVALS))
def test_body_and_removed_lines_cover_every_non_blank_line_once(article_id):
    non_blank = {no for no, line in enumerate(seed_text(article_id).split("\n"), 1) if clean.display_line(line)}
    article = _clean(article_id)
    body = [no for no, _ in article.paragraphs]
    removed = [r.line_no for r in article.removed]
    assert not set(body) & set(removed)
    assert set(body) | set(removed) == non_blank


def test_independent_self_promotion_needs_the_outlet_name():
    """Without its outlet's name, The Independent's 'we know how important it is ...' (line 17)
    would pass for the first body paragraph."""
    article = _clean("003")
    assert article.paragraphs[0][1].startswith("Russian President Vladimir Putin has warned the Trump administration")
    assert _rule_of(article, raw_line("003", 17).strip()).rule == "reader_appeal"


def test_front_matter_goes_to_metadata_fields():
    article = _clean("003")
    assert (
        article.headline
        == "Putin warns Washington provocative rhetoric could spark ‘large-scale conflict’ with North Korea"
    )
    assert article.standfirst.startswith("'Provocations, pressure, and")
    assert (article.byline, article.published, article.wire_credit) == ("Harry Cockburn", "2017-09-02", "Reuters")
    assert (article.dateline_no, article.dateline) == (10, "Saturday 02 September 2017 05:41 EDT")
    assert _clean("001").wire_credit == "Reuters; AFP"
    assert _clean("004").published == "2017-09-26"


def test_a_seed_without_front_matter_has_no_display_units():
    """000 starts with its first body paragraph: no headline, date or byline to extract."""
    article = _clean("000")
    assert (article.headline, article.published, article.byline) == ("", "", "")
    assert {unit_type for _, _, unit_type in article.units()} == {"body"}


def test_units_are_in_reading_order_with_their_types():
    units = _clean("003").units()
    assert [line_no for line_no, _, _ in units] == sorted(line_no for line_no, _, _ in units)
    kinds = [(unit_type, text[:30]) for _, text, unit_type in units if unit_type != "body"]
    assert kinds == [
        ("headline", "Putin warns Washington provoca"),
        ("standfirst", "'Provocations, pressure, and o"),
        ("caption", "Washington not Pyongyang shoul"),
        ("caption", "North Korea release launch foo"),
        ("caption", "North Korea's estimated missil"),
    ]


def test_a_caption_repeated_with_its_credit_is_one_unit_without_the_credit():
    captions = [text for _, text, unit_type in _clean("001").units() if unit_type == "caption"]
    assert captions == ["Russian President Vladimir Putin"]


def test_a_caption_with_a_photographer_credit_loses_the_credit():
    captions = [text for _, text, unit_type in _clean("002").units() if unit_type == "caption"]
    assert captions == [
        "Russian President Vladimir Putin and President Donald Trump meeting at the G20 Summit in Germany in July"
    ]


def test_an_image_credit_without_words_is_no_caption():
    """Russia Monitor's '© KCNA / JUSTIN LANE PAP/EPA' says nothing about the picture."""
    assert [unit_type for _, _, unit_type in _clean("004").units()] == ["headline", "body", "body", "body"]


def test_body_keeps_quote_only_paragraphs_and_short_final_sentences():
    texts = [text for _, text in _clean("003").paragraphs]
    assert "“Provocations, pressure, and bellicose and offensive rhetoric is the road to nowhere.”" in texts
    assert any(t.startswith("Fox News found Australian Prime Minister") for _, t in _clean("000").paragraphs)


@pytest.mark.parametrize("article_id", sorted(EXPECTED_REMOVALS))
def test_windows_line_ends_clean_the_same(article_id):
    text = seed_text(article_id)
    outlet = seed_outlet(article_id)
    assert clean.clean_article(text.replace("\n", "\r\n"), outlet).units() == clean.clean_article(text, outlet).units()


def test_an_empty_page_gives_an_empty_article():
    article = clean.clean_article("\n \n")
    assert (article.paragraphs, article.removed, article.units()) == ([], [], [])


# ----------------------------------------------------------------------------- pages of other sites

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
"""  # noqa: E501 (a page as an outlet prints it: one line per paragraph)


def test_a_page_from_a_sixth_site_cleans_itself():
    article = clean.clean_article(SIXTH_SITE)
    rules = {r.text: r.rule for r in article.removed}
    assert article.headline == "Kremlin says sanctions on Pyongyang are a dead end"
    assert (article.published, article.byline) == ("2017-09-04", "Jane Doe")
    assert rules["World News"] == "section_label"
    assert rules["A Russian official at the UN"] == "repeated_caption"
    assert rules["Sign up to our free morning newsletter and get the news you need."] == "reader_appeal"
    assert rules["Watch: Security Council meets on North Korea"] == "related_link"  # a link line ('Watch: ...')
    assert rules["Related articles"] == "tags_and_related"
    assert rules["© 2017 Example Media. All rights reserved."] == "copyright_notice"
    assert [t[:20] for _, t in article.paragraphs] == [
        "Russia's envoy to th",
        "The envoy repeated M",
        "The Security Council",
    ]


def test_a_page_from_a_sixth_site_keeps_its_headline_and_caption_as_display_units():
    shown = [(unit_type, text) for _, text, unit_type in clean.clean_article(SIXTH_SITE).units() if unit_type != "body"]
    assert shown == [
        ("headline", "Kremlin says sanctions on Pyongyang are a dead end"),
        ("caption", "A Russian official at the UN"),
    ]


def test_key_point_bullets_are_display_units():
    """106 (a tabloid page): three bulleted points under the standfirst, kept without their bullets."""
    article = clean.clean_article(page_text("106"), page_meta("106")["outlet"])
    points = [text for _, text, unit_type in article.units() if unit_type == "key_point"]
    assert points == [
        'Putin says the Korean Peninsula is "on the brink of a major conflict"',
        'Russian leader slams "threats, pressure and insulting and militant rhetoric"',
        "Tokyo on high alert after missile flew over Japan",
    ]


def test_the_sites_header_above_its_navigation_is_not_the_headline():
    """101: the masthead 'THE HARBOUR TIMES' sits between the banner and the navigation bar."""
    meta = page_meta("101")
    article = clean.clean_article(page_text("101"), meta["outlet"])
    assert _rule_of(article, "THE HARBOUR TIMES").rule == "page_header"
    assert article.headline == meta["headline"]


def test_a_byline_with_a_location_gives_the_name_only():
    page = (
        "Japan presses allies for tougher line after missile flyover\n\n"
        f"By Yuki Hamasaki in Tokyo\n2 September 2017\n\n{BODY}\n"
    )
    assert clean.clean_article(page).byline == "Yuki Hamasaki"


@pytest.mark.xfail(
    strict=True,
    reason="BUG: a short line after the last body paragraph (a 'Most read' list, desk "
    "initials) is classed media_title and kept as a caption display unit; "
    "media titles are defined as lines inside the body",
)
@pytest.mark.parametrize(
    "article_id, line",
    [
        ("103", "Lakeshore school board approves new bus routes"),  # under 'Most Popular', after the copyright line
        ("106", "Soap star's secret wedding revealed"),  # under 'MOST READ IN NEWS'
        ("118", "im/jj/del"),  # agency desk initials closing the copy
    ],
)
def test_page_furniture_after_the_body_is_no_caption(article_id, line):
    article = clean.clean_article(page_text(article_id), page_meta(article_id)["outlet"])
    assert _rule_of(article, line).kept_as == ""
