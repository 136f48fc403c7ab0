"""/readyz knows the newest migration without importing alembic (~12 MB per worker)."""

from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from app.api.system import PROJECT_ROOT, migration_heads, revision_heads
from tests.helpers import printed_by_fresh_interpreter


def write_revision(directory: Path, name: str, revision: str, down: str) -> None:
    (directory / name).write_text(
        '"""A revision."""\n\n'
        "from collections.abc import Sequence\n\n"
        "import sqlalchemy as sa\n"
        "from alembic import op\n\n"
        f"revision: str = {revision!r}\n"
        f"down_revision: str | Sequence[str] | None = {down}\n"
        "branch_labels = None\n"
        "depends_on = None\n\n\n"
        "def upgrade() -> None:\n"
        "    op.add_column('t', sa.Column('c', sa.Integer()))\n"
    )


def test_the_heads_are_alembic_s() -> None:
    alembic_heads = ScriptDirectory.from_config(
        Config(str(PROJECT_ROOT / "alembic.ini"))
    ).get_heads()

    assert migration_heads() == frozenset(alembic_heads)


def test_a_chain_has_one_head(tmp_path: Path) -> None:
    write_revision(tmp_path, "1_base.py", "aaa", "None")
    write_revision(tmp_path, "2_next.py", "bbb", "'aaa'")
    write_revision(tmp_path, "3_last.py", "ccc", "'bbb'")

    assert revision_heads(tmp_path) == {"ccc"}


def test_branches_have_a_head_each_until_merged(tmp_path: Path) -> None:
    write_revision(tmp_path, "1_base.py", "aaa", "None")
    write_revision(tmp_path, "2_left.py", "bbb", "'aaa'")
    write_revision(tmp_path, "3_right.py", "ccc", "'aaa'")
    assert revision_heads(tmp_path) == {"bbb", "ccc"}

    write_revision(tmp_path, "4_merge.py", "ddd", "('bbb', 'ccc')")
    assert revision_heads(tmp_path) == {"ddd"}


def test_only_revision_files_count(tmp_path: Path) -> None:
    write_revision(tmp_path, "1_base.py", "aaa", "None")
    write_revision(tmp_path, "__init__.py", "zzz", "'aaa'")
    write_revision(tmp_path, "2_notes.py.txt", "yyy", "'aaa'")
    (tmp_path / "__pycache__").mkdir()

    assert revision_heads(tmp_path) == {"aaa"}


def test_a_file_without_a_revision_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "1_broken.py").write_text("down_revision = None\n")

    with pytest.raises(ValueError, match=r"1_broken\.py"):
        revision_heads(tmp_path)


def test_serving_the_app_does_not_import_alembic() -> None:
    code = (
        "import sys\n"
        "from app.api.system import migration_heads\n"
        "from app.main import create_app\n"
        "create_app()\n"
        "migration_heads()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))\n"
    )
    assert printed_by_fresh_interpreter(code) == ["[]"]
