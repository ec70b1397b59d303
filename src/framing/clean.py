"""Separate an article's body from page boilerplate, keeping an audit trail of every dropped line.

Rules are general and readable, applied in two passes:

1. line rules that need no position: the patterns in ``data/lexicons/boilerplate.csv``,
   date lines, bylines (a short name line beside a date line), repeated caption lines, and
   appeals to the reader (first or second person outside quotes: "your donation", "we provide");
2. position rules on what is left: before the first body paragraph (a punctuated line of at
   least ``BODY_MIN_WORDS`` words) come masthead, headline, standfirst and labels; inside the body
   a short line without a final stop is the title of an embedded video or graphic.

Headline, standfirst and captions (of images and embedded media) are framing devices (Pan &
Kosicki 1993), so they leave the body but are kept as *display units* (``unit_type``), each
listed in ``removed`` with the rule that found it and ``kept_as`` set.

Dates: a page can show several date lines (``story_dateline``): the story's own date, the site's
date banner (the day the page was saved), update times, comment timestamps. Only the story's
date becomes ``published``; a date line above it is listed as the date banner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from framing import quotes, resources, segment, storage

BODY_MIN_WORDS = 15
STANDFIRST_MIN_WORDS = 6
HEADLINE_MIN_WORDS = 4  # shorter lines above the headline are section labels ("World News")
BYLINE_MAX_WORDS = 4
DATELINE_MAX_WORDS = 10
STRIP_PART_MAX_WORDS = 6  # each part of a date strip with separators
LABELLED_DATELINE_MAX_WORDS = 16  # "Posted by Martha Day on September 2, 2017 at 11:20 pm"
MASTHEAD_MAX_WORDS = 4

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_PATTERNS = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTHS})\.?,?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(rf"\b(?P<month>{_MONTHS})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})\b", re.I),
)
_NUMERIC_DATE = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>(?:19|20)\d\d)\b")
_DATE_LABEL = re.compile(r"^\W*(date|published|first published|posted|updated|last updated)\b", re.I)
_UPDATED = re.compile(r"^\W*(updated|last updated)\b", re.I)
_CHROME = re.compile(r"\s\|\s|\u00b0|today.s paper|sign in|subscribe|\bweather\b", re.I)
_SECOND_PERSON = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ours)\b")
_FIRST_PERSON_PLURAL = re.compile(r"\b(?:[Ww]e|[Oo]ur|us)\b")
# What an outlet says of itself when it speaks to its reader: support, donations, journalism ...
_OUTLET_APPEAL = re.compile(
    r"(?i)\b(support|donat\w*|subscri\w*|sign up|newsletter|paywall\w*|journalis\w*|register\w*|"
    r"we provide|thanks? (you )?for (reading|following|watching))\b"
)
_BULLET = re.compile(r"^\s*(?:[\u2022\u25cf\u25aa*\u2013-])\s+(?P<text>\S.*)$")
SEPARATOR_RULES = ("site_navigation_bar", "breadcrumb")  # shapes a date line with separators shares
PAGE_CHROME_RULES = (
    "site_navigation",
    "site_navigation_bar",
    "breadcrumb",
    "notification_prompt",
    "date_banner",
    "republication_note",
)  # lines of the page header: a headline comes after them
_NAME_WORD = re.compile(r"^[A-Z][a-z'\-]+$|^[A-Z]\.$")


UNIT_TYPES = ("headline", "standfirst", "key_point", "caption", "body")  # display units first, then the body
CAPTION_RULES = ("repeated_caption", "image_credit", "media_title")
CAPTION_MIN_WORDS = 3  # "Russian President Vladimir Putin (file photo)" is a caption; "16x9 Image" is not
_CREDIT_TAIL = re.compile(  # a trailing "(file photo)" / "(Reuters)", or "Saul Loeb/AFP/Getty Images" after a full stop
    r"\s*\([^)]*\)\s*$|(?:^|(?<=\.\s))(?:[A-Z][\w.'-]*\s+){0,3}[A-Z][\w.'-]*(?:\s*/\s*[\w.'-]+(?:\s+[\w.'-]+)*)+\s*$"
)


@dataclass(frozen=True)
class Removal:
    """One line dropped from the body, with the rule that dropped it; ``kept_as`` names the
    display unit it became ('' when it is page furniture)."""

    line_no: int
    text: str
    rule: str
    reason: str
    kept_as: str = ""


@dataclass
class CleanArticle:
    """An article split into body paragraphs, display units, extracted front matter and removed lines."""

    paragraphs: list[tuple[int, str]] = field(default_factory=list)  # (line_no, text)
    removed: list[Removal] = field(default_factory=list)
    headline: str = ""
    standfirst: str = ""
    byline: str = ""
    dateline: str = ""
    dateline_no: int = 0
    published: str = ""
    wire_credit: str = ""

    def units(self) -> list[tuple[int, str, str]]:
        """Display units and body paragraphs in reading order: (line_no, text, unit_type)."""
        shown = [
            (r.line_no, caption_text(r.text) if r.kept_as == "caption" else key_point(r.text) or r.text, r.kept_as)
            for r in self.removed
            if r.kept_as
        ]
        return sorted(shown + [(no, text, "body") for no, text in self.paragraphs])


def display_line(line: str) -> str:
    """A raw line trimmed, with no-break and thin spaces made plain; quotes stay typographic."""
    return re.sub(r"[\u00a0\u2009\u202f]", " ", line.replace("\r", "")).strip()


def strip_quoted(text: str) -> str:
    """The text with every quoted span blanked: double or single marks, and a quote left open
    at the end of the line (a quote running on into the next paragraph), as ``framing.quotes`` finds them."""
    return quotes.mask_quotes(text, quotes.find_quote_spans(text))


def ends_like_a_sentence(text: str) -> bool:
    """True when the line ends with . ! ? or : possibly followed by closing quotes or brackets."""
    stripped = text.rstrip().rstrip(resources.CLOSING_MARKS)
    return bool(stripped) and stripped[-1] in resources.TERMINAL_PUNCTUATION + ":"


def parse_date(text: str) -> str:
    """The first valid date in ``text`` (ISO, day month year, month day year, or an unambiguous
    numeric date), by position, as ``YYYY-MM-DD``; '' if none."""
    found = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            month = match["month"].lower()[:3]
            stamp = f"{match['day']} {month} {match['year']}"
            try:
                found.append(
                    (
                        match.start(),
                        datetime.strptime(stamp, "%d %m %Y" if month.isdigit() else "%d %b %Y").date().isoformat(),
                    )
                )
            except ValueError:  # '31 June 2017' reads like a date but is none: not a dateline
                continue
    numeric = _NUMERIC_DATE.search(text)
    if numeric and (date := numeric_date(numeric.group(0))):
        found.append((numeric.start(), date))
    return min(found)[1] if found else ""


def numeric_date(text: str) -> str | None:
    """A numeric date ('01/09/2017', '21.09.2017') as ``YYYY-MM-DD``; '' when day and month cannot
    be told apart (both 12 or less: day-first and month-first sites both exist); None when there is none."""
    for match in _NUMERIC_DATE.finditer(text):
        a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        elif a <= 12 and b <= 12:
            return ""
        else:
            continue
        try:
            return datetime(year, month, day).date().isoformat()
        except ValueError:
            continue
    return None


def has_date(text: str) -> bool:
    """Whether ``text`` holds a date, even one whose day and month are ambiguous."""
    return bool(parse_date(text)) or numeric_date(text) is not None


def is_dateline(text: str) -> bool:
    """A short line that is mostly a date ('Saturday 02 September 2017 05:41 EDT', 'Date: ...'),
    or a labelled one ('Posted by ... on September 2, 2017 at 11:20 pm')."""
    limit = LABELLED_DATELINE_MAX_WORDS if _DATE_LABEL.match(text) else DATELINE_MAX_WORDS
    if has_date(text) and not ends_like_a_sentence(text) and "|" in text:  # 'Source: X | Editor: Y | 2017-09-01 21:36'
        return all(segment.count_words(part) <= STRIP_PART_MAX_WORDS for part in text.split("|"))
    return has_date(text) and segment.count_words(text) <= limit and not ends_like_a_sentence(text)


def byline_name(text: str) -> str:
    """The name in a byline ('By Jane Doe' -> 'Jane Doe'; 'By Yuki Hamasaki in Tokyo' -> 'Yuki Hamasaki')."""
    return re.sub(r"\s+in\s+[A-Z][\w.' -]*$", "", re.sub(r"^by\s+", "", text, flags=re.I))


def looks_like_name(text: str) -> bool:
    """Two to four capitalised words, optionally after 'By': 'Harry Cockburn', 'By Jane Doe'
    (not 'The ...': a masthead)."""
    words = byline_name(text).split()
    return 2 <= len(words) <= BYLINE_MAX_WORDS and all(_NAME_WORD.match(w) for w in words) and words[0] != "The"


def addresses_reader(text: str, outlet: str = "") -> bool:
    """The outlet speaking to its reader: second person outside quotation marks, or the first
    person plural with an appeal (support, donations, subscriptions, 'our journalism') or with the
    outlet naming itself. An analysis in the first person plural ('our concern lies with ...') is
    not an appeal."""
    outside = strip_quoted(text)
    names_itself = bool(outlet) and bool(re.search(rf"(?<![\w-]){re.escape(outlet)}(?![\w-])", outside, re.I))
    return bool(_SECOND_PERSON.search(outside)) or bool(
        _FIRST_PERSON_PLURAL.search(outside) and (_OUTLET_APPEAL.search(outside) or names_itself)
    )


def key_point(text: str) -> str:
    """The text of a bulleted key point ('• Putin says ...'), or '' for a line that is no bullet."""
    found = _BULLET.match(text)
    return found.group("text") if found and segment.count_words(found.group("text")) >= HEADLINE_MIN_WORDS else ""


def is_masthead(text: str) -> bool:
    """A short line in capitals: 'RUSSIA MONITOR'."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and text.upper() == text and segment.count_words(text) <= MASTHEAD_MAX_WORDS


