"""Frame packages and the comparison of one group of texts with the others, from coded units.

Every function takes *coded units*: one row per unit with the codebook's variables
(``docs/codebook.md``), either the adjudicated gold (``framing.codings.gold``) or the rules' codes
(``framing.rule_codes``), joined to the corpus (``coded_units``). Every count comes with the
sentences behind it (``sentence_ids``), so each statement of the answer can be checked against
the texts.

The frame package of a text follows Entman (1993) and Van Gorp's (2010) frame matrix: its
reasoning devices (problem, cause, moral evaluation, remedy) and its framing devices (headline,
lead, glosses, the sources it quotes and how it treats Moscow's remedy).
"""

from __future__ import annotations

import pandas as pd

from framing import codings, corpus, judgements, prose, storage

OWN = "own_narration"
REPORTED = ("direct_quote", "attributed_paraphrase")
REMEDY_VALUES = ("relays", "supports", "disputes")
HAND, RULES = "hand-coded", "rules"
F1_MIN = 0.8  # a variable's rule codes stand in for hand codes only at this macro F1 or above
SIDE_MAX_TEXTS = 6  # list each text of a side up to this many; beyond it, summarise


def coded_units(codes: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame, source: str) -> pd.DataFrame:
    """``codes`` (article_id, text and the variables) joined to the units of the corpus: sentence_id,
    unit_type, position, shared_copy, label and group, and ``code_source`` (``HAND`` or ``RULES``).

    Hand codes are matched to units by article and text (``framing.judgements``); codes of articles
    not in the corpus are left out. Rule codes carry the corpus's own sentence ids."""
    if source == HAND:
        codes = judgements.attach(codes, sentences, codings.codings_dir(), corpus_only=True)
    meta = sentences[["sentence_id", "unit_type", "position", "shared_copy"]]
    out = corpus.with_labels(codes.merge(meta, on="sentence_id", how="left"), articles)
    return out.assign(code_source=source).sort_values(["article_id", "position"]).reset_index(drop=True)


def usable_rules(scores: pd.DataFrame, reliability: pd.DataFrame) -> list[str]:
    """Variables whose rule codes may stand in for hand codes: macro F1 against the gold of at
    least ``F1_MIN`` and a hand coding reliable enough to carry a finding (alpha >= 0.667)."""
    f1 = scores[scores["label"] == ""].set_index("variable")["f1"]
    alpha = reliability[reliability["label"] == ""].set_index("variable")["alpha"]
    return [v for v in codings.VARIABLES if f1.get(v, 0) >= F1_MIN and alpha.get(v, 0) >= codings.TENTATIVE]


def answer_codes(hand: pd.DataFrame, rules: pd.DataFrame, usable: list[str]) -> pd.DataFrame:
    """The codes the comparison rests on (both from ``coded_units``): the hand codes of every
    hand-coded text; for any other text the rules' codes of the ``usable`` variables, the rest
    left missing (NA: 'not coded'), never filled from rules that do not reach the bar."""
    rest = rules[~rules["article_id"].isin(set(hand["article_id"]))].copy()
    for variable in codings.VARIABLES:
        if variable not in usable:
            rest[variable] = pd.NA
    return pd.concat([hand, rest], ignore_index=True).sort_values(["article_id", "position"]).reset_index(drop=True)


def _ids(cell: pd.DataFrame) -> str:
    return ";".join(cell["sentence_id"])


def voice_profile(coded: pd.DataFrame) -> pd.DataFrame:
    """Per text: body units in each voice, own narration split into the outlet's own words and
    copy shared with another text or a wire (``shared_copy``), and the shares."""
    body = coded[coded["unit_type"] == "body"]
    rows = []
    for (aid, label, group), cell in body.groupby(["article_id", "label", "group"], sort=True):
        own = cell[cell["voice"] == OWN]
        copied = own[own["shared_copy"].fillna("") != ""]
        row = {"article_id": aid, "label": label, "group": group, "units": len(cell)}
        for v in ("direct_quote", "attributed_paraphrase", "imputation", OWN):
            row[v] = int((cell["voice"] == v).sum())
        row["own_words"] = len(own) - len(copied)
        row["shared_copy"] = len(copied)
        row["imputation_ids"] = _ids(cell[cell["voice"] == "imputation"])
        row["shared_copy_ids"] = _ids(copied)
        rows.append(row)
    table = pd.DataFrame(rows)
    for v in ("direct_quote", "attributed_paraphrase", "imputation", "own_words", "shared_copy"):
        table[f"share_{v}"] = table[v] / table["units"]
    return table


