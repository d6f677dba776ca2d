"""``client_key`` on ``action_update``, ``signal`` and ``evaluation`` (schema version 3).

A kernel whose answer never came resends the same call with the same key; like an entry's, these keys
make reporting on an action, raising a signal and evaluating a session idempotent. Nullable (rows
written before have none) and unique (a retry finds the row stored the first time).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = ("action_update", "signal", "evaluation")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("client_key", sa.String(length=64), nullable=True))
            batch_op.create_unique_constraint(f"uq_{table}_client_key", ["client_key"])


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(f"uq_{table}_client_key", type_="unique")
            batch_op.drop_column("client_key")