def wire_agencies(credit_line: str) -> str:
    """Agencies named in a credit line, in order, joined with '; ' ('Reuters; AFP')."""
    found = []
    lowered = credit_line.lower()
    hits = []
    for token, name in resources.WIRE_AGENCIES.items():
        match = re.search(rf"\b{re.escape(token)}\b", lowered)
        if match:
            hits.append((match.start(), name))
    for _, name in sorted(hits):
        if name not in found:
            found.append(name)
    return "; ".join(found)


def _pattern_rules():
    table = resources.load_lexicon("boilerplate.csv")
    return [(row.rule, re.compile(row.pattern, re.I), row.reason) for row in storage.rows(table)]


def _repeated_caption_lines(lines: dict[int, str]) -> set[int]:
    """Line numbers of a line that the next non-blank line repeats (optionally plus a credit)."""
    numbers = sorted(lines)
    repeated = set()
    for here, following in zip(numbers, numbers[1:]):
        first, second = lines[here], lines[following]
        if first == second or (second.startswith(first) and re.fullmatch(r"\s*\([^)]*\)", second[len(first) :])):
            repeated.update({here, following})
    return repeated


def caption_text(line: str) -> str:
    """A caption line without its trailing credit: '(file photo)', '(Reuters)', 'Saul Loeb/AFP/Getty Images'."""
    text = line
    while (trimmed := _CREDIT_TAIL.sub("", text)) != text and trimmed:
        text = trimmed
    return text.rstrip(" .,;") if text != line else line


