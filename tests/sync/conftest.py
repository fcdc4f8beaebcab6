from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.sync.helpers import Laptop, advisor


@pytest.fixture
def share(tmp_path: Path) -> Path:
    p = tmp_path / "partage"
    p.mkdir()
    return p


@pytest.fixture
def laptops(tmp_path: Path, share: Path) -> Iterator[Callable[[int], list[Laptop]]]:
    made: list[Laptop] = []

    def make(n: int) -> list[Laptop]:
        out = [Laptop(tmp_path, f"poste{len(made) + i}", share, advisor(len(made) + i)) for i in range(n)]
        made.extend(out)
        return out

    yield make
    for lp in made:
        lp.close()
