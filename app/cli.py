"""Command line: `python -m app.cli migrate | seed | seed-crisis-resources | serve |
create-user | graphql-schema | search-reindex`."""

import argparse
import asyncio
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config

import app.models  # noqa: F401 - every table registered, so foreign keys resolve
from app.core.config import Settings, get_settings
from app.core.db import create_engine, create_sessionmaker
from app.core.errors import DomainError

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def alembic_config(database_url: str | None = None) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    if database_url:
        config.set_main_option("sqlalchemy.url", database_url)
    return config


def migrate() -> None:
    """Bring the database to the newest migration."""
    command.upgrade(alembic_config(get_settings().database_url), "head")


async def seed_crisis_resources() -> None:
    """Bring the crisis helplines in line with app/crisis/data.py (idempotent). Not demo
    content: every deployment needs them, so `serve`, `seed` and the container run it."""
    from app.core.db import utcnow
    from app.crisis.service import seed_crisis_resources as load

    engine = create_engine(get_settings().database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            counts = await load(session=session, now=utcnow())
            print("crisis resources: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    finally:
        await engine.dispose()


async def seed(*, only_if_empty: bool) -> None:
    # Imported here: the demo data is not needed to migrate or serve.
    from app.demo.seed import catalogue_is_empty, seed_demo_catalogue

    await seed_crisis_resources()
    engine = create_engine(get_settings().database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            if not await catalogue_is_empty(session):
                message = "the catalogue already has content; demo content not loaded"
                print(message, file=sys.stderr if not only_if_empty else sys.stdout)
                if not only_if_empty:
                    raise SystemExit(1)
                return
            counts = await seed_demo_catalogue(session)
            print("demo catalogue loaded: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    finally:
        await engine.dispose()


async def reindex_search() -> None:
    """Rebuild the search index from the content tables (after a bulk load that bypassed
    the services, or to repair it)."""
    from app.search.indexing import rebuild_search_index

    engine = create_engine(get_settings().database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            counts = await rebuild_search_index(session=session)
            print("search index rebuilt: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    finally:
        await engine.dispose()


async def create_user(*, email: str, display_name: str, role: str) -> None:
    from app.accounts.models import Role
    from app.accounts.service import create_user as create

    # The password comes from the environment or a prompt, never from argv (shell history).
    password = os.environ.get("NEW_USER_PASSWORD") or getpass.getpass("Password: ")
    engine = create_engine(get_settings().database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            user = await create(
                session=session,
                email=email,
                password=password,
                display_name=display_name,
                role=Role(role),
            )
            print(f"created {user.role.value} {user.email} ({user.id})")
    except DomainError as error:
        raise SystemExit(f"error: {error.detail}") from None
    finally:
        await engine.dispose()


async def import_content(*, directory: str, actor_email: str) -> int:
    from tqdm import tqdm

    from app.editorial.importer import import_directory, source_items

    engine = create_engine(get_settings().database_url)
    try:
        total = len(source_items(Path(directory)))
        with tqdm(total=total, unit="item", desc="importing") as progress:
            report = await import_directory(
                sessionmaker=create_sessionmaker(engine),
                actor_email=actor_email,
                directory=Path(directory),
                on_item=lambda result: progress.update(1),
            )
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        await engine.dispose()
    counts = ", ".join(
        f"{report.count(outcome)} {outcome}"
        for outcome in ("created", "updated", "unchanged", "failed")
    )
    print(f"imported {len(report.results)} items: {counts}")
    for result in report.failed:
        print(f"  failed  {result.kind:<10} {result.source}: {result.reason}")
    return 1 if report.failed else 0


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """Everything `serve` hands to uvicorn.run, read from the settings (README, Deploying)."""
    return {
        "factory": True,
        "host": settings.host,
        "port": settings.port,
        "workers": settings.web_concurrency,
        "log_level": settings.log_level,
        # X-Forwarded-For/-Proto are trusted from FORWARDED_ALLOW_IPS (uvicorn reads it;
        # 127.0.0.1 by default), so set it to the proxy's address behind a proxy.
        "proxy_headers": True,
        "server_header": False,
        "timeout_keep_alive": settings.keep_alive_timeout_seconds,
        "limit_concurrency": settings.limit_concurrency,
        "backlog": settings.backlog,
        "http": settings.http_implementation,
        # No websocket routes (GraphQL is served over HTTP only): without a websocket
        # implementation loaded, a worker is ~3.5 MB smaller and upgrades are refused.
        "ws": "none",
        "h11_max_incomplete_event_size": settings.h11_max_incomplete_event_size,
    }


def serve(*, prepare: bool = True) -> None:
    import uvicorn

    settings = get_settings()
    if prepare:
        migrate()
        asyncio.run(seed(only_if_empty=True))
    uvicorn.run("app.main:create_app", **uvicorn_options(settings))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m app.cli", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="upgrade the database to the newest migration")
    seed_parser = commands.add_parser("seed", help="load the demo catalogue")
    seed_parser.add_argument(
        "--if-empty", action="store_true", help="do nothing (and succeed) when content exists"
    )
    commands.add_parser(
        "seed-crisis-resources",
        help="bring the crisis helplines in line with app/crisis/data.py (idempotent)",
    )
    serve_parser = commands.add_parser(
        "serve", help="migrate, seed an empty database, and serve HTTP"
    )
    serve_parser.add_argument(
        "--no-prepare",
        dest="prepare",
        action="store_false",
        help="serve only: neither migrate nor seed (the container's prestart migrates)",
    )
    import_parser = commands.add_parser(
        "import-content", help="import Markdown articles and YAML manifests as drafts"
    )
    import_parser.add_argument("directory")
    import_parser.add_argument(
        "--as", dest="actor", required=True, help="email of the staff account doing the import"
    )
    commands.add_parser("graphql-schema", help="print the GraphQL schema into schema.graphql")
    commands.add_parser("search-reindex", help="rebuild the search index from the content")
    user_parser = commands.add_parser(
        "create-user", help="create an account (password from NEW_USER_PASSWORD or a prompt)"
    )
    user_parser.add_argument("--email", required=True)
    user_parser.add_argument("--name", required=True, help="display name")
    user_parser.add_argument(
        "--role", default="member", choices=["member", "editor", "reviewer", "admin"]
    )
    args = parser.parse_args(argv)
    if args.command == "migrate":
        migrate()
    elif args.command == "seed":
        asyncio.run(seed(only_if_empty=args.if_empty))
    elif args.command == "seed-crisis-resources":
        asyncio.run(seed_crisis_resources())
    elif args.command == "serve":
        serve(prepare=args.prepare)
    elif args.command == "import-content":
        raise SystemExit(
            asyncio.run(import_content(directory=args.directory, actor_email=args.actor))
        )
    elif args.command == "graphql-schema":
        from app.graphql.schema import schema_sdl

        (PROJECT_ROOT / "schema.graphql").write_text(schema_sdl())
        print("wrote schema.graphql")
    elif args.command == "search-reindex":
        asyncio.run(reindex_search())
    elif args.command == "create-user":
        asyncio.run(create_user(email=args.email, display_name=args.name, role=args.role))


if __name__ == "__main__":
    main()
