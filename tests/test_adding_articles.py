"""Adding articles the way the README says ('Adding an article'): a text file and a metadata row
each, no code change. The development test pages (``data/validation/pages``: page shapes of real
news sites, with key points, date banners, live blogs, agency copy, a near-copy, a third
translation) are added to the seeds, and the whole pipeline runs to a published report."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from framing import paths

PAGES = paths.ROOT / "data" / "validation" / "pages"


def project_copy(tmp_path: Path) -> Path:
    """The parts of the project a run needs, copied."""
    copy = tmp_path / "project"
    for name in ("src", "data", "notebooks", "docs"):
        shutil.copytree(paths.ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "run_all.py", "README.md"):
        shutil.copyfile(paths.ROOT / name, copy / name)
    return copy


def add_articles(raw: Path, pages: Path) -> int:
    """README, 'Adding an article': save each page as data/raw/NNN_*.txt and append its metadata row."""
    with (pages / "metadata.csv").open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    with (raw / "metadata.csv").open(encoding="utf-8", newline="") as target:
        columns = next(csv.reader(target))
    with (raw / "metadata.csv").open("a", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=columns, lineterminator="\n")
        for row in rows:
            shutil.copyfile(pages / row["source_file"], raw / row["source_file"])
            writer.writerow({c: row.get(c, "") for c in columns})
    return len(rows)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_test_pages_added_as_the_readme_says_run_to_a_published_report(tmp_path):
    copy = project_copy(tmp_path)
    n_seeds = len(pd.read_csv(copy / "data" / "raw" / "metadata.csv"))
    added = add_articles(copy / "data" / "raw", PAGES)
    result = subprocess.run(
        [sys.executable, str(copy / "run_all.py"), "--force"], cwd=tmp_path, capture_output=True, text=True, timeout=850
    )
    assert result.returncode == 0, result.stderr[-3000:]
    processed = copy / "data" / "processed"
    articles = pd.read_csv(processed / "articles.csv", dtype=str)
    assert len(articles) == n_seeds + added
    codes = pd.read_csv(processed / "unit_codes.csv", dtype=str, keep_default_na=False)
    hand_coded = set(codes.loc[codes["code_source"] == "hand-coded", "article_id"])
    assert hand_coded == set(articles["article_id"][:n_seeds])  # only the seeds have hand codes
    assert (codes.loc[codes["code_source"] == "rules", "cause"] == "").all()  # never filled from weak rules
    assert (copy / "report" / "report.html").stat().st_size > 0
    assert f"{n_seeds + added} texts" in (copy / "report" / "report.html").read_text(encoding="utf-8")
    findings = pd.read_csv(processed / "findings.csv", dtype=str, keep_default_na=False)
    assert findings["text"].str.contains("not coded").any()  # texts without hand codes say so
