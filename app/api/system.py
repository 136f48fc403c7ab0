"""Operational routes: liveness, readiness, and the problem types' documentation."""

import ast
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text

from app.api.errors import PROBLEM_TYPES, problem_response, problem_responses
from app.core.errors import NotFound

router = APIRouter(tags=["system"])

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Where alembic.ini's `script_location` puts the revision files.
MIGRATION_VERSIONS = PROJECT_ROOT / "migrations" / "versions"
# The files alembic loads as revisions (alembic.script.base._only_source_rev_file).
REVISION_FILE = re.compile(r"(?!\.\#|__init__)(.*\.py)$")


@lru_cache
def migration_heads() -> frozenset[str]:
    """The newest revisions: those no other revision names as its `down_revision`, as
    alembic's `ScriptDirectory.get_heads()` computes them.

    Read from the revision files' source, not through alembic: importing alembic (and Mako,
    and every migration module) kept ~12 MB resident in each worker for this one check
    (tests/test_readiness.py compares the result with alembic's).
    """
    return revision_heads(MIGRATION_VERSIONS)


def revision_heads(versions: Path) -> frozenset[str]:
    revisions: set[str] = set()
    superseded: set[str] = set()
    for path in sorted(versions.iterdir()):
        if not path.is_file() or not REVISION_FILE.fullmatch(path.name):
            continue
        values = _module_constants(path, ("revision", "down_revision"))
        revision = values.get("revision")
        if not isinstance(revision, str):
            raise ValueError(f"{path.name} declares no `revision = '<id>'`")
        revisions.add(revision)
        down = values.get("down_revision")
        if isinstance(down, str):
            superseded.add(down)
        elif isinstance(down, tuple | list):  # a merge revision
            superseded.update(down)
    return frozenset(revisions - superseded)


def _module_constants(path: Path, names: tuple[str, ...]) -> dict[str, object]:
    """Literal values assigned to `names` at the top level of a Python file (annotated or
    not), without running it."""
    found: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8"), filename=str(path)).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in names:
            found[target.id] = ast.literal_eval(value)
    return found


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class Readiness(BaseModel):
    status: Literal["ready"] = "ready"
    database: Literal["ok"] = "ok"
    migration: str


class ProblemType(BaseModel):
    code: str
    description: str


@router.get("/healthz", summary="Liveness", response_model=Health)
async def healthz() -> Health:
    """The process is up and serving. It does not touch the database."""
    return Health()


@router.get(
    "/readyz",
    summary="Readiness",
    response_model=Readiness,
    responses=problem_responses(503),
)
async def readyz(request: Request) -> Readiness | JSONResponse:
    """The database answers and its schema is at the newest migration."""
    try:
        async with request.app.state.engine.connect() as connection:
            revisions = set(
                (
                    await connection.execute(text("SELECT version_num FROM alembic_version"))
                ).scalars()
            )
    except Exception:
        return problem_response(
            status=503,
            code="service-unavailable",
            title="Service Unavailable",
            detail="The database is not reachable or has never been migrated.",
            instance=request.url.path,
        )
    if revisions != migration_heads():
        return problem_response(
            status=503,
            code="service-unavailable",
            title="Service Unavailable",
            detail="The database schema is not at the newest migration; run the migrations.",
            instance=request.url.path,
        )
    return Readiness(migration=",".join(sorted(revisions)))


@router.get(
    "/problems/{code}",
    summary="Describe a problem type",
    response_model=ProblemType,
    responses=problem_responses(404),
)
async def describe_problem(code: str) -> ProblemType:
    """What a problem+json `type` of `/problems/{code}` means and what to do about it."""
    if code not in PROBLEM_TYPES:
        raise NotFound(f"There is no problem type '{code}'.")
    return ProblemType(code=code, description=PROBLEM_TYPES[code])
