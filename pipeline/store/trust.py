"""Who may sign decisions, as this machine trusts it: never as the commits it judges would have it.

The list of signers a decision is verified against is one of:

- the machine's own file, ``git config pipeline.allowedSigners /etc/newsroom/allowed_signers``
  (outside the work tree: no commit can change it), read as it is; or
- the team's file in the repository (``review.allowed_signers``), as this machine last trusted it: a
  copy kept in git's own folder (``.git/pipeline/``, which no pull writes). The first version in the
  history is trusted on first use; after that, a commit that changes the file counts only when it is
  signed by a key the trusted list already holds. Any other change is named and passed over.

Whether decisions are verified at all is pinned the same way: once this machine has seen
``review.signed = true`` it records ``pipeline.signed = true`` in its own git config, so a pushed
``signed = false`` does not switch verification off here (only ``git config pipeline.signed false``
on the machine itself does).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.model.config import Config
from pipeline.store.git import Git
from pipeline.store.signers import Signer, parse_signers

MACHINE_FILE = "pipeline.allowedSigners"  # git config: this machine's own list of signers
SIGNED = "pipeline.signed"  # git config: this machine verifies decisions, whatever pipeline.toml says
_COPY, _FROM = "allowed_signers", "allowed_signers.from"


@dataclass
class Trust:
    signed: bool
    file: Path | None = None  # what git verifies signatures with
    source: str = ""  # where the list comes from, as a person reads it
    signers: list[Signer] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # lines git cannot use; changes to the list that do not count


def signed_here(git: Git, config: Config) -> bool:
    """Whether decisions are verified on this machine: its own git config decides when it says; else
    review.signed, which, once true, is pinned in the machine's git config (best effort)."""
    local = git.text("config", "--type=bool", "--get", SIGNED, check=False)
    if local in ("true", "false"):
        return local == "true"
    if config.signed:
        git.run("config", "--local", SIGNED, "true", check=False)
    return config.signed


def machine_trust(git: Git, root: Path, config: Config) -> Trust:
    """The signers this machine trusts (see the module's docstring)."""
    if not signed_here(git, config):
        return Trust(False)
    own = git.config(MACHINE_FILE)
    if own:
        return _own_file(git, Path(own).expanduser())
    return _team_file(git, root, config)


def _own_file(git: Git, path: Path) -> Trust:
    shown = f"{path} (git config {MACHINE_FILE})"
    if not path.is_absolute() or _inside(path, git.top):
        return Trust(True, None, shown, notes=[f"git config {MACHINE_FILE}: {path} is not an absolute path outside "
                                               "the repository (a commit could change it): no decision counts"])
    try:
        if not path.is_file():  # a pipe would block the command, a folder is no list
            raise OSError("is not a plain file")
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError as error:
        return Trust(True, None, shown, notes=[f"{path}: cannot be read ({error.strerror or error}): no decision "
                                               f"counts (git config {MACHINE_FILE})"])
    signers, problems = parse_signers(text, str(path))
    return Trust(True, path, shown, signers, problems)


def _team_file(git: Git, root: Path, config: Config) -> Trust:
    state = git.git_dir() / "pipeline"
    copy, mark = state / _COPY, state / _FROM
    trusted = _read(copy)
    named = (root / config.allowed_signers).absolute() if config.allowed_signers else None
    rel = _rel(named, git.top) if named is not None else None
    notes: list[str] = []
    last_commit, last_rel = [*(_read(mark) or "").split("\n"), "", ""][:2]
    if named is None:
        notes.append("review.allowed_signers names no file: no signature can be checked")
    elif rel is None:  # outside the repository: no commit made it, so only a first use trusts it
        text = _read(named)
        if trusted is None and text is not None:
            trusted = text
        elif text is not None and text != trusted:
            notes.append(f"{named}: changed since this machine first trusted it; a list outside the repository is "
                         f"this machine's own: name it with git config {MACHINE_FILE}")
    else:
        commits = git.changes_of(rel, last_commit if last_rel == rel else "")
        for commit in commits:
            data = git.blob(commit, rel)
            text = (data or b"").decode("utf-8", "replace")
            if trusted is None:  # the first version in the history, trusted on first use
                trusted = text
            elif text != trusted:
                why = _unsigned_change(git, commit, trusted)
                if why:
                    notes.append(f"{rel}: the change in commit {commit[:12]} does not count ({why}); this "
                                 "machine keeps the list as it was before it")
                    continue
                trusted = text
            last_commit, last_rel = commit, rel
        if trusted is None:  # never committed: the file this machine holds
            trusted = _read(named)
    if trusted is None:
        return Trust(True, None, str(named or "review.allowed_signers"), notes=[
            *notes, f"{config.allowed_signers or 'review.allowed_signers'}: no such file: no signature can be checked"])
    file = _keep(state, {copy: trusted, mark: f"{last_commit}\n{last_rel}\n"})
    shown = f"{rel or named} as this machine trusts it"
    signers, problems = parse_signers(trusted, str(rel or named))
    current = _read(named) if named is not None else None
    if current is not None and current != trusted:
        problems += [note for note in parse_signers(current, f"{rel or named} (in the work tree)")[1]]
    return Trust(True, file, shown, signers, [*problems, *notes])


def _unsigned_change(git: Git, commit: str, trusted: str) -> str:
    """Why a change of the list in commit does not count ('' when it is signed by a key trusted before it)."""
    with _scratch(trusted) as path:
        found = git.signature(commit, path)
    if found.status == "N":
        return "it is not signed"
    listed = {signer.fingerprint for signer in parse_signers(trusted, "")[0]}
    if found.status != "G" or not found.signer or found.key not in listed:
        return f"it is not signed by a key the list before it holds ({found.status}, {found.key or 'no key'})"
    return ""


@contextlib.contextmanager
def _scratch(text: str):  # type: ignore[no-untyped-def]
    fd, name = tempfile.mkstemp(prefix="pipeline-signers-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        yield Path(name)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)


def _keep(state: Path, files: dict[Path, str]) -> Path:
    """The trusted list (the first of files) and where it was taken from, kept in git's folder, each
    written when it changed; the path git reads the list from."""
    copy, text = next(iter(files.items()))
    try:
        state.mkdir(exist_ok=True)
        for path, content in files.items():
            if _read(path) != content:
                temporary = path.with_name(path.name + ".tmp")
                temporary.write_text(content, encoding="utf-8")
                os.replace(temporary, path)
        return copy
    except OSError:  # a reader who may not write git's folder: a private copy, left in the temporary folder
        fd, name = tempfile.mkstemp(prefix="pipeline-signers-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        return Path(name)


def _read(path: Path) -> str | None:
    try:
        if path.is_symlink() or not path.is_file():
            return None
        return path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return None


def _inside(path: Path, top: Path) -> bool:
    try:
        path.resolve().relative_to(top.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _rel(path: Path, top: Path) -> str | None:
    """path inside the work tree, its folder's links resolved but not its own (a link is no list)."""
    try:
        return (path.parent.resolve() / path.name).relative_to(top.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return None
