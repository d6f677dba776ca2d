"""Alembic revisions of the store's schema; the id of each is its schema version (``0002``)."""
