"""The schema revision this Argline writes, known without importing SQLAlchemy or Alembic."""

# The newest revision in db/versions; a test checks that the two agree.
SCHEMA_HEAD = "0005"
