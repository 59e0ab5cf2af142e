"""Alembic migrations of the Argline schema, installed with the package as argline.migrations."""
