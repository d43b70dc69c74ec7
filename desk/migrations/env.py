"""Alembic environment for desk: runs on the connection the store hands over."""

from alembic import context
from sqlmodel import SQLModel

import desk.model  # noqa: F401  (registers every table on SQLModel.metadata)
from desk.migrations.filters import include_object

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("desk migrations run through desk.migrations.upgrade(), not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    include_object=include_object,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
