"""The wheel carries every package and the shipped rule packs."""

from __future__ import annotations

import tomllib

from conftest import REPO


def test_every_package_under_src_is_listed_for_setuptools():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO / "src").parts)
        for init in (REPO / "src").rglob("__init__.py")
    }
    assert found <= listed, found - listed
    assert "doclint._packs" in listed


def test_shipped_packs_are_found_where_installed():
    from doclint.packs import shipped_dir, shipped_packs

    assert (shipped_dir() / "ably" / "pack.yaml").is_file()
    assert "ably" in shipped_packs()
