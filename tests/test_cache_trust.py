"""The cache is data, trusted only when this machine wrote it: a cache committed to a pull
request, copied from elsewhere, edited or shared by two checkouts never runs code, never changes
a finding and never crashes the run; and doclint writes and deletes only in a folder of its own."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from doclint import __version__
from doclint import cache as caching
from doclint.cli import main

GUIDE = "# Guide\n\nSee [setup](setup.md) first. TODO: check.\n"
CLEAN_PAGE = "# Setup\n\nRun it.\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A checkout whose guide has two problems: a leftover TODO and a link to a missing page."""
    root = tmp_path / "checkout"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "guide.md").write_text(GUIDE)
    return root


def check(root: Path, *args: str, cache: Path | None = None) -> tuple[int, list[tuple], str]:
    """Run `doclint check` on root/docs: exit code, findings, stderr."""
    where = ["--no-cache"] if cache is None else ["--cache-dir", str(cache)]
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", "json", "-j", "1", *where, *args, str(root / "docs")])
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    findings = [(Path(f["path"]).name, f["line"], f["rule"], f["message"]) for f in json.loads(result.stdout)]
    return result.exit_code, findings, result.stderr


def uncached(root: Path) -> tuple[int, list[tuple]]:
    """Exit code and findings of a --no-cache run: the guide's two problems."""
    code, findings, _ = check(root)
    assert (code, [rule for *_, rule, _ in findings]) == (1, ["broken-link", "leftover-todo"])
    return code, findings


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry under a folder, symbolic links as their target, files as their bytes."""
    out: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        out[name] = f"-> {os.readlink(path)}" if path.is_symlink() else path.read_bytes() if path.is_file() else "dir"
    return out


def tagged(folder: Path) -> Path:
    """A folder carrying doclint's CACHEDIR.TAG (a pull request can commit one too)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "CACHEDIR.TAG").write_bytes(caching.TAG)
    return folder


class _Marker:
    """A pickle that creates a file when loaded."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (str(self.path), "w"))


@pytest.mark.parametrize("with_tag", [False, True])
def test_a_committed_pickle_or_forged_file_runs_nothing_and_changes_no_finding(tree, tmp_path, with_tag):
    folder = tree / ".doclint_cache"
    folder.mkdir()
    if with_tag:
        tagged(folder)
    marker = tmp_path / "pwned"
    (folder / f"v{__version__}.pickle").write_bytes(pickle.dumps(_Marker(marker)))
    (folder / caching.FILE_NAME).write_bytes(b"0" * 64 + b"\n" + pickle.dumps(_Marker(marker)))
    assert check(tree, cache=folder)[:2] == uncached(tree)
    assert not marker.exists()


def _forge_clean_cache(tree: Path, attacker_home: Path, monkeypatch) -> Path:
    """What an attacker commits: a cache made on their machine (their own key) by a doclint
    patched to find nothing, keyed exactly as doclint keys the pull request's page."""
    from doclint import run
    from doclint.engine import Analysis

    folder = tree / ".doclint_cache"
    with monkeypatch.context() as patched:
        patched.setenv("XDG_CACHE_HOME", str(attacker_home))
        patched.setattr(run, "analyse", lambda doc, rules: Analysis(doc.path, [], {}, [0], []))
        assert check(tree, cache=folder)[:2] == (0, [])
    assert any(folder.iterdir())
    return folder


def test_a_forged_cache_claiming_the_page_is_clean_changes_no_finding(tree, tmp_path, monkeypatch):
    folder = _forge_clean_cache(tree, tmp_path / "attacker", monkeypatch)
    assert check(tree, cache=folder)[:2] == uncached(tree)


def test_an_edited_cache_is_a_miss(tree):
    folder = tree / "cache"
    assert check(tree, cache=folder)[:2] == (expected := uncached(tree))
    file = folder / caching.FILE_NAME
    file.write_bytes(file.read_bytes().replace(b"Leftover TODO", b"Nothing here!"))
    assert check(tree, cache=folder)[:2] == expected


def _reseal(file: Path, edit) -> None:
    """Change the cache's body and sign it with this machine's real key."""
    key = caching.machine_key()
    body = json.loads(caching.unseal(key, file.read_bytes()))
    file.write_bytes(caching.seal(key, json.dumps(edit(body)).encode()))


def _each_entry(change):
    def edit(body):
        for entry in body["entries"].values():
            entry[1] = change(entry[1])
        return body

    return edit


def _analysis_field(index: int, value):
    def change(analysis):
        analysis["Analysis"][index] = value
        return analysis

    return _each_entry(change)


