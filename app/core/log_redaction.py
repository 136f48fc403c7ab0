"""Keep member data out of the database libraries' own logs, however verbose logging is.

SQL statement parameters are hidden by the engine (`hide_parameters`, app/core/db.py). Two
DEBUG messages would still carry data: SQLAlchemy's fetched rows ("Row (...)", logged when
its logger is at DEBUG) and aiosqlite's "executing <functools.partial(execute, sql,
parameters)>". Rows are dropped; aiosqlite's calls are named without their arguments.
Statements themselves (column names, placeholders) stay loggable.
"""

import logging
from typing import Any

SQLALCHEMY_ENGINE_LOGGER = "sqlalchemy.engine.Engine"
AIOSQLITE_LOGGER = "aiosqlite"
_AIOSQLITE_CALLS = frozenset({"executing %s", "operation %s completed"})


class DropResultRows(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.msg != "Row %r"


def _call_name(function: Any) -> str:
    target = getattr(function, "func", function)
    return str(getattr(target, "__qualname__", type(target).__name__))


class NameCallsWithoutArguments(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg in _AIOSQLITE_CALLS and isinstance(record.args, tuple) and record.args:
            record.args = (_call_name(record.args[0]),)
        return True


def redact_database_logs() -> None:
    """Install the filters (once; calling again changes nothing)."""
    for name, redaction in (
        (SQLALCHEMY_ENGINE_LOGGER, DropResultRows),
        (AIOSQLITE_LOGGER, NameCallsWithoutArguments),
    ):
        logger = logging.getLogger(name)
        if not any(isinstance(existing, redaction) for existing in logger.filters):
            logger.addFilter(redaction())
