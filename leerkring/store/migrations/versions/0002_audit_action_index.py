"""Index ``ix_audit_action`` on ``audit_log(action)``, for the audit queries to come (schema version 2).

The first revision after the baseline; it also shows the path every later schema change takes.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch_op:
        batch_op.create_index("ix_audit_action", ["action"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch_op:
        batch_op.drop_index("ix_audit_action")