WRONG_SHAPES = {
    "a list": lambda body: [],
    "run is text": lambda body: {**body, "run": "7"},
    "entries are a list": lambda body: {**body, "entries": []},
    "an entry is not a pair": lambda body: {**body, "entries": {key: [run] for key, (run, _) in body["entries"].items()}},
    "an unknown tag": _each_entry(lambda analysis: {"Popen": ["touch", "x"]}),
    "a finding's line is text": _analysis_field(1, [{"Finding": ["guide.md", "3", 1, 3, 2, "x", {"Severity": 3}, "m", None, {"tuple": []}]}]),
    "a finding has too few fields": _analysis_field(1, [{"Finding": ["guide.md"]}]),
    "an unknown severity": _analysis_field(1, [{"Finding": ["guide.md", 3, 1, 3, 2, "x", {"Severity": 9}, "m", None, {"tuple": []}]}]),
    "directives are numbers": _analysis_field(4, [1, 2]),
    "line starts are floats": _analysis_field(3, [0.5]),
    "site inputs are a list": _analysis_field(2, []),
    "pages are text": lambda body: {**body, "pages": "x"},
    "a page stamp is text": lambda body: {**body, "pages": {"dict": {"/x.md": {"dict": {"stamp": "x"}}}}},
    "deeply nested": _analysis_field(2, json.loads("[" * 600 + "]" * 600)),
}


@pytest.mark.parametrize("shape", WRONG_SHAPES)
def test_a_signed_cache_of_the_wrong_shape_is_a_miss(tree, shape):
    folder = tree / "cache"
    assert check(tree, cache=folder)[:2] == (expected := uncached(tree))
    _reseal(folder / caching.FILE_NAME, WRONG_SHAPES[shape])
    assert check(tree, cache=folder)[:2] == expected
    assert check(tree, cache=folder)[:2] == expected  # and the miss was written again, correctly


def test_two_checkouts_sharing_a_cache_each_get_their_own_findings(tmp_path, monkeypatch):
    shared = tmp_path / "shared-cache"
    first, second = tmp_path / "a", tmp_path / "b"
    for root in (first, second):
        (root / "docs").mkdir(parents=True)
        (root / "docs" / "guide.md").write_text(GUIDE)
    (first / "docs" / "setup.md").write_text(CLEAN_PAGE)  # the link target exists only in the first
    runs = []
    for root in (first, second):
        monkeypatch.chdir(root)  # relative paths: both runs name the page docs/guide.md
        result = CliRunner().invoke(main, ["check", "--isolated", "--format", "json", "--cache-dir", str(shared), "docs"])
        runs.append(sorted(f["rule"] for f in json.loads(result.stdout)))
    assert runs == [["leftover-todo"], ["broken-link", "leftover-todo"]]


@pytest.mark.parametrize("with_tag", [False, True])
def test_a_gitignore_symlink_in_the_cache_folder_is_not_followed(tree, tmp_path, with_tag):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    folder = tree / ".doclint_cache"
    folder.mkdir()
    if with_tag:
        tagged(folder)
    (folder / ".gitignore").symlink_to(victim)
    assert check(tree, cache=folder)[:2] == uncached(tree)
    assert victim.read_text() == "precious\n" and (folder / ".gitignore").is_symlink()


def test_an_existing_gitignore_in_a_doclint_folder_is_kept_and_the_cache_works(tree):
    folder = tagged(tree / "cache")
    (folder / ".gitignore").write_text("mine\n")
    assert check(tree, cache=folder)[:2] == (expected := uncached(tree))
    assert (folder / caching.FILE_NAME).is_file() and (folder / ".gitignore").read_text() == "mine\n"
    assert check(tree, cache=folder)[:2] == expected


def test_a_new_cache_folder_is_tagged_and_ignored_by_git(tree):
    folder = tree / "new" / "cache"
    check(tree, cache=folder)
    assert (folder / "CACHEDIR.TAG").read_bytes().startswith(b"Signature: 8a477f597d28d172789f06886806bc55\n")
    assert (folder / ".gitignore").read_text() == "# Created by doclint\n*\n"


@pytest.mark.parametrize("user_files", [{".gitignore": "mine\n"}, {"README.md": "# Mine\n", ".git/HEAD": "ref\n"}])
def test_a_cache_dir_holding_user_files_is_refused_with_one_warning_and_left_untouched(tree, user_files):
    folder = tree / "mine"
    for name, text in user_files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    before = snapshot(folder)
    code, findings, stderr = check(tree, cache=folder)
    assert (code, findings) == uncached(tree)
    assert snapshot(folder) == before
    assert len(stderr.splitlines()) == 1 and str(folder) in stderr and "without a cache" in stderr