def roles(coded: pd.DataFrame, role: str) -> pd.DataFrame:
    """One row per unit, actor group and voice casting that group in ``role`` (cause, resolver, victim)."""
    rows = [
        {
            "article_id": r.article_id,
            "label": r.label,
            "group": r.group,
            "sentence_id": r.sentence_id,
            "unit_type": r.unit_type,
            "actor_group": g,
            "voice": v,
            "role": role,
            "text": r.text,
        }
        for r in storage.rows(coded)
        if pd.notna(getattr(r, role))
        for g, v in codings.role_entries(getattr(r, role))
    ]
    return pd.DataFrame(
        rows,
        columns=["article_id", "label", "group", "sentence_id", "unit_type", "actor_group", "voice", "role", "text"],
    )


def roles_by_voice(coded: pd.DataFrame) -> pd.DataFrame:
    """Per text, role, actor group and voice: units (a unit counts once per cell) and their ids."""
    long = pd.concat([roles(coded, role) for role in ("cause", "resolver", "victim")], ignore_index=True)
    return long.groupby(["article_id", "label", "group", "role", "actor_group", "voice"], as_index=False).agg(
        units=("sentence_id", "nunique"), sentence_ids=("sentence_id", lambda s: ";".join(sorted(set(s))))
    )


def own_cause_contrast(coded: pd.DataFrame, focus: str) -> dict | None:
    """The actor group whose share of body units cast as a cause in the outlet's own narration
    most exceeds, in every coded text of ``focus``, its highest share in any other coded text:
    actor, the focus texts' units and the most units of any other text; None when no group does
    (or one side has no coded text)."""
    body = coded[(coded["unit_type"] == "body") & coded["cause"].notna()]
    n_units = body.groupby("article_id").size()
    own = roles(body, "cause").query("voice == @OWN")
    counts = (
        own.groupby(["article_id", "actor_group"])["sentence_id"]
        .nunique()
        .unstack(fill_value=0)
        .reindex(n_units.index, fill_value=0)
    )
    shares = counts.div(n_units, axis=0)
    in_focus = body.groupby("article_id")["group"].first().eq(focus)
    if not in_focus.any() or in_focus.all() or counts.empty:
        return None
    gap = (
        (shares[in_focus].min() - shares[~in_focus].max())
        .drop("other", errors="ignore")
        .sort_values(ascending=False, kind="stable")
    )
    if gap.empty or gap.iloc[0] <= 0:
        return None
    actor = gap.index[0]
    return {
        "actor": actor,
        "focus_units": int(counts.loc[in_focus, actor].sum()),
        "other_max": int(counts.loc[~in_focus, actor].max()),
    }


def remedy_treatment(coded: pd.DataFrame) -> pd.DataFrame:
    """Per text: units that relay, support or dispute Moscow's proposed remedy, with their ids
    (NA where the text has no codes for it)."""
    rows = []
    for (aid, label, group), cell in coded.groupby(["article_id", "label", "group"], sort=True):
        known = cell["moscow_remedy"].notna().any()
        row = {"article_id": aid, "label": label, "group": group, "code_source": cell["code_source"].iloc[0]}
        for value in REMEDY_VALUES:
            hit = cell[cell["moscow_remedy"] == value]
            row[value], row[f"{value}_ids"] = (len(hit) if known else pd.NA), _ids(hit)
        rows.append(row)
    return pd.DataFrame(rows)


