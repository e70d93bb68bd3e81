"""Fixing the whole real corpus, unsafe fixes included, never changes a character of code."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from doclint.cli import main
from doclint.document import Document


def code_blocks(root):
    return {
        page.relative_to(root).as_posix(): [(b.lang, b.text) for b in Document.load(page).code_blocks]
        for page in sorted(root.rglob("*.md*"))
    }


def test_fix_with_unsafe_fixes_leaves_every_code_block_of_the_corpus_alone(corpus, tmp_path):
    copy = tmp_path / "corpus"
    # The shared corpus is read-only, and --fix rightly refuses read-only files: copy the bytes
    # only, into files of the default mode.
    shutil.copytree(corpus, copy, copy_function=shutil.copyfile)
    (copy / "doclint.toml").write_text('packs = ["ably"]\n')
    before = code_blocks(copy)
    texts_before = {p: p.read_bytes() for p in copy.rglob("*.md*")}
    result = CliRunner().invoke(main, ["check", "--fix-only", "--unsafe-fixes", str(copy)])
    assert result.exit_code == 0, result.output
    changed = [p for p, data in texts_before.items() if p.read_bytes() != data]
    assert len(changed) > 100, "the corpus has many fixable findings; nothing was fixed"
    assert code_blocks(copy) == before
