"""${message}

Schema version ${int(up_revision)} (revision ${up_revision}, after ${down_revision | comma,n}); created ${create_date}.
Remember: the same change in ``leerkring/store/schema.py`` and ``SCHEMA_VERSION = ${int(up_revision)}`` there.
On SQLite, alter tables inside ``op.batch_alter_table(...)`` (foreign keys are off while it runs).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
${imports if imports else ""}

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = None
depends_on = None


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
