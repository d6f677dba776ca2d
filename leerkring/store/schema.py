"""Database tables (SQLAlchemy Core).

Every change needs an Alembic revision in ``leerkring/store/migrations/versions/`` whose id is the new
``SCHEMA_VERSION`` (see :mod:`leerkring.store.migrations`); ``tests/test_migrations.py`` checks that
the revisions and these tables agree.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

SCHEMA_VERSION = 5

ROLES = ("coach", "member", "guest", "manager")
VISIBILITIES = ("persoonlijk", "kring", "organisatie")
SESSION_STATES = ("open", "closed")
ACTION_STATES = ("open", "done", "continued", "dropped")
SIGNAL_STATES = ("open", "answered", "closed")
RELEASE_ITEMS = ("entry", "signal", "response")
RELEASE_STATES = ("pending", "released", "rejected", "replaced")
RELEASE_DECISIONS = ("coach", "auto", "management")
CASE_STATES = ("draft", "shared")
VOTE_STATES = ("open", "closed")

metadata = MetaData()

meta = Table(
    "leerkring_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(255), nullable=False),
)

kring = Table(
    "kring",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(80), nullable=False, unique=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("name_key", String(200), nullable=False, unique=True),  # casefolded, for lookups
    Column("description", Text, nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

person = Table(
    "person",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("name_key", String(200), nullable=False, unique=True),  # casefolded, for lookups
    Column("username", String(200), unique=True),  # e.g. the JupyterHub user name, stored casefolded
    Column("created_at", DateTime(timezone=True), nullable=False),
)

membership = Table(
    "membership",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kring_id", ForeignKey("kring.id", ondelete="CASCADE"), nullable=False),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("kring_id", "person_id"),
    CheckConstraint("role IN ('coach','member','guest','manager')", name="membership_role"),
)

session = Table(
    "session",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kring_id", ForeignKey("kring.id", ondelete="CASCADE"), nullable=False),
    Column("date", Date, nullable=False),
    Column("method", String(64), nullable=False),
    Column("title", String(300), nullable=False, default=""),
    Column("status", String(16), nullable=False, default="open"),
    Column("notebook", String(500)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True)),
    UniqueConstraint("kring_id", "date", "method"),
    CheckConstraint("status IN ('open','closed')", name="session_status"),
)

attendance = Table(
    "attendance",
    metadata,
    Column("session_id", ForeignKey("session.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(16), nullable=False),
)

# Append-only: an edit inserts a new revision of the same uid and marks the old one not current.
entry = Table(
    "entry",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(32), nullable=False),
    Column("revision", Integer, nullable=False, default=1),
    Column("is_current", Boolean, nullable=False, default=True),
    Column("client_key", String(64), unique=True),  # idempotency key of a save; a retry never duplicates
    Column("session_id", ForeignKey("session.id", ondelete="CASCADE"), nullable=False),
    Column("kring_id", ForeignKey("kring.id", ondelete="CASCADE"), nullable=False),
    Column("principle", String(32), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("step", String(64), nullable=False, default=""),
    Column("author_id", ForeignKey("person.id", ondelete="SET NULL")),
    Column("visibility", String(16), nullable=False, default="kring"),
    Column("tags", JSON, nullable=False, default=list),
    Column("extra", JSON, nullable=False, default=dict),
    Column("text", Text),  # already pseudonymised; NULL once retention removed it
    Column("findings", JSON, nullable=False, default=list),  # types and replacements, never originals
    Column("keep", Boolean, nullable=False, default=False),  # kept past retention (e.g. a lesson)
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("text_removed_at", DateTime(timezone=True)),
    # the live session (schema version 5): a reply names its parent's uid; the phase it was saved in
    Column("parent_uid", String(32)),
    Column("phase", String(64), nullable=False, default="", server_default=""),
    UniqueConstraint("uid", "revision"),
    CheckConstraint("visibility IN ('persoonlijk','kring','organisatie')", name="entry_visibility"),
)
Index("ix_entry_session_current", entry.c.session_id, entry.c.is_current)
Index("ix_entry_kring_current", entry.c.kring_id, entry.c.is_current)
Index("ix_entry_author", entry.c.author_id)
Index("ix_entry_parent", entry.c.parent_uid)  # schema version 5
# Covers the summaries' GROUP BY scans (principle, kind and distinct contributors per session) so
# they read the index instead of every row's text.
Index(
    "ix_entry_summary",
    entry.c.session_id,
    entry.c.is_current,
    entry.c.visibility,
    entry.c.principle,
    entry.c.kind,
    entry.c.author_id,
)

action = Table(
    "action",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kring_id", ForeignKey("kring.id", ondelete="CASCADE"), nullable=False),
    Column("session_id", ForeignKey("session.id", ondelete="CASCADE"), nullable=False),
    Column("entry_uid", String(32)),
    Column("title", Text, nullable=False),
    Column("owner_id", ForeignKey("person.id", ondelete="SET NULL")),
    Column("due_date", Date),
    Column("status", String(16), nullable=False, default="open"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True)),
    CheckConstraint("status IN ('open','done','continued','dropped')", name="action_status"),
)
Index("ix_action_kring_status", action.c.kring_id, action.c.status)

action_update = Table(
    "action_update",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("action_id", ForeignKey("action.id", ondelete="CASCADE"), nullable=False),
    Column("session_id", ForeignKey("session.id", ondelete="CASCADE"), nullable=False),
    Column("effect", Text, nullable=False, default=""),
    Column("lesson", Text, nullable=False, default=""),
    Column("status", String(16), nullable=False),
    Column("author_id", ForeignKey("person.id", ondelete="SET NULL")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("client_key", String(64)),  # idempotency key of a report (schema version 3)
    UniqueConstraint("client_key", name="uq_action_update_client_key"),
)

signal = Table(
    "signal",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kring_id", ForeignKey("kring.id", ondelete="CASCADE"), nullable=False),
    Column("session_id", ForeignKey("session.id", ondelete="SET NULL")),
    Column("title", String(300), nullable=False),
    Column("text", Text, nullable=False, default=""),
    Column("status", String(16), nullable=False, default="open"),
    Column("raised_at", DateTime(timezone=True), nullable=False),
    Column("answered_at", DateTime(timezone=True)),
    Column("client_key", String(64)),  # idempotency key (schema version 3)
    UniqueConstraint("client_key", name="uq_signal_client_key"),
    CheckConstraint("status IN ('open','answered','closed')", name="signal_status"),
)

signal_response = Table(
    "signal_response",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("signal_id", ForeignKey("signal.id", ondelete="CASCADE"), nullable=False),
    Column("responder", String(200), nullable=False),
    Column("text", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

evaluation = Table(
    "evaluation",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", ForeignKey("session.id", ondelete="CASCADE"), nullable=False),
    Column("free_to_speak", Integer, nullable=False),
    Column("useful", Integer, nullable=False),
    Column("remark", Text, nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("client_key", String(64)),  # idempotency key, random, never tied to a person (schema version 3)
    UniqueConstraint("client_key", name="uq_evaluation_client_key"),
    CheckConstraint("free_to_speak BETWEEN 1 AND 5", name="evaluation_free"),
    CheckConstraint("useful BETWEEN 1 AND 5", name="evaluation_useful"),
)

audit = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(64), nullable=False),
    Column("detail", JSON, nullable=False, default=dict),
)
Index("ix_audit_action", audit.c.action)  # schema version 2

# The release review (vier-ogen, schema version 4): every text that would reach an organisation
# artifact (an entry revision shared with the organisation, a signal, a signal's answer) has one row
# here, made when the text becomes organisation-visible. Only ``released`` texts are published for the
# organisation (leerkring/store/release.py explains the states).
text_release = Table(
    "text_release",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("item", String(16), nullable=False),
    Column("kring_id", ForeignKey("kring.id", ondelete="CASCADE"), nullable=False),
    Column("entry_id", ForeignKey("entry.id", ondelete="CASCADE"), unique=True),  # one entry revision
    Column("signal_id", ForeignKey("signal.id", ondelete="CASCADE"), unique=True),
    Column("response_id", ForeignKey("signal_response.id", ondelete="CASCADE"), unique=True),
    Column("status", String(16), nullable=False, default="pending"),
    Column("decision", String(16)),  # who decided: a coach, the workspace's "auto" setting, or management
    Column("decided_by_id", ForeignKey("person.id", ondelete="SET NULL")),
    Column("decided_at", DateTime(timezone=True)),
    Column("reason", Text, nullable=False, default=""),  # why it was sent back (scrubbed), for the author
    Column("original", JSON),  # a signal's or answer's text before the coach edited it
    Column("created_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("item IN ('entry','signal','response')", name="text_release_item"),
    CheckConstraint("status IN ('pending','released','rejected','replaced')", name="text_release_status"),
)
Index("ix_text_release_status", text_release.c.status, text_release.c.kring_id)


# The live session (schema version 5). A case (casus) a member prepares for a kring: a draft only its
# author sees until it is shared; a session's vote picks one (``session_room.case_id``).
case = Table(
    "kring_case",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kring_id", ForeignKey("kring.id", ondelete="CASCADE"), nullable=False),
    Column("author_id", ForeignKey("person.id", ondelete="SET NULL")),
    Column("title", String(300), nullable=False),
    Column("text", Text, nullable=False, default=""),  # scrubbed
    Column("findings", JSON, nullable=False, default=list),
    Column("status", String(16), nullable=False, default="draft"),
    Column("client_key", String(64), unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("shared_at", DateTime(timezone=True)),
    CheckConstraint("status IN ('draft','shared')", name="kring_case_status"),
)
Index("ix_kring_case_kring", case.c.kring_id, case.c.status)

# One row per session once anything live happens in it: the coach's phase, vote and round, and the
# version every write into the session raises (what a participant's wall waits on).
room = Table(
    "session_room",
    metadata,
    Column("session_id", ForeignKey("session.id", ondelete="CASCADE"), primary_key=True),
    Column("version", Integer, nullable=False, default=0),
    Column("phase", Integer),  # index into the method's phases; NULL: not started
    Column("finished", Boolean, nullable=False, default=False),
    Column("phase_started_at", DateTime(timezone=True)),
    Column("paused_at", DateTime(timezone=True)),  # set while paused
    Column("paused_seconds", Integer, nullable=False, default=0),  # pauses so far in this phase
    Column("extra_minutes", Integer, nullable=False, default=0),  # extensions of this phase
    Column("history", JSON, nullable=False, default=list),  # phases done: key, started, ended, minutes
    Column("vote", String(16)),  # NULL, open, closed
    Column("votes_per_person", Integer, nullable=False, default=0),
    Column("case_id", ForeignKey("kring_case.id", ondelete="SET NULL")),
    Column("round_order", JSON),  # person ids in turn order; NULL: no round
    Column("round_turn", Integer),
    Column("rounds", Integer, nullable=False, default=0),  # rounds held (counted in the summaries)
    CheckConstraint("vote IS NULL OR vote IN ('open','closed')", name="session_room_vote"),
)

# Votes carry no voter: the tally is anonymous by construction. Who has used how many of their votes
# is kept apart (``case_ballot``), without the cases they went to.
case_vote = Table(
    "case_vote",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", ForeignKey("session.id", ondelete="CASCADE"), nullable=False),
    Column("case_id", ForeignKey("kring_case.id", ondelete="CASCADE"), nullable=False),
)
Index("ix_case_vote_session", case_vote.c.session_id)

case_ballot = Table(
    "case_ballot",
    metadata,
    Column("session_id", ForeignKey("session.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
    Column("used", Integer, nullable=False, default=0),
)
