"""topic links carry the entry's published_at, kept by triggers

A list filtered by topic ("the newest sleep articles") read every link of the topic, or every
published entry, before it could sort: 26 ms for the largest topic at 100k articles, 50 ms for
a small one the other way round. With the entry's published_at on its topic links (only while
the entry is published; NULL otherwise) and an index (topic_id, published_at, entry id), such
a page is one index range scan. Triggers keep the copy right whoever writes: the editorial
service, the admin UI, an import or a bulk load.

Revision ID: 7c1e5a9d2b40
Revises: 006ec4c121c7
Create Date: 2026-11-27 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.core.db

revision: str = "7c1e5a9d2b40"
down_revision: str | None = "006ec4c121c7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (link table, its entry column, the entry table)
LINKS = (("article_topic", "article_id", "article"), ("track_topic", "track_id", "track"))


def _live(alias: str) -> str:
    return f"CASE WHEN {alias}.status = 'published' THEN {alias}.published_at END"


def _sqlite_triggers(link: str, owner: str, table: str) -> list[str]:
    return [
        f"""CREATE TRIGGER {link}_published_at_on_insert AFTER INSERT ON {link}
        BEGIN
            UPDATE {link} SET published_at = (
                SELECT {_live("entry")} FROM {table} AS entry WHERE entry.id = NEW.{owner}
            )
            WHERE {owner} = NEW.{owner} AND topic_id = NEW.topic_id;
        END""",
        f"""CREATE TRIGGER {table}_published_at_to_{link} AFTER UPDATE OF status, published_at
        ON {table}
        BEGIN
            UPDATE {link} SET published_at = {_live("NEW")} WHERE {owner} = NEW.id;
        END""",
    ]


def _postgres_triggers(link: str, owner: str, table: str) -> list[str]:
    return [
        f"""CREATE FUNCTION {link}_published_at_on_insert() RETURNS trigger AS $$
        BEGIN
            NEW.published_at := (
                SELECT {_live("entry")} FROM {table} AS entry WHERE entry.id = NEW.{owner}
            );
            RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        f"""CREATE TRIGGER {link}_published_at_on_insert BEFORE INSERT ON {link}
        FOR EACH ROW EXECUTE FUNCTION {link}_published_at_on_insert()""",
        f"""CREATE FUNCTION {table}_published_at_to_{link}() RETURNS trigger AS $$
        BEGIN
            UPDATE {link} SET published_at = {_live("NEW")} WHERE {owner} = NEW.id;
            RETURN NULL;
        END $$ LANGUAGE plpgsql""",
        f"""CREATE TRIGGER {table}_published_at_to_{link} AFTER UPDATE OF status, published_at
        ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_published_at_to_{link}()""",
    ]


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for link, owner, table in LINKS:
        with op.batch_alter_table(link, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("published_at", app.core.db.UTCDateTime(), nullable=True)
            )
            batch_op.create_index(
                f"ix_{link}_topic_id_published_at_{owner}",
                ["topic_id", "published_at", owner],
                unique=False,
            )
        op.execute(
            f"UPDATE {link} SET published_at = (SELECT {_live('entry')} FROM {table} AS entry "
            f"WHERE entry.id = {link}.{owner})"
        )
        for statement in (_postgres_triggers if postgres else _sqlite_triggers)(
            link, owner, table
        ):
            op.execute(statement)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for link, owner, table in LINKS:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_published_at_to_{link}" + (f" ON {table}" if postgres else ""))
        op.execute(f"DROP TRIGGER IF EXISTS {link}_published_at_on_insert" + (f" ON {link}" if postgres else ""))
        if postgres:
            op.execute(f"DROP FUNCTION IF EXISTS {table}_published_at_to_{link}()")
            op.execute(f"DROP FUNCTION IF EXISTS {link}_published_at_on_insert()")
        with op.batch_alter_table(link, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{link}_topic_id_published_at_{owner}")
            batch_op.drop_column("published_at")
