"""What a production install can import, so the bench's servers run as deployed.

The Dockerfile installs the project with `pip install .`; the bench runs from the dev venv,
which also holds the test and lint tools and what they pull in. Some packages import those
when present: PyJWT loads `cryptography` (its RSA and EC algorithms, ~8 MB per worker) if it
is installed, and production does not install it. So the servers under test start with
`bench/as_installed` on PYTHONPATH, whose sitecustomize refuses the top-level modules of
every distribution that `pip install .` would not install (BENCH_NOT_INSTALLED, computed
here from the installed metadata). A server that needs one of them fails as it would in
production.
"""

from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PROJECT = "smart-meditation-api"
SITE_DIR = Path(__file__).resolve().parent / "as_installed"
ENV_VAR = "BENCH_NOT_INSTALLED"


def production_distributions(project: str = PROJECT) -> set[str]:
    """The project's distribution and everything it requires, transitively, with the extras
    each requirement asks for (uvicorn[standard]); the project's own extras (dev) left out."""
    wanted: set[str] = set()
    pending: list[tuple[str, frozenset[str]]] = [(project, frozenset())]
    seen: set[tuple[str, frozenset[str]]] = set()
    while pending:
        name, extras = pending.pop()
        key = (canonicalize_name(name), extras)
        if key in seen:
            continue
        seen.add(key)
        wanted.add(key[0])
        try:
            requirements = metadata.distribution(name).requires or []
        except metadata.PackageNotFoundError:
            continue  # an optional dependency that is not installed here either
        for text in requirements:
            requirement = Requirement(text)
            marker = requirement.marker
            if marker is None or any(marker.evaluate({"extra": e}) for e in {"", *extras}):
                pending.append((requirement.name, frozenset(requirement.extras)))
    return wanted


def not_installed_modules(project: str = PROJECT) -> list[str]:
    """Top-level modules of installed distributions a production install would not have
    (a name that a production distribution provides too is kept importable)."""
    production = production_distributions(project)
    hidden: set[str] = set()
    kept: set[str] = set()
    for module, distributions in metadata.packages_distributions().items():
        if any(canonicalize_name(d) in production for d in distributions):
            kept.add(module)
        else:
            hidden.add(module)
    return sorted(hidden - kept)


def as_installed_env(env: dict[str, str]) -> dict[str, str]:
    """`env` for a server process that sees only a production install's modules."""
    path = [str(SITE_DIR), *filter(None, [env.get("PYTHONPATH")])]
    return {**env, "PYTHONPATH": ":".join(path), ENV_VAR: ",".join(not_installed_modules())}
