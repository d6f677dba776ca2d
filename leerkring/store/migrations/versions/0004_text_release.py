"""``text_release``: the coach's release review of texts that would reach the organisation (schema version 4).

Every text already organisation-visible when this runs (the current revision of each entry shared with
the organisation, every signal and every answer to one) gets a ``pending`` row: nothing written before
the review existed reaches an organisation summary until a coach of its kring has released it
(``leerkring release list``). See :mod:`leerkring.store.release`.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    release = op.create_table(
        "text_release",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=16), nullable=False),
        sa.Column("kring_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=True),
        sa.Column("signal_id", sa.Integer(), nullable=True),
        sa.Column("response_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("original", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("item IN ('entry','signal','response')", name="text_release_item"),
        sa.CheckConstraint("status IN ('pending','released','rejected','replaced')", name="text_release_status"),
        sa.ForeignKeyConstraint(["kring_id"], ["kring.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["entry_id"], ["entry.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["signal_id"], ["signal.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["response_id"], ["signal_response.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["decided_by_id"], ["person.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("entry_id"),
        sa.UniqueConstraint("signal_id"),
        sa.UniqueConstraint("response_id"),
    )
    op.create_index("ix_text_release_status", "text_release", ["status", "kring_id"], unique=False)

    # what was organisation-visible before the review existed waits for a coach, like anything new
    conn = op.get_bind()
    now = dt.datetime.now(dt.UTC)
    entry = sa.table(
        "entry",
        sa.column("id"),
        sa.column("kring_id"),
        sa.column("visibility"),
        sa.column("is_current"),
    )
    signal = sa.table("signal", sa.column("id"), sa.column("kring_id"))
    response = sa.table("signal_response", sa.column("id"), sa.column("signal_id"))
    rows = [
        {"item": "entry", "kring_id": r.kring_id, "entry_id": r.id}
        for r in conn.execute(
            sa.select(entry.c.id, entry.c.kring_id)
            .where(entry.c.visibility == "organisatie", entry.c.is_current == sa.true())
            .order_by(entry.c.id)
        )
    ]
    rows += [
        {"item": "signal", "kring_id": r.kring_id, "signal_id": r.id}
        for r in conn.execute(sa.select(signal.c.id, signal.c.kring_id).order_by(signal.c.id))
    ]
    rows += [
        {"item": "response", "kring_id": r.kring_id, "response_id": r.id}
        for r in conn.execute(
            sa.select(response.c.id, signal.c.kring_id)
            .select_from(response.join(signal, signal.c.id == response.c.signal_id))
            .order_by(response.c.id)
        )
    ]
    if rows:
        blank = {"entry_id": None, "signal_id": None, "response_id": None}
        op.bulk_insert(
            release, [{**blank, **row, "status": "pending", "reason": "", "created_at": now} for row in rows]
        )


def downgrade() -> None:
    op.drop_index("ix_text_release_status", table_name="text_release")
    op.drop_table("text_release")