def positions(coded: pd.DataFrame) -> pd.DataFrame:
    """Per text and Moscow position (``codings.MULTI['moscow_positions']``): units stating or
    reporting it, and their ids (NA where the text has no codes for it). The claims two texts
    share are the positions both carry: claim alignment read from the codes, not from word overlap."""
    rows = []
    for (aid, label, group), cell in coded.groupby(["article_id", "label", "group"], sort=True):
        known = cell["moscow_positions"].notna().any()
        for code in codings.MULTI["moscow_positions"]:
            hit = cell[_has(cell, "moscow_positions", lambda c, code=code: code in codings.split_cell(c))]
            rows.append(
                {
                    "article_id": aid,
                    "label": label,
                    "group": group,
                    "position": code,
                    "units": len(hit) if known else pd.NA,
                    "sentence_ids": _ids(hit),
                }
            )
    return pd.DataFrame(rows)


def shared_claims(table: pd.DataFrame, focus: str) -> pd.DataFrame:
    """Per position (``positions``): the units of group ``focus`` and of the other texts that carry
    it, and how many texts on each side do: which claims the focus shares with the others."""
    rows = []
    for code, cell in table.groupby("position", sort=False):
        inside, outside = cell[cell["group"] == focus], cell[cell["group"] != focus]
        rows.append(
            {
                "position": code,
                "focus_texts": int((inside["units"].fillna(0) > 0).sum()),
                "focus_of": int(inside["units"].notna().sum()),
                "focus_units": int(inside["units"].fillna(0).sum()),
                "other_texts": int((outside["units"].fillna(0) > 0).sum()),
                "other_of": int(outside["units"].notna().sum()),
                "other_units": int(outside["units"].fillna(0).sum()),
                "focus_ids": ";".join(i for i in inside["sentence_ids"] if i),
                "other_ids": ";".join(i for i in outside["sentence_ids"] if i),
            }
        )
    return pd.DataFrame(rows)


VOICE_SHORT = {
    OWN: "own",
    "imputation": "imputed",
    "attributed_paraphrase": "paraphrase",
    "direct_quote": "quote",
    "": "?",
}
PACKAGE_ELEMENTS = (
    "problem",
    "cause",
    "moral evaluation",
    "remedy",
    "Moscow's remedy",
    "headline",
    "lead",
    "sources quoted",
    "imputations",
    "glosses",
)


