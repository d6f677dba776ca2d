"""The live session (schema version 5): phases, cases and their vote, rounds, replies.

- ``entry.parent_uid``: a reply names the entry it answers; ``entry.phase``: the phase it was saved in
  ("" for everything saved before, or outside a running phase).
- ``kring_case``: a case a member prepares (a draft until shared with the kring).
- ``session_room``: the coach's phase, timer, vote and round per session, and the version every write
  into the session raises.
- ``case_vote`` (no voter) and ``case_ballot`` (votes used per person, no cases): an anonymous tally.
See :mod:`leerkring.store.room`.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entry") as batch_op:
        batch_op.add_column(sa.Column("parent_uid", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("phase", sa.String(length=64), nullable=False, server_default=""))
    op.create_index("ix_entry_parent", "entry", ["parent_uid"], unique=False)
    op.create_table(
        "kring_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kring_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("client_key", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("shared_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('draft','shared')", name="kring_case_status"),
        sa.ForeignKeyConstraint(["kring_id"], ["kring.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["author_id"], ["person.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key"),
    )
    op.create_index("ix_kring_case_kring", "kring_case", ["kring_id", "status"], unique=False)
    op.create_table(
        "session_room",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("phase", sa.Integer(), nullable=True),
        sa.Column("finished", sa.Boolean(), nullable=False),
        sa.Column("phase_started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paused_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paused_seconds", sa.Integer(), nullable=False),
        sa.Column("extra_minutes", sa.Integer(), nullable=False),
        sa.Column("history", sa.JSON(), nullable=False),
        sa.Column("vote", sa.String(length=16), nullable=True),
        sa.Column("votes_per_person", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("round_order", sa.JSON(), nullable=True),
        sa.Column("round_turn", sa.Integer(), nullable=True),
        sa.Column("rounds", sa.Integer(), nullable=False),
        sa.CheckConstraint("vote IS NULL OR vote IN ('open','closed')", name="session_room_vote"),
        sa.ForeignKeyConstraint(["session_id"], ["session.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["case_id"], ["kring_case.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("session_id"),
    )
    op.create_table(
        "case_vote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["session.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["case_id"], ["kring_case.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_case_vote_session", "case_vote", ["session_id"], unique=False)
    op.create_table(
        "case_ballot",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("used", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["session.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("session_id", "person_id"),
    )


def downgrade() -> None:
    op.drop_table("case_ballot")
    op.drop_index("ix_case_vote_session", table_name="case_vote")
    op.drop_table("case_vote")
    op.drop_table("session_room")
    op.drop_index("ix_kring_case_kring", table_name="kring_case")
    op.drop_table("kring_case")
    op.drop_index("ix_entry_parent", table_name="entry")
    with op.batch_alter_table("entry") as batch_op:
        batch_op.drop_column("phase")
        batch_op.drop_column("parent_uid")
