"""The open data as one SQLite database: the same tables and rows as the JSON files, keys
between them, the findings' text searchable with FTS5, and the same bytes from the same records.
Tested with the queries an analyst would run."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from generator.index.catalog import build_catalog
from generator.load.validate import load_dataset
from generator.render import urls
from generator.render.database import DATABASE, LATEST_VIEW, build_database
from generator.render.opendata import TABLES, build_tables, fields
from generator.render.pages.latest import latest_page
from tests.conftest import DATA, NATIONAL

INADEQUATE_NOW = (f"SELECT authority_name FROM {LATEST_VIEW} WHERE headline_grade_key = 'inadequate' "
                  "ORDER BY authority_name")
PHRASE = ("SELECT f.id, f.authority_name, f.text FROM findings_fts JOIN findings AS f ON f.rowid = findings_fts.rowid "
          "WHERE findings_fts MATCH ? ORDER BY f.id")


def _open(data: bytes, tmp_path: Path) -> sqlite3.Connection:
    path = tmp_path / DATABASE
    path.write_bytes(data)
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")
    return con


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory):
    cat = build_catalog(load_dataset(NATIONAL))
    tables = build_tables(cat)
    data = build_database(cat, tables)
    return cat, tables, data, _open(data, tmp_path_factory.mktemp("db"))


def test_the_site_publishes_the_database_and_the_data_page_documents_it(built_site: Path, tmp_path: Path) -> None:
    path = built_site / urls.data_file(DATABASE)
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    con = _open(path.read_bytes(), tmp_path)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    page = (built_site / "data" / "index.html").read_text(encoding="utf-8")
    assert f'href="{DATABASE}"' in page and "findings_fts" in page and LATEST_VIEW in page


def test_the_same_tables_and_rows_as_the_json_files(built_site: Path, tmp_path: Path) -> None:
    con = _open((built_site / urls.data_file(DATABASE)).read_bytes(), tmp_path)
    con.row_factory = sqlite3.Row
    for table in TABLES:
        rows = json.loads((built_site / "data" / f"{table}.json").read_text(encoding="utf-8"))["rows"]
        got = [dict(r) for r in con.execute(f"SELECT * FROM {table} ORDER BY rowid")]
        assert [list(r) for r in got[:1]] == [fields(table)], table
        assert len(got) == len(rows), table
        for mine, theirs in zip(got, rows):
            for k, v in theirs.items():
                want = json.dumps(v, ensure_ascii=False) if isinstance(v, list) else (int(v) if isinstance(v, bool) else v)
                assert mine[k] == want, (table, theirs["id"], k)


def test_keys_between_the_tables(built_site: Path, tmp_path: Path) -> None:
    con = _open((built_site / urls.data_file(DATABASE)).read_bytes(), tmp_path)
    keys = {(t, row[3], row[2]) for t in ("inspections", "documents", "judgements", "findings", "finding_themes")
            for row in con.execute(f"PRAGMA foreign_key_list({t})")}
    assert {("findings", "authority", "authorities"), ("findings", "inspection", "inspections"),
            ("findings", "source_document", "documents"), ("judgements", "inspection", "inspections"),
            ("documents", "inspection", "inspections"), ("inspections", "authority", "authorities"),
            ("finding_themes", "finding", "findings"), ("finding_themes", "theme", "themes")} <= keys
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO judgements (id, inspection, authority, authority_name, framework, area, area_key, "
                    "grade, grade_key, rank, area_as_written, grade_as_written, headline, source, licence, reviewed) "
                    "VALUES ('x', 'nowhere/2020-01-01-ilacs', 'E10000024', 'N', 'ilacs', 'a', 'a', 'Good', 'good', 2, "
                    "'a', 'Good', 0, 's', 'l', 1)")
    # A finding's themes: the JSON array and the table agree.
    pairs = con.execute("SELECT f.id, j.value FROM findings AS f, json_each(f.themes) AS j ORDER BY 1, 2").fetchall()
    assert pairs == con.execute("SELECT finding, theme FROM finding_themes ORDER BY 1, 2").fetchall() and pairs


def test_inadequate_councils_now(national) -> None:
    """The database's answer is the site's (the list of latest grades)."""
    cat, _tables, _data, con = national
    found = [r[0] for r in con.execute(INADEQUATE_NOW)]
    assert found == [c.name for c in latest_page(cat).context.inadequate] and len(found) >= 5
    assert con.execute(f"SELECT count(*) FROM {LATEST_VIEW}").fetchone()[0] == sum(
        1 for s in cat.standings.values() if s.latest is not None)
    # A 2026 inspection has no overall grade: its row in the view says so.
    assert con.execute(f"SELECT headline_status, headline_grade FROM {LATEST_VIEW} WHERE authority_name = 'Blackpool'"
                       ).fetchone() == ("no-overall-grade", None)


def test_findings_mentioning_strategy_discussions(national) -> None:
    _cat, tables, _data, con = national
    found = con.execute(PHRASE, ('"strategy discussions"',)).fetchall()
    # Every finding whose text has the phrase (or "strategy discussion": English endings are ignored), and no other.
    want = sorted(r["id"] for r in tables["findings"] if "strategy discussion" in " ".join(r["text"].lower().split()))
    assert [r[0] for r in found] == want and len(want) > 50
    # Words apart are not the phrase; both words anywhere are more.
    apart = con.execute(PHRASE, ("strategy discussions",)).fetchall()
    assert len(apart) >= len(found)
    on_theme = con.execute("SELECT count(*) FROM finding_themes WHERE theme = 'strategy-discussions'").fetchone()[0]
    assert on_theme > 0


def test_the_same_records_give_the_same_bytes(national) -> None:
    cat, tables, data, _con = national
    same = build_database(cat, tables) == data  # (not in the assert: pytest would print 30 MB of bytes)
    size = len(data)
    assert same
    assert size < 40 * 2**20, size