def is_caption(line: str) -> bool:
    """A caption says something in words once its credit is gone ('© KCNA / JUSTIN LANE' and
    '16x9 Image' do not): at least ``CAPTION_MIN_WORDS`` words, some in lower case."""
    text = caption_text(line)
    return (
        not text.lstrip().startswith("\u00a9")
        and segment.count_words(text) >= CAPTION_MIN_WORDS
        and any(c.islower() for c in text)
    )


def is_page_chrome(text: str) -> bool:
    """An unlabelled date line that is part of the site's header strip: separators, weather,
    'Today's Paper' ("Posted: ... | Updated: ..." is labelled, so the story's)."""
    return not _DATE_LABEL.match(text) and bool(_CHROME.search(text))


def story_dateline(lines: dict[int, str], datelines: list[int], bylines: set[int]) -> int | None:
    """The line number of the story's date among ``datelines`` (None if there is none).

    Date lines after the last body-length line are page furniture (comment timestamps, related
    stories). Of the rest, a labelled one wins ("Published ...", "Posted ...", "Date: ...", not
    "Updated"), then one within two lines of a byline, then the first that is not part of the
    site's header strip (``is_page_chrome``: the date banner of the day the page was saved), then
    a strip with separators below a headline.
    """
    long_lines = [no for no in sorted(lines) if segment.count_words(lines[no]) >= BODY_MIN_WORDS]
    candidates = [no for no in datelines if not long_lines or no < long_lines[-1]]
    labelled = [no for no in candidates if _DATE_LABEL.match(lines[no]) and not _UPDATED.match(lines[no])]
    near_byline = [no for no in candidates if any(0 < no - b <= 2 or 0 < b - no <= 1 for b in bylines)]
    plain = [no for no in candidates if not is_page_chrome(lines[no])]
    below_headline = [no for no in candidates if _below_headline(lines, no)]
    return next(iter(labelled + near_byline + plain + below_headline), None)


