"""The open data as one SQLite database: the same tables and rows as the CSV and JSON files
(render/opendata.py), their columns from the same JSON Schemas, with primary keys, foreign keys
between the tables, the findings' themes as a table of their own, the text of findings
searchable with FTS5, and a view of each council's latest graded inspection.

The database is built in memory and serialised: the same rows give the same bytes with the
same SQLite library (a different SQLite version may write its file header, and so the bytes,
differently; the rows and queries are the same)."""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from generator.index.catalog import Catalog
from generator.render.opendata import TABLES, schema

DATABASE = "childrens-services-inspections.sqlite"
# The columns that refer to another table's id, and the table.
FOREIGN_KEYS = {"authority": "authorities", "inspection": "inspections", "source_document": "documents"}
_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "boolean": "INTEGER", "array": "TEXT"}
FTS_TABLE = "findings_fts"
LATEST_VIEW = "latest_graded"

# What the database holds beyond the tables of the CSV files.
EXTRA_SQL = (
    """CREATE TABLE themes (
  slug TEXT PRIMARY KEY NOT NULL, -- The theme's key, as in findings.themes and the theme's page address.
  name TEXT NOT NULL, -- The theme's name.
  description TEXT NOT NULL -- What the theme covers.
)""",
    """CREATE TABLE finding_themes (
  finding TEXT NOT NULL REFERENCES findings (id), -- Id of the finding (findings.id).
  theme TEXT NOT NULL REFERENCES themes (slug), -- Slug of one of its themes (themes.slug).
  PRIMARY KEY (finding, theme)
)""",
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
  text, content='findings', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2'
)""",
    # A council's latest inspection with documents on the site and judgements: the inspection
    # its row on the site's list of latest grades shows (render/pages/latest.py).
    f"""CREATE VIEW {LATEST_VIEW} AS
SELECT i.* FROM inspections AS i
WHERE i.status = 'documented' AND i.judgements > 0
  AND i.start_date = (SELECT max(j.start_date) FROM inspections AS j
                      WHERE j.authority = i.authority AND j.status = 'documented' AND j.judgements > 0)""",
)


def _types(prop: dict[str, Any]) -> tuple[str, bool]:
    """(base JSON type, may be null)."""
    types = prop["type"] if isinstance(prop["type"], list) else [prop["type"]]
    return next(t for t in types if t != "null"), "null" in types


def _sql_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def create_table(table: str) -> str:
    """CREATE TABLE for one open data table, its columns in the schema's order, each with its
    description as a comment (kept in the database's schema, sqlite_master)."""
    props = schema(table)["$defs"]["row"]["properties"]
    lines = []
    for name, prop in props.items():
        base, nullable = _types(prop)
        col = f"{name} {_SQL_TYPES[base]}"
        if name == "id":
            col += " PRIMARY KEY"
        if not nullable:
            col += " NOT NULL"
        if name in FOREIGN_KEYS and FOREIGN_KEYS[name] != table:
            col += f" REFERENCES {FOREIGN_KEYS[name]} (id)"
        if base == "boolean":
            col += f" CHECK ({name} IN (0, 1))"
        elif "enum" in prop and base == "string":
            col += f" CHECK ({name} IN ({', '.join(_sql_literal(v) for v in prop['enum'] if v is not None)}))"
        note = " ".join(prop["description"].split())
        if base == "array":
            note += " A JSON array (json_each() reads it)."
        lines.append(f"  {col}, -- {note}")
    lines[-1] = lines[-1].replace(", -- ", " -- ", 1)
    return f"CREATE TABLE {table} (\n" + "\n".join(lines) + "\n)"


def _value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


def build_database(cat: Catalog, tables: dict[str, list[dict[str, Any]]]) -> bytes:
    """The database file's bytes."""
    con = sqlite3.connect(":memory:")
    try:
        con.execute("PRAGMA page_size = 4096")
        for table in TABLES:
            con.execute(create_table(table))
        for sql in EXTRA_SQL:
            con.execute(sql)
        for table in TABLES:  # the tables in the order of their references (rows as the CSV files)
            cols = list(schema(table)["$defs"]["row"]["properties"])
            con.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                            [[_value(r[c]) for c in cols] for r in tables[table]])
        con.executemany("INSERT INTO themes (slug, name, description) VALUES (?, ?, ?)",
                        [(t.slug, t.name, t.description) for t in sorted(cat.themes.values(), key=lambda t: t.slug)])
        con.executemany("INSERT INTO finding_themes (finding, theme) VALUES (?, ?)",
                        [(r["id"], t) for r in tables["findings"] for t in r["themes"]])
        con.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('rebuild')")
        broken = con.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise AssertionError(f"{len(broken)} rows refer to rows that are not there, first {broken[0]}")
        con.commit()
        con.execute("VACUUM")
        return con.serialize()
    finally:
        con.close()
