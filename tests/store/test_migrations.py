"""Schema migrations with Alembic: a database written by the release before Alembic (schema version 1)
is upgraded to head by the real ``leerkring db upgrade`` on SQLite and PostgreSQL, and every row is
intact; the revisions agree with ``schema.metadata``; newer and unknown databases are refused.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from leerkring.store import Store, Viewer, schema
from leerkring.store.core import revision_id
from leerkring.store.engine import make_engine

DATA = Path(__file__).resolve().parents[1] / "data"  # tests/data
UTC = dt.UTC


def _frozen_v1():
    spec = importlib.util.spec_from_file_location("leerkring_schema_v1", DATA / "schema_v1.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


V1 = _frozen_v1()
V1_TABLES = sorted(V1.metadata.tables)


def _at(day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, 15, 30, 123456, tzinfo=UTC)


def build_v1_database(url: str) -> None:
    """The database the release before Alembic wrote: its tables, its schema_version row, and rows in
    every table (an edited entry, an anonymous one, a personal one, one whose text retention removed)."""
    engine = make_engine(url)
    t = V1.metadata.tables
    with engine.connect().execution_options(leerkring_write=True) as conn, conn.begin():
        V1.metadata.create_all(conn)
        conn.execute(t["leerkring_meta"].insert(), [{"key": "schema_version", "value": "1"}])
        conn.execute(
            t["kring"].insert(),
            [
                {
                    "id": 1,
                    "slug": "wijkteam-noord",
                    "name": "Wijkteam Noord",
                    "name_key": "wijkteam noord",
                    "description": "Noord, Oost en de Vaart",
                    "created_at": _at(1),
                },
                {
                    "id": 2,
                    "slug": "wijkteam-zuid",
                    "name": "Wijkteam Zuid",
                    "name_key": "wijkteam zuid",
                    "description": "",
                    "created_at": _at(1),
                },
            ],
        )
        conn.execute(
            t["person"].insert(),
            [
                {"id": 1, "name": "Cora Coach", "name_key": "cora coach", "username": "cora", "created_at": _at(1)},
                {"id": 2, "name": "Mila Lid", "name_key": "mila lid", "username": None, "created_at": _at(1)},
                {
                    "id": 3,
                    "name": "Mariam Manager",
                    "name_key": "mariam manager",
                    "username": None,
                    "created_at": _at(1),
                },
            ],
        )
        conn.execute(
            t["membership"].insert(),
            [
                {"id": 1, "kring_id": 1, "person_id": 1, "role": "coach", "created_at": _at(1)},
                {"id": 2, "kring_id": 1, "person_id": 2, "role": "member", "created_at": _at(1)},
                {"id": 3, "kring_id": 1, "person_id": 3, "role": "manager", "created_at": _at(1)},
                {"id": 4, "kring_id": 2, "person_id": 2, "role": "guest", "created_at": _at(1)},
            ],
        )
        conn.execute(
            t["session"].insert(),
            [
                {
                    "id": 1,
                    "kring_id": 1,
                    "date": dt.date(2026, 3, 2),
                    "method": "teamreflectie",
                    "title": "Maart",
                    "status": "closed",
                    "notebook": "wijkteam-noord/sessions/2026-03-02-teamreflectie.ipynb",
                    "created_at": _at(2),
                    "closed_at": _at(2, 12),
                },
                {
                    "id": 2,
                    "kring_id": 1,
                    "date": dt.date(2026, 3, 16),
                    "method": "actieleren_terugblik",
                    "title": "",
                    "status": "open",
                    "notebook": None,
                    "created_at": _at(16),
                    "closed_at": None,
                },
            ],
        )
        conn.execute(
            t["attendance"].insert(),
            [
                {"session_id": 1, "person_id": 1, "role": "coach"},
                {"session_id": 1, "person_id": 2, "role": "member"},
            ],
        )
        entry = {
            "client_key": None,
            "session_id": 1,
            "kring_id": 1,
            "step": "",
            "findings": [],
            "keep": False,
            "text_removed_at": None,
        }
        conn.execute(
            t["entry"].insert(),
            [
                # edited: revision 1 is no longer current, revision 2 is
                {
                    **entry,
                    "id": 1,
                    "uid": "a" * 32,
                    "revision": 1,
                    "is_current": False,
                    "client_key": "k-1",
                    "principle": "ervaringen",
                    "kind": "ervaring",
                    "step": "inbreng",
                    "author_id": 2,
                    "visibility": "kring",
                    "tags": ["mantelzorg"],
                    "extra": {"vraag": "Wat nu?"},
                    "text": "Eerste versie van de casus.",
                    "created_at": _at(2, 10),
                },
                {
                    **entry,
                    "id": 2,
                    "uid": "a" * 32,
                    "revision": 2,
                    "is_current": True,
                    "client_key": "k-2",
                    "principle": "ervaringen",
                    "kind": "ervaring",
                    "step": "inbreng",
                    "author_id": 2,
                    "visibility": "organisatie",
                    "tags": ["mantelzorg", "schulden"],
                    "extra": {"vraag": "Wat nu?", "values": ["eigen regie"]},
                    "text": "Tweede versie: [PERSOON-1] woont bij [ADRES-1].",
                    "findings": [
                        {"type": "PERSOON", "replacement": "[PERSOON-1]"},
                        {"type": "ADRES", "replacement": "[ADRES-1]"},
                    ],
                    "created_at": _at(2, 11),
                },
                # anonymous
                {
                    **entry,
                    "id": 3,
                    "uid": "b" * 32,
                    "revision": 1,
                    "is_current": True,
                    "principle": "onzekerheid",
                    "kind": "niet_weten",
                    "author_id": None,
                    "visibility": "kring",
                    "tags": [],
                    "extra": {},
                    "text": "Ik durfde het eerst niet te zeggen. \u00e9\u00e8 \u201caanhalingstekens\u201d",
                    "created_at": _at(2, 11),
                },
                # personal, kept past retention
                {
                    **entry,
                    "id": 4,
                    "uid": "c" * 32,
                    "revision": 1,
                    "is_current": True,
                    "principle": "actieleren",
                    "kind": "les",
                    "author_id": 1,
                    "visibility": "persoonlijk",
                    "tags": ["les"],
                    "extra": {"n": 3},
                    "text": "Mijn les.\nTweede regel.",
                    "keep": True,
                    "created_at": _at(2, 11),
                },
                # text removed by retention
                {
                    **entry,
                    "id": 5,
                    "uid": "d" * 32,
                    "revision": 1,
                    "is_current": True,
                    "session_id": 2,
                    "principle": "actieleren",
                    "kind": "actie",
                    "author_id": 1,
                    "visibility": "kring",
                    "tags": [],
                    "extra": {"owner": "Mila Lid"},
                    "text": None,
                    "text_removed_at": _at(20),
                    "created_at": _at(16),
                },
            ],
        )
        conn.execute(
            t["action"].insert(),
            [
                {
                    "id": 1,
                    "kring_id": 1,
                    "session_id": 1,
                    "entry_uid": "d" * 32,
                    "title": "Huisbezoek plannen",
                    "owner_id": 2,
                    "due_date": dt.date(2026, 3, 30),
                    "status": "done",
                    "created_at": _at(2, 11),
                    "closed_at": _at(16, 11),
                },
            ],
        )
        conn.execute(
            t["action_update"].insert(),
            [
                {
                    "id": 1,
                    "action_id": 1,
                    "session_id": 2,
                    "effect": "Gelukt",
                    "lesson": "Vroeg bellen",
                    "status": "done",
                    "author_id": 2,
                    "created_at": _at(16, 11),
                },
            ],
        )
        conn.execute(
            t["signal"].insert(),
            [
                {
                    "id": 1,
                    "kring_id": 1,
                    "session_id": 1,
                    "title": "Wachtlijst schuldhulp",
                    "text": "Drie maanden",
                    "status": "answered",
                    "raised_at": _at(2, 12),
                    "answered_at": _at(9),
                },
            ],
        )
        conn.execute(
            t["signal_response"].insert(),
            [
                {
                    "id": 1,
                    "signal_id": 1,
                    "responder": "Mariam Manager",
                    "text": "We bellen de gemeente.",
                    "status": "answered",
                    "created_at": _at(9),
                },
            ],
        )
        conn.execute(
            t["evaluation"].insert(),
            [
                {"id": 1, "session_id": 1, "free_to_speak": 4, "useful": 5, "remark": "", "created_at": _at(2, 12)},
            ],
        )
        conn.execute(
            t["audit_log"].insert(),
            [
                {"id": 1, "at": _at(1), "actor": "systeem", "action": "workspace.init", "detail": {"name": "Test"}},
                {"id": 2, "at": _at(2, 12), "actor": "Cora Coach", "action": "session.close", "detail": {"session": 1}},
            ],
        )
        if conn.dialect.name == "postgresql":  # the rows above name their ids: move the sequences past them
            for name, table in t.items():
                if "id" in table.c:
                    conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), max(id)) FROM {name}"))
    engine.dispose()


def snapshot(url: str) -> dict[str, list[tuple]]:
    """Every row of every version 1 table, as the database returns it, in primary-key order."""
    engine = make_engine(url)
    rows = {}
    with engine.connect() as conn:
        for name in V1_TABLES:
            table = V1.metadata.tables[name]
            rows[name] = [tuple(r) for r in conn.execute(sa.select(table).order_by(*table.primary_key.columns))]
    engine.dispose()
    return rows


def versions(url: str) -> tuple[str, list[str]]:
    engine = make_engine(url)
    with engine.connect() as conn:
        meta = conn.execute(sa.text("SELECT value FROM leerkring_meta WHERE key = 'schema_version'")).scalar_one()
        revisions = list(conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars())
    engine.dispose()
    return meta, revisions


def one_line_error(result, text: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fout: ") and text in lines[0], result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def workspace(tmp_path, run_cli) -> Path:
    root = tmp_path / "ws"
    result = run_cli("init", str(root), "--name", "Gemeente Test", env={"LEERKRING_DATABASE_URL": ""})
    assert result.returncode == 0, result.stderr
    return root


def test_release_database_is_upgraded_to_head_with_every_row_intact(db_url, workspace, run_cli):
    build_v1_database(db_url)
    before = snapshot(db_url)
    assert all(before[name] for name in V1_TABLES), "every table has rows"
    env = {"LEERKRING_DATABASE_URL": db_url}

    def cli(*args):
        return run_cli("-w", str(workspace), *args, env=env)

    one_line_error(cli("kring", "list"), "voer 'leerkring db upgrade' uit")
    status = cli("db", "status")
    assert status.returncode == 0, status.stderr
    assert f"schemaversie database: 1; deze leerkring: {schema.SCHEMA_VERSION}" in status.stdout
    assert "van vóór Alembic" in status.stdout and "integriteit: ok" in status.stdout

    upgraded = cli("db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert upgraded.stdout.strip() == f"Database bijgewerkt naar schemaversie {schema.SCHEMA_VERSION}."

    after = snapshot(db_url)
    assert after.pop("leerkring_meta") == [("schema_version", str(schema.SCHEMA_VERSION))]
    assert before.pop("leerkring_meta") == [("schema_version", "1")]
    assert after == before  # every row of every other table, exactly as it was
    assert versions(db_url) == (str(schema.SCHEMA_VERSION), [revision_id(schema.SCHEMA_VERSION)])
    engine = make_engine(db_url)
    with engine.connect() as conn:
        assert "ix_audit_action" in {ix["name"] for ix in sa.inspect(conn).get_indexes("audit_log")}
    engine.dispose()

    again = cli("db", "upgrade")
    assert (
        again.returncode == 0 and again.stdout.strip() == f"Database is al bij (schemaversie {schema.SCHEMA_VERSION})."
    )
    status = cli("db", "status")
    assert f"schemarevisie database: {revision_id(schema.SCHEMA_VERSION)}" in status.stdout
    kringen = cli("kring", "list")
    assert kringen.returncode == 0 and "Wijkteam Noord" in kringen.stdout and "Wijkteam Zuid" in kringen.stdout

    # the store reads the old entries as before, and writes new ones
    store = Store(db_url)
    mila = Viewer.member(2, [1], "Mila Lid")
    edited = store.entry(mila, "a" * 32)
    assert (edited.revision, edited.text, edited.visibility, edited.tags, edited.author) == (
        2,
        "Tweede versie: [PERSOON-1] woont bij [ADRES-1].",
        "organisatie",
        ("mantelzorg", "schulden"),
        "Mila Lid",
    )
    assert edited.extra == {"vraag": "Wat nu?", "values": ["eigen regie"]}
    history = store.entries(mila, session_id=1, history=True)
    assert [(e.uid[0], e.revision) for e in history] == [("a", 1), ("a", 2), ("b", 1)]
    assert history[2].author is None
    assert history[2].text == "Ik durfde het eerst niet te zeggen. \u00e9\u00e8 \u201caanhalingstekens\u201d"
    assert [e.text for e in store.entries(Viewer.organisation())] == [edited.text]
    assert store.entry(Viewer.member(1, [1]), "c" * 32).text == "Mijn les.\nTweede regel."
    saved = store.add_entry(2, "actieleren", "les", "Na de upgrade opgeslagen.", author="Mila Lid")
    assert saved.entry.revision == 1
    store.audit("Cora Coach", "db.checked", {"ok": True})
    store.close()


def test_database_at_head_is_up_to_date_and_newer_ones_are_refused(workspace, run_cli):
    db = workspace / ".leerkring" / "leerkring.db"
    cli = lambda *args: run_cli("-w", str(workspace), *args, env={"LEERKRING_DATABASE_URL": ""})  # noqa: E731

    up = cli("db", "upgrade")
    assert up.returncode == 0 and up.stdout.strip() == f"Database is al bij (schemaversie {schema.SCHEMA_VERSION})."

    def tamper(sql: str) -> None:
        conn = sqlite3.connect(db)
        conn.executescript(sql)
        conn.close()

    newer = f"{schema.SCHEMA_VERSION + 1:04d}"
    # a newer leerkring upgraded it: both the version and the revision are newer
    tamper(
        f"UPDATE alembic_version SET version_num = '{newer}';"
        f"UPDATE leerkring_meta SET value = '{schema.SCHEMA_VERSION + 1}' WHERE key = 'schema_version';"
    )
    one_line_error(cli("kring", "list"), "nieuwer dan deze leerkring")
    one_line_error(cli("db", "upgrade"), "nieuwer dan deze leerkring")
    # only the revision is unknown and newer
    tamper(f"UPDATE leerkring_meta SET value = '{schema.SCHEMA_VERSION}' WHERE key = 'schema_version';")
    one_line_error(cli("kring", "list"), f"schemarevisie {newer}, nieuwer dan deze leerkring")
    one_line_error(cli("db", "upgrade"), f"schemarevisie {newer}, nieuwer dan deze leerkring")
    # a revision that is not leerkring's at all
    tamper("UPDATE alembic_version SET version_num = 'ae1027a6acf';")
    one_line_error(cli("kring", "list"), "schemarevisie ae1027a6acf, die niet past bij schemaversie")
    one_line_error(cli("db", "upgrade"), "schemarevisie ae1027a6acf")
    status = cli("db", "status")
    assert status.returncode == 0 and "ae1027a6acf" in status.stdout


def test_head_revision_matches_schema_version():
    from leerkring.store import migrations

    assert migrations.head() == revision_id(schema.SCHEMA_VERSION)
    # one straight line from the baseline: every version has its revision
    assert migrations.revisions() == {revision_id(v) for v in range(1, schema.SCHEMA_VERSION + 1)}


def _differences(url: str) -> list:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    engine.dispose()
    return diff


def test_migrated_schema_equals_metadata(tmp_path):
    """The Alembic head's schema is ``schema.metadata``: reached from the release's database, and
    from an empty one (the baseline creates version 1, then every revision runs)."""
    from leerkring.store import migrations

    from_release = f"sqlite:///{tmp_path / 'release.db'}"
    build_v1_database(from_release)
    assert Store(from_release, check_version=False).upgrade() == list(range(2, schema.SCHEMA_VERSION + 1))
    assert _differences(from_release) == []

    from_empty = f"sqlite:///{tmp_path / 'empty.db'}"
    core = Store(from_empty, check_version=False)
    with core.migration_transaction() as conn:
        migrations.upgrade(conn, "head")
    assert versions(from_empty) == (str(schema.SCHEMA_VERSION), [revision_id(schema.SCHEMA_VERSION)])
    assert _differences(from_empty) == []
    core.close()

    created = f"sqlite:///{tmp_path / 'created.db'}"
    Store.create(created).close()
    assert versions(created) == (str(schema.SCHEMA_VERSION), [revision_id(schema.SCHEMA_VERSION)])
    assert _differences(created) == []


def test_frozen_v1_schema_is_what_the_release_created(tmp_path):
    """tests/data/schema_v1.py creates what that release created (its sqlite_master, recorded then)."""
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'v1.db'}")
    V1.metadata.create_all(engine)
    engine.dispose()
    conn = sqlite3.connect(tmp_path / "v1.db")
    created = [
        r[0].strip() + ";"
        for r in conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name")
    ]
    conn.close()
    sql = "".join(line for line in (DATA / "schema_v1.sqlite.sql").open(encoding="utf-8") if not line.startswith("--"))
    recorded = [statement.strip() + ";" for statement in sql.split(";\n") if statement.strip()]
    assert created == recorded


def test_batch_mode_on_sqlite_keeps_rows_that_refer_to_a_recreated_table(tmp_path):
    """The next revisions change ``person`` (e.g. a unique ``hub_user``), which SQLite can only do by
    copying the table. Inside the upgrade's transaction foreign keys are off, so dropping the old
    ``person`` cascades into nothing: memberships and authors stay."""
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    url = f"sqlite:///{tmp_path / 'batch.db'}"
    build_v1_database(url)
    before = snapshot(url)
    core = Store(url, check_version=False)
    with core.migration_transaction() as conn:
        op = Operations(MigrationContext.configure(conn, opts={"render_as_batch": True}))
        with op.batch_alter_table("person", recreate="always") as batch:
            batch.add_column(sa.Column("hub_user", sa.String(200)))
            batch.create_unique_constraint("uq_person_hub_user", ["hub_user"])
    core.close()
    after = snapshot(url)
    assert after["membership"] == before["membership"] and after["entry"] == before["entry"]
    assert [row[:5] for row in after["person"]] == [row[:5] for row in before["person"]]
    conn = sqlite3.connect(tmp_path / "batch.db")
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()


def test_opening_a_store_does_not_import_alembic(tmp_path, run_python):
    url = f"sqlite:///{tmp_path / 'open.db'}"
    Store.create(url).close()
    code = (
        "import sys\n"
        "from leerkring.store import Store\n"
        f"s = Store({url!r}); s.kringen(); s.close()\n"
        "print('alembic' in sys.modules)\n"
    )
    result = run_python(code, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
