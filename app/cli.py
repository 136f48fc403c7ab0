"""Command line: `python -m app.cli migrate | seed | serve`."""

import argparse
import asyncio
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config

from app.core.config import get_settings
from app.core.db import create_engine, create_sessionmaker

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
    args = parser.parse_args(argv)
    if args.command == "migrate":
        migrate()
    elif args.command == "seed":
        asyncio.run(seed(only_if_empty=args.if_empty))
    elif args.command == "serve":
        serve()


if __name__ == "__main__":
    main()