def frame_package(coded: pd.DataFrame, quotes: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per text, Entman's four functions and the devices that carry them (Van Gorp's frame matrix),
    each a short summary with the units behind it. Columns: article_id, label, group, element
    (``PACKAGE_ELEMENTS``), summary, units, sentence_ids, code_source. A variable the text has no
    codes for is summarised as 'not coded'."""
    rows: list[dict] = []
    ordered = coded.astype(object).where(coded.notna(), None)  # NA as None: plain records
    by_article: dict[str, list[dict]] = {}
    for unit in ordered.to_dict("records"):
        by_article.setdefault(unit["article_id"], []).append(unit)
    quoted_by: dict[str, list[dict]] = {}
    for quote in quotes[quotes["speaker"] != ""].to_dict("records"):
        quoted_by.setdefault(quote["article_id"], []).append(quote)
    for article in storage.rows(articles.sort_values("article_id")):
        keys = {"article_id": article.article_id, "label": article.label, "group": article.group}
        rows += _package_rows(keys, by_article.get(article.article_id, []), quoted_by.get(article.article_id, []))
    return pd.DataFrame(rows)


def _package_rows(keys: dict, mine: list[dict], quoted: list[dict]) -> list[dict]:
    """The ``PACKAGE_ELEMENTS`` rows of one text (``keys``: its article_id, label and group) from
    its coded units (``mine``, in reading order, None where not coded) and its attributed quotes."""
    rows = []
    body = [u for u in mine if u["unit_type"] == "body"]
    source = mine[0]["code_source"] if mine else ""

    def coded_for(variable: str) -> bool:
        return any(u[variable] is not None for u in mine)

    def add(element: str, summary: str, units: list[dict], variable: str | None = None) -> None:
        if variable is not None and not coded_for(variable):
            summary, units = "not coded", []
        rows.append(
            {
                **keys,
                "element": element,
                "summary": summary,
                "units": len(units),
                "sentence_ids": ";".join(u["sentence_id"] for u in units),
                "code_source": source,
            }
        )

    def with_value(variable: str, values: tuple[str, ...]) -> list[dict]:
        return [u for u in mine if u[variable] in values]

    def share(variable: str) -> str:
        return f"{len(with_value(variable, ('yes',)))} of {len(mine)} units"

    causes, resolvers = _cast_entries(mine, "cause"), _cast_entries(mine, "resolver")
    cause_ids = {sid for sid, _, _ in causes}
    add("problem", share("problem"), with_value("problem", ("yes",)), "problem")
    add("cause", _actors(causes), [u for u in mine if u["sentence_id"] in cause_ids], "cause")
    add("moral evaluation", share("moral"), with_value("moral", ("yes",)), "moral")
    by_whom = "; " + _actors(resolvers, "by ") if coded_for("resolver") else ""
    add("remedy", share("remedy") + by_whom, with_value("remedy", ("yes",)), "remedy")
    add("Moscow's remedy", _remedy(mine), with_value("moscow_remedy", REMEDY_VALUES), "moscow_remedy")
    headline = [u for u in mine if u["unit_type"] == "headline"]
    add("headline", headline[0]["text"] if headline else "(none)", headline[:1])
    add("lead", body[0]["text"] if body else "(none)", body[:1])
    speakers: dict[str, int] = {}
    for speaker, _ in dict.fromkeys((q["speaker"], q["text"]) for q in quoted):
        speakers[speaker] = speakers.get(speaker, 0) + 1
    ranked = sorted(speakers.items(), key=lambda item: -item[1])  # most quoted first, ties in order of appearance
    quoted_ids = {q["sentence_id"] for q in quoted}
    add(
        "sources quoted",
        prose.listing(f"{s} ({n})" for s, n in ranked) if ranked else "none",
        [u for u in mine if u["sentence_id"] in quoted_ids],
    )
    imputed = with_value("voice", ("imputation",))
    add("imputations", f"{len(imputed)} of {len(mine)} units", imputed, "voice")
    glosses = with_value("gloss", ("yes",))
    add("glosses", f"{len(glosses)} of {len(mine)} units", glosses, "gloss")
    return rows


def _cast_entries(units: list[dict], role: str) -> list[tuple[str, str, str]]:
    """(sentence_id, actor group, voice) of every unit casting a group in ``role``."""
    return [(u["sentence_id"], g, v) for u in units if u[role] is not None for g, v in codings.role_entries(u[role])]


def _actors(cast: list[tuple[str, str, str]], prefix: str = "") -> str:
    """'Russia: own 5, quote 1; United States: paraphrase 2' (units per actor group and voice)."""
    if not cast:
        return prefix + "no one"
    units: dict[tuple[str, str], set[str]] = {}
    for sid, group, voice in cast:
        units.setdefault((group, voice), set()).add(sid)
    totals: dict[str, int] = {}
    for (group, _), ids in units.items():
        totals[group] = totals.get(group, 0) + len(ids)
    order = sorted(sorted(totals), key=lambda g: -totals[g])  # most units first, ties by name
    voice_rank = list(VOICE_SHORT)
    parts = []
    for group in order:
        cells = sorted(
            ((v, len(ids)) for (g, v), ids in units.items() if g == group),
            key=lambda cell: (voice_rank.index(cell[0]) if cell[0] in voice_rank else len(voice_rank), cell[0]),
        )
        parts.append(f"{group}: " + ", ".join(f"{VOICE_SHORT.get(v, v)} {n}" for v, n in cells))
    return prefix + "; ".join(parts)


def _remedy(units: list[dict]) -> str:
    counts = {v: sum(u["moscow_remedy"] == v for u in units) for v in REMEDY_VALUES}
    named = [f"{v} {n}" for v, n in counts.items() if n]
    return ", ".join(named) if named else "not mentioned"


def per_text(coded: pd.DataFrame, mask: pd.Series, variable: str) -> pd.DataFrame:
    """Per text: the body units where ``mask`` holds, of all its body units, with their ids and
    where the codes come from; ``units`` is NA for a text whose ``variable`` is not coded."""
    body = coded[coded["unit_type"] == "body"]
    hit = mask.loc[body.index].fillna(False).astype(bool)
    by_text = body.groupby("article_id", sort=True)
    table = by_text[["label", "group", "code_source"]].first()
    table["units"] = (
        hit.groupby(body["article_id"]).sum().astype("Int64").where(by_text[variable].apply(lambda c: c.notna().any()))
    )
    table["of"] = by_text.size()
    table["sentence_ids"] = (
        body[hit].groupby("article_id")["sentence_id"].agg(";".join).reindex(table.index, fill_value="")
    )
    return table.reset_index()[["article_id", "label", "group", "units", "of", "code_source", "sentence_ids"]]


def _cast(coded: pd.DataFrame, role: str, actor: str, voices) -> pd.Series:
    return coded[role].map(
        lambda c: pd.notna(c) and any(g == actor and v in voices for g, v in codings.role_entries(c))
    )


def _has(coded: pd.DataFrame, variable: str, test) -> pd.Series:
    return coded[variable].map(lambda c: pd.notna(c) and test(c))


def _one(r) -> str:
    tag = " [rules]" if r.code_source == RULES else ""
    if pd.isna(r.units):
        return f"{r.label}: not coded{tag}"
    return f"{r.label} {r.units} of {r.of}{tag}" + (f" ({r.sentence_ids})" if r.units else "")


def side(table: pd.DataFrame, focus: str, inside: bool) -> str:
    """One side of a comparison in words: each text's count, or a summary beyond ``SIDE_MAX_TEXTS``."""
    part = table[(table["group"] == focus) == inside]
    if len(part) <= SIDE_MAX_TEXTS:
        return "; ".join(_one(r) for r in storage.rows(part)) or "(no texts)"
    known = part.dropna(subset=["units"])
    share = known["units"].astype(float) / known["of"]
    return (
        (
            f"{int((known['units'] > 0).sum())} of {len(known)} coded texts have any"
            f" ({len(part) - len(known)} not coded);"
            f" per text {int(known['units'].min())}-{int(known['units'].max())} units,"
            f" median share {share.median():.0%}"
        )
        if len(known)
        else f"none of the {len(part)} texts is coded"
    )