def _below_headline(lines: dict[int, str], no: int) -> bool:
    """A date line with a line of headline length above it that is no date line and no chrome:
    the story's date strip ('Friday 1 September 2017 | 09:02 GMT | Markets Desk'), not the site's banner."""
    return any(
        segment.count_words(lines[above]) >= HEADLINE_MIN_WORDS
        and not is_dateline(lines[above])
        and not _CHROME.search(lines[above])
        for above in lines
        if above < no
    )


def _first_pass(lines: dict[int, str], article: CleanArticle, outlet: str = "") -> dict[int, str]:
    """Apply line rules; return the lines that survive."""
    removed: dict[int, tuple[str, str]] = {}
    rules = _pattern_rules()
    for no, text in lines.items():
        for rule, pattern, reason in rules:
            if rule in SEPARATOR_RULES and has_date(text):  # 'Friday 1 September 2017 | 09:02 GMT | Markets Desk'
                continue
            if pattern.search(text):
                removed[no] = (rule, reason)
                if rule == "wire_credit" and not article.wire_credit:
                    article.wire_credit = wire_agencies(text)
                if rule == "byline" and not article.byline:
                    article.byline = re.split(r"\s*(?:,|\()", byline_name(text))[0]
                break
    for no in _repeated_caption_lines(lines):
        removed.setdefault(no, ("repeated_caption", "image caption (line repeated below)"))
    for no, text in lines.items():
        if no not in removed and key_point(text):
            removed[no] = ("key_point", "a bulleted key point (summary of the story)")
    datelines = [no for no, text in lines.items() if no not in removed and is_dateline(text)]
    numbers = sorted(lines)
    bylines = set()
    for no in (d for d in datelines if not is_page_chrome(lines[d])):
        index = numbers.index(no)
        for neighbour in numbers[max(index - 2, 0) : index + 2]:
            if neighbour not in removed and neighbour not in datelines and looks_like_name(lines[neighbour]):
                removed[neighbour] = ("byline", "byline (name beside the date line)")
                bylines.add(neighbour)
                article.byline = article.byline or byline_name(lines[neighbour])
    story = story_dateline(lines, datelines, bylines)
    for no in datelines:
        if no == story:
            removed[no] = ("dateline", "date line")
            article.dateline, article.dateline_no, article.published = lines[no], no, parse_date(lines[no])
        elif story is not None and no < story:
            removed[no] = ("date_banner", "the site's date banner above the story's date line (not the story's date)")
        else:
            removed[no] = ("dateline", "another date line (an update, a comment, a related story)")
    for no, text in lines.items():  # 'Published on 01/09/2017 at 18h12': a date line the rules cannot read
        if (
            no not in removed
            and _DATE_LABEL.match(text)
            and segment.count_words(text) <= LABELLED_DATELINE_MAX_WORDS
            and not ends_like_a_sentence(text)
        ):
            removed[no] = ("dateline", "a labelled date line whose date format the rules do not read")
    for no, text in lines.items():
        if no not in removed and addresses_reader(text, outlet):
            removed[no] = ("reader_appeal", "appeal to the reader (first or second person outside quotes)")
    for no, (rule, reason) in removed.items():
        article.removed.append(Removal(no, lines[no], rule, reason))
    return {no: text for no, text in lines.items() if no not in removed}


