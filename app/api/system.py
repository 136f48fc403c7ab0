"""Operational routes: liveness, readiness, and the problem types' documentation."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from alembic.config import Config
from alembic.script import ScriptDirectory
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text

from app.api.errors import PROBLEM_TYPES, problem_response, problem_responses
from app.core.errors import NotFound

router = APIRouter(tags=["system"])

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@lru_cache
def migration_heads() -> frozenset[str]:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    return frozenset(ScriptDirectory.from_config(config).get_heads())


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