def _finding(
    key: str, variables: tuple[str, ...], table: pd.DataFrame, headline: str, focus: str, tail: str = ""
) -> dict:
    text = (
        f"**{headline}** {side(table, focus, True)} (group `{focus}`); the other texts: "
        f"{side(table, focus, False)}.{tail}"
    )
    return {"key": key, "variables": variables, "table": table, "text": text}


def _copied(coded: pd.DataFrame, table: pd.DataFrame) -> str:
    """' Of these, k units are copy shared with a wire or another text (ids).' or ''."""
    ids = {i for cell in table["sentence_ids"] for i in cell.split(";") if i}
    shared = coded[coded["sentence_id"].isin(ids) & (coded["shared_copy"].fillna("") != "")]
    if shared.empty:
        return ""
    return (
        f" Of these, {prose.plural(len(shared), 'unit')} {'is' if len(shared) == 1 else 'are'} copy shared with a wire "
        f"or another text, not the outlet's own words ({';'.join(shared['sentence_id'])})."
    )


def answer(coded: pd.DataFrame, focus: str, verdicts: dict[str, str]) -> list[dict]:
    """The comparison of group ``focus`` with the other texts, from coded body units (``answer_codes``),
    like with like (each text's count of its own body units): who is cast as cause, in whose voice;
    who as resolver; how each treats Moscow's proposed remedy; whose words carry it (quotes against
    the outlet's own and imputed claims); how much of Putin's article it carries.

    Each finding: key, variables, table (per text, ``per_text``), text, and ``standing``: 'reliable',
    'tentative' or 'withheld' from the weakest of its variables' reliability ``verdicts``; a
    withheld finding's text says why and states no counts."""
    body = coded[coded["unit_type"] == "body"]
    casts = roles(body.dropna(subset=["cause"]), "cause")
    found = []
    own_focus = casts[(casts["voice"] == OWN) & (casts["group"] == focus)]["actor_group"].value_counts()
    for actor in own_focus.index[:2]:
        table = per_text(coded, _cast(coded, "cause", actor, (OWN,)), "cause")
        found.append(
            _finding(
                f"cause_own:{actor}",
                ("cause",),
                table,
                f"{actor} cast as a cause in the outlet's own narration.",
                focus,
                _copied(coded, table),
            )
        )
    reported = casts[casts["voice"].isin(REPORTED) & (casts["group"] != focus)]["actor_group"].value_counts()
    for actor in reported.index[:1]:
        voiced = per_text(coded, _cast(coded, "cause", actor, REPORTED), "cause")
        own = per_text(coded, _cast(coded, "cause", actor, (OWN,)), "cause")
        found.append(
            _finding(
                f"cause_reported:{actor}",
                ("cause",),
                voiced,
                f"{actor} cast as a cause in quoted or paraphrased voices.",
                focus,
                f" The same in the outlets' own narration: {side(own, focus, True)};"
                f" the other texts: {side(own, focus, False)}.",
            )
        )
    resolvers = roles(body.dropna(subset=["resolver"]), "resolver")["actor_group"].value_counts()
    for actor in resolvers.index[:2]:
        table = per_text(
            coded,
            _has(coded, "resolver", lambda c, a=actor: any(g == a for g, _ in codings.role_entries(c))),
            "resolver",
        )
        found.append(
            _finding(
                f"resolver:{actor}",
                ("resolver",),
                table,
                f"{actor} cast as able, or called on, to ease the crisis (any voice).",
                focus,
            )
        )
    for value in ("disputes", "relays"):
        table = per_text(coded, coded["moscow_remedy"] == value, "moscow_remedy")
        found.append(
            _finding(
                f"remedy:{value}",
                ("moscow_remedy",),
                table,
                f"Units that {value[:-1]} Moscow's proposed remedy (dialogue, the roadmap, an end to pressure).",
                focus,
            )
        )
    for v, name in (
        ("direct_quote", "carried by a direct quote"),
        ("imputation", "in which the outlet imputes a view or motive to an actor"),
    ):
        table = per_text(coded, coded["voice"] == v, "voice")
        found.append(_finding(f"voice:{v}", ("voice",), table, f"Units {name}.", focus))
    table = per_text(coded, _has(coded, "putin_statements", lambda c: bool(codings.split_cell(c))), "putin_statements")
    found.append(
        _finding(
            "putin_statements",
            ("putin_statements",),
            table,
            "Units carrying a statement of the Korea passage of Putin's article (P1-P5).",
            focus,
        )
    )
    for item in found:
        item["standing"] = standing([verdicts.get(v, "unreliable") for v in item["variables"]])
        if item["standing"] == "withheld":
            item["text"] = (
                f"**Withheld: {item['key']}.** The hand coding of {', '.join(item['variables'])} is below "
                f"alpha {codings.TENTATIVE}, so it carries no finding."
            )
        elif item["standing"] == "tentative":
            item["text"] += f" *Tentative: alpha of {', '.join(item['variables'])} is below {codings.RELIABLE}.*"
    return found


def standing(verdicts: list[str]) -> str:
    """'reliable', 'tentative' or 'withheld' from the weakest of the variables' reliability verdicts."""
    if any(v not in ("reliable", "tentative") for v in verdicts):
        return "withheld"
    return "tentative" if "tentative" in verdicts else "reliable"