def _is_body_start(text: str) -> bool:
    return segment.count_words(text) >= BODY_MIN_WORDS and ends_like_a_sentence(text)


def _second_pass(lines: dict[int, str], article: CleanArticle) -> None:
    """Split surviving lines into front matter and body. Front matter above the last line of page
    chrome (navigation, banners) is the site's header (masthead, tagline), never the headline."""
    numbers = sorted(lines)
    body_start = next((no for no in numbers if _is_body_start(lines[no])), None)
    if body_start is None:
        return
    first_meta = min((r.line_no for r in article.removed if r.rule in ("dateline", "byline")), default=body_start)
    chrome = [
        r.line_no for r in article.removed if r.rule in PAGE_CHROME_RULES and r.line_no < min(body_start, first_meta)
    ]
    header_end = max(chrome, default=0)
    for no in numbers:
        text = lines[no]
        if no < header_end:
            article.removed.append(
                Removal(no, text, "page_header", "the site's header above its navigation (masthead, tagline)")
            )
        elif no < body_start:
            rule, reason = _front_matter_role(text, article)
            article.removed.append(Removal(no, text, rule, reason, rule if rule in ("headline", "standfirst") else ""))
        elif not ends_like_a_sentence(text) and segment.count_words(text) < BODY_MIN_WORDS:
            article.removed.append(
                Removal(no, text, "media_title", "title of an embedded video or graphic (short line, no final stop)")
            )
        else:
            article.paragraphs.append((no, text))


def _front_matter_role(text: str, article: CleanArticle) -> tuple[str, str]:
    if is_masthead(text) and not article.headline:
        return "masthead", "masthead (short line in capitals above the headline)"
    if not article.headline and segment.count_words(text) < HEADLINE_MIN_WORDS:
        return "section_label", "section label above the headline (short line)"
    if not article.headline:
        article.headline = text
        return "headline", "headline (first line above the body)"
    if not article.standfirst and segment.count_words(text) >= STANDFIRST_MIN_WORDS:
        article.standfirst = text
        return "standfirst", "standfirst (summary line under the headline)"
    return "front_matter_label", "label above the body (image alt text or section label)"


def _keep_captions(article: CleanArticle) -> None:
    """Mark each distinct caption among the removed lines, and each key point, as a display unit
    (first copy kept)."""
    seen = set()
    for index, removal in enumerate(article.removed):
        if removal.rule == "key_point":
            article.removed[index] = Removal(removal.line_no, removal.text, removal.rule, removal.reason, "key_point")
        elif removal.rule in CAPTION_RULES and is_caption(removal.text):
            key = " ".join(caption_text(removal.text).split()).lower()
            if key not in seen:
                seen.add(key)
                article.removed[index] = Removal(removal.line_no, removal.text, removal.rule, removal.reason, "caption")


def clean_article(raw_text: str, outlet: str = "") -> CleanArticle:
    """Clean one article's raw text (``outlet``: its name, when known, to tell its self-promotion);
    ``removed`` is sorted by line number."""
    article = CleanArticle()
    lines = {no: text for no, text in enumerate(map(display_line, raw_text.split("\n")), start=1) if text}
    survivors = _first_pass(lines, article, outlet)
    _second_pass(survivors, article)
    article.removed.sort(key=lambda r: r.line_no)
    _keep_captions(article)
    return article
