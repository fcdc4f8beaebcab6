"""row_version compaction must never change which version a field has (sync decisions rely on it)."""

from pole_desktop.storage.journal import ALL_COLUMNS, TOMBSTONE, compact_versions, version_of

X, Y, T = ["1", "d"], ["2", "d"], ["3", "d"]


def test_existing_star_is_kept_when_other_versions_are_more_common():
    v = compact_versions({ALL_COLUMNS: X, "a": Y, "b": Y})
    assert version_of(v, "c") == tuple(X) and version_of(v, "a") == tuple(Y)


def test_no_folding_when_a_column_version_is_unknown():
    v = {"a": X, "b": X}
    assert compact_versions(v, ["a", "b", "c"]) == v
    assert version_of(compact_versions(v, ["a", "b"]), "b") == tuple(X)


def test_tombstone_is_never_folded_nor_implied():
    v = compact_versions({"a": T, TOMBSTONE: T}, ["a"])
    assert v[TOMBSTONE] == T and v[ALL_COLUMNS] == T
    assert TOMBSTONE not in compact_versions({"a": X, "b": X}, ["a", "b"])
