"""require(): a missing component skips on a developer's machine and fails under CI=true."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.infra import in_ci, require


def test_require_fails_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert in_ci()
    with pytest.raises(pytest.fail.Exception, match="frobnicator unavailable: not installed"):
        require("frobnicator", "not installed")


@pytest.mark.parametrize("value", [None, "", "false", "0"])
def test_require_skips_outside_ci(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    assert not in_ci()
    with pytest.raises(pytest.skip.Exception, match="frobnicator unavailable: not installed"):
        require("frobnicator", "not installed")


# A fixture that fails is reported as an error of the test, a skip as a skip.
@pytest.mark.parametrize(("ci", "outcome"), [("true", "1 error"), ("", "1 skipped")])
def test_require_in_a_real_pytest_run(tmp_path, ci, outcome):
    """End to end, in a pytest of its own: a fixture needing a missing component."""
    (tmp_path / "test_missing.py").write_text(
        textwrap.dedent(
            """
            import pytest
            from tests.infra import require

            @pytest.fixture
            def frobnicator():
                require("frobnicator", "not installed")

            def test_needs_it(frobnicator):
                pass
            """
        )
    )
    repo_root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, CI=ci, PYTHONPATH=str(repo_root))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", str(tmp_path / "test_missing.py")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert outcome in result.stdout, result.stdout + result.stderr
    if ci:
        assert "CI=true" in result.stdout
