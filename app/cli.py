"""Command line: `python -m app.cli migrate | seed | serve | create-user | graphql-schema`."""

import argparse
import asyncio
import getpass
import os
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config

from app.core.config import get_settings
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


async def seed(*, only_if_empty: bool) -> None:
    # Imported here: the demo data is not needed to migrate or serve.
    from app.demo.seed import catalogue_is_empty, seed_demo_catalogue

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


def serve() -> None:
    import uvicorn

    settings = get_settings()
    migrate()
    asyncio.run(seed(only_if_empty=True))
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.web_concurrency,
        log_level=settings.log_level,
        proxy_headers=True,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m app.cli", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="upgrade the database to the newest migration")
    seed_parser = commands.add_parser("seed", help="load the demo catalogue")
    seed_parser.add_argument(
        "--if-empty", action="store_true", help="do nothing (and succeed) when content exists"
    )
    commands.add_parser("serve", help="migrate, seed an empty database, and serve HTTP")
    commands.add_parser("graphql-schema", help="print the GraphQL schema into schema.graphql")
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
    elif args.command == "serve":
        serve()
    elif args.command == "graphql-schema":
        from app.graphql.schema import schema_sdl

        (PROJECT_ROOT / "schema.graphql").write_text(schema_sdl())
        print("wrote schema.graphql")
    elif args.command == "create-user":
        asyncio.run(create_user(email=args.email, display_name=args.name, role=args.role))


if __name__ == "__main__":
    main()