def test_cache_dir_dot_in_a_repository_writes_nothing_there(tree, monkeypatch):
    (tree / ".git").mkdir()
    (tree / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    before = snapshot(tree)
    monkeypatch.chdir(tree)
    result = CliRunner().invoke(main, ["check", "--isolated", "--cache-dir", ".", "-q", "docs"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "not using the cache folder ." in result.stderr
    assert snapshot(tree) == before


@pytest.mark.parametrize("link", ["folder", "CACHEDIR.TAG", "cache file"])
def test_a_symlinked_cache_folder_tag_or_file_is_not_used(tree, tmp_path, link):
    elsewhere = tagged(tmp_path / "elsewhere")
    folder = tree / ".doclint_cache"
    if link == "folder":
        folder.symlink_to(elsewhere)
    else:
        folder.mkdir()
        if link == "CACHEDIR.TAG":
            (folder / "CACHEDIR.TAG").symlink_to(elsewhere / "CACHEDIR.TAG")
        else:
            tagged(folder)
            (folder / caching.FILE_NAME).symlink_to(elsewhere / "target")
    before, there = snapshot(tree), snapshot(elsewhere)
    code, findings, stderr = check(tree, cache=folder)
    assert (code, findings) == uncached(tree)
    assert snapshot(tree) == before and snapshot(elsewhere) == there
    assert "symbolic link" in stderr and len(stderr.splitlines()) == 1


def clean(folder: Path | None = None, env: dict | None = None):
    args = ["clean"] + (["--cache-dir", str(folder)] if folder else [])
    return CliRunner().invoke(main, args, env=env)


def test_clean_refuses_a_folder_without_the_tag_and_deletes_nothing(tree, monkeypatch):
    (tree / ".git").mkdir()
    (tree / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    before = snapshot(tree)
    monkeypatch.chdir(tree)
    result = clean(env={"DOCLINT_CACHE_DIR": "."})
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.output.count("\n") == 1 and "." in result.output and "CACHEDIR.TAG" in result.output
    assert snapshot(tree) == before


def test_clean_keeps_and_names_what_doclint_did_not_write(tree):
    folder = tree / "cache"
    check(tree, cache=folder)
    (folder / "notes.txt").write_text("mine\n")
    (folder / "sub").mkdir()
    result = clean(folder)
    assert result.exit_code == 0
    assert "kept 2 files doclint did not write: notes.txt, sub" in result.output
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt", "sub"]


def test_clean_keeps_a_gitignore_doclint_did_not_write(tree):
    folder = tagged(tree / "cache")
    (folder / ".gitignore").write_text("mine\n")
    assert clean(folder).exit_code == 0
    assert [p.name for p in folder.iterdir()] == [".gitignore"]


def test_clean_does_not_follow_a_symlinked_folder(tree, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    check(tree, cache=elsewhere)
    (tree / "cache").symlink_to(elsewhere)
    there = snapshot(elsewhere)
    result = clean(tree / "cache")
    assert result.exit_code == 2 and "is a symbolic link; doclint clean does not follow it" in result.output
    assert snapshot(elsewhere) == there


def test_the_key_lives_outside_the_tree_private_to_the_user(tree):
    check(tree, cache=tree / "cache")
    key = caching.key_file()
    assert key.parent == Path(os.environ["XDG_CACHE_HOME"]) / "doclint"
    assert key.stat().st_mode & 0o777 == 0o600 and key.parent.stat().st_mode & 0o777 == 0o700
    assert not any(key.read_bytes() in path.read_bytes() for path in (tree / "cache").iterdir())


def test_a_key_that_is_a_symlink_is_not_used_and_the_run_goes_on(tree, tmp_path):
    key = caching.key_file()
    key.parent.mkdir(parents=True)
    stolen = tmp_path / "attacker-key"
    stolen.write_bytes(b"k" * 32)
    stolen.chmod(0o600)
    key.symlink_to(stolen)
    code, findings, stderr = check(tree, cache=tree / "cache")
    assert (code, findings) == uncached(tree)
    assert not (tree / "cache" / caching.FILE_NAME).exists() and "without a cache" in stderr


def test_a_key_others_can_read_is_not_used(tree):
    key = caching.key_file()
    key.parent.mkdir(parents=True)
    key.write_bytes(b"k" * 32)  # as a checkout would write it, if the key folder were in the tree
    key.chmod(0o644)
    code, findings, stderr = check(tree, cache=tree / "cache")
    assert (code, findings) == uncached(tree)
    assert not (tree / "cache" / caching.FILE_NAME).exists() and "without a cache" in stderr


def test_a_key_folder_that_cannot_be_created_means_no_cache(tree, tmp_path, monkeypatch):
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    code, findings, stderr = check(tree, cache=tree / "cache")
    assert (code, findings) == uncached(tree) and "without a cache" in stderr


def test_a_relative_xdg_cache_home_is_ignored(tree, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", "docs")  # would put the key in the tree
    monkeypatch.chdir(tree)
    check(tree, cache=tree / "cache")
    assert (tmp_path / "home" / ".cache" / "doclint" / "key").is_file()
    assert not (tree / "docs" / "doclint").exists()


def test_subprocesses_use_the_test_key_not_the_real_home(tree):
    subprocess.run([sys.executable, "-m", "doclint", "check", "--isolated", "-q", "--cache-dir", str(tree / "cache"), str(tree / "docs")], check=False)
    assert (Path(os.environ["XDG_CACHE_HOME"]) / "doclint" / "key").is_file()


_TAGS = st.sampled_from(["tuple", "dict", "frozenset", "Severity", "Edit", "Fix", "Finding", "Directive", "Analysis", "x"])
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=10) | st.dictionaries(st.text(max_size=5) | _TAGS, inner, max_size=3),
    max_leaves=40,
)


@given(_JSON)
@settings(max_examples=200, deadline=None)
def test_decoding_any_json_builds_known_types_or_refuses_it(data):
    from doclint import cache_codec

    for decode in (cache_codec.decode_analysis, cache_codec.decode_pages):
        try:
            decode(data)
        except cache_codec.Invalid:
            pass


def _real_entry():
    """A page's analysis with a finding, a fix, a directive and links, encoded."""
    from doclint import cache_codec
    from doclint.document import Document
    from doclint.engine import ConfiguredRule, analyse
    from doclint.registry import all_rules

    rules = [ConfiguredRule.default(rule) for rule in all_rules().values()]
    unfinished = all_rules()["unfinished-sentence"].bad_examples[0][1]  # a finding with a fix
    text = f"# Guide\n\n{unfinished}\n<!-- doclint-disable-next-line leftover-todo -->\nTODO see [a](a.md#b) and [c](#d).\n"
    analysis = analyse(Document("guide.md", text), rules)
    assert any(finding.fix for finding in analysis.findings) and analysis.directives and analysis.site_inputs
    return cache_codec.encode(analysis)


def _leaves(data, path=()):
    """The path of every value in encoded data, containers included."""
    yield path
    children = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, child in children:
        yield from _leaves(child, (*path, key))


REAL_ENTRY = _real_entry()
REAL_PATHS = list(_leaves(REAL_ENTRY))[1:]


@given(st.sampled_from(REAL_PATHS), _JSON)
@settings(max_examples=300, deadline=None)
def test_any_one_change_to_a_real_entry_is_refused_or_still_an_analysis(path, value):
    import copy

    from doclint import cache_codec
    from doclint.engine import Analysis

    data = copy.deepcopy(REAL_ENTRY)
    holder = data
    for key in path[:-1]:
        holder = holder[key]
    if isinstance(holder, dict):  # a tag: rename it or change its payload
        holder.pop(path[-1])
        holder[value if isinstance(value, str) else path[-1]] = value
    else:
        holder[path[-1]] = value
    try:
        assert type(cache_codec.decode_analysis(data)) is Analysis
    except cache_codec.Invalid:
        pass


def test_a_cache_folder_left_by_doclint_0_1_is_still_doclints(tmp_path):
    """0.1 wrote no CACHEDIR.TAG: a folder holding only its files is adopted (its pickle never
    read), and `clean` removes it."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("TODO: one.\n")
    old = tmp_path / ".doclint_cache"
    old.mkdir()
    (old / ".gitignore").write_bytes(b"# Created by doclint\n*\n")
    (old / "v0.1.0.pickle").write_bytes(b"not a pickle doclint will ever load")
    result = CliRunner().invoke(main, ["check", "--isolated", "--cache-dir", str(old), str(docs)])
    assert result.exit_code == 1 and "not used" not in result.stderr and "cache" not in result.stderr
    assert (old / "CACHEDIR.TAG").is_file()
    assert CliRunner().invoke(main, ["clean", "--cache-dir", str(old)]).exit_code == 0
    assert not old.exists()
