"""A workspace inside a git work tree: decisions as commits of their own, signatures checked with
git's own verification, and sync (pull with rebase, push, retried) that never leaves the repository
mid-rebase. Only the git command line is used (plumbing where a commit must hold one thing only),
so whatever git a newsroom has, hooks and signing set-up included, is what runs.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from pipeline.model.errors import EXIT_FAILED, PipelineError

TRAILER = "Pipeline-Decision"  # in the message of every commit that records a reviewer's decision
_ENV = {"GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_EDITOR": "true", "GIT_MERGE_AUTOEDIT": "no"}
# Who signed and who wrote a commit: git's principal (%GS), the key's fingerprint, author name and email.
_WHO = "%GS%x00%GK%x00%an%x00%ae%x00"


@dataclass(frozen=True)
class Adder:
    """The commit that added a journal line, and its signature as git verified it."""

    commit: str
    status: str  # git's %G?: G good; N none; U good but the key not listed; B, E, X, Y, R never good
    signer: str  # the principal git found for the key in the allowed-signers file
    key: str  # the signing key's fingerprint
    author: str
    email: str
    by_pipeline: bool  # its message has the trailer: the pipeline made it


def _who(rest: bytes) -> tuple[tuple[str, str, str, str], bytes]:
    """(signer, key, author, email) from the fields _WHO gives, and what follows them."""
    fields = rest.split(b"\x00", 4)
    fields += [b""] * (5 - len(fields))
    text = [field.decode("utf-8", "replace").strip() for field in fields[:4]]
    return (text[0], text[1], text[2], text[3]), fields[4].removeprefix(b"\n")



def failure_line(stderr: bytes) -> str:
    """The line of git's complaint that says what went wrong: its first fatal or error line, else its last."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return next((line for line in lines if line.startswith(("fatal:", "error:"))), lines[-1] if lines else "")


class GitError(PipelineError):
    """A git command failed in a way the user must look at (exit 1: nothing was lost, look and run again)."""

    exit_code: ClassVar[int] = EXIT_FAILED


@dataclass
class Git:
    top: Path
    timeout: float = 120.0
    env: dict[str, str] = field(default_factory=dict)
    # added_lines by (HEAD, file): a command reads the journal more than once; history changes only with HEAD
    _added: dict[tuple[str, str], dict[bytes, Adder]] = field(default_factory=dict)
    trust: Any = None  # store.trust.Trust: the signers this machine trusts (set by team.attach)

    def run(self, *args: str, check: bool = True, data: bytes | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
        try:
            done = subprocess.run(["git", *args], cwd=self.top, input=data, capture_output=True, timeout=self.timeout,
                                  env={**os.environ, **_ENV, **self.env, **(env or {})}, check=False)
        except (OSError, subprocess.SubprocessError) as error:
            raise GitError(f"git {args[0]}: could not run ({error})") from None
        if check and done.returncode != 0:
            raise GitError(f"git {args[0]} failed: {failure_line(done.stderr) or f'exit {done.returncode}'}")
        return done

    def text(self, *args: str, check: bool = True) -> str:
        return self.run(*args, check=check).stdout.decode("utf-8", "replace").strip()

    def config(self, key: str) -> str:
        return self.text("config", "--get", key, check=False)

    def head(self) -> str:
        return self.text("rev-parse", "-q", "--verify", "HEAD", check=False)

    def rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.top.resolve()).as_posix()

    # --- a decision: a commit that holds it and nothing else -------------------------------------

    def commit_lines(self, path: Path, lines: bytes, message: str, sign: bool, files: tuple[Path, ...] = ()) -> str:
        """A commit on HEAD of the file at path as HEAD has it plus lines appended, and of files as the
        work tree has them (gone, or anything but a plain file: removed): this decision only, whatever else
        the work tree holds. The index keeps them as committed. Retried when HEAD moves meanwhile (another
        command committed)."""
        rel = self.rel(path)
        kept, removed = self._hashed(files)
        listed = b"".join(f"100644 {sha}\t{name}".encode("utf-8", "surrogateescape") + b"\0" for name, sha in kept)
        gone = b"".join(name.encode("utf-8", "surrogateescape") + b"\0" for name in removed)
        for _attempt in range(5):
            head = self.head()
            base = self.run("show", f"{head}:{rel}", check=False).stdout if head else b""
            if base and not base.endswith(b"\n"):
                base += b"\n"
            blob = self.run("hash-object", "-w", "--stdin", data=base + lines).stdout.decode().strip()
            import tempfile  # (only here: finding the work tree imports none of it)

            with tempfile.TemporaryDirectory() as folder:
                scratch = {"GIT_INDEX_FILE": str(Path(folder) / "index")}
                if head:
                    self.run("read-tree", head, env=scratch)
                self.run("update-index", "--add", "--cacheinfo", f"100644,{blob},{rel}", env=scratch)
                self._stage(listed, gone, scratch)
                tree = self.run("write-tree", env=scratch).stdout.decode().strip()
            parents = ["-p", head] if head else []
            commit = self.run("commit-tree", tree, *parents, *(["-S"] if sign else []),
                              data=message.encode("utf-8")).stdout.decode().strip()
            moved = self.run("update-ref", "-m", "pipeline: decision", "HEAD", commit, head or "0" * 40, check=False)
            if moved.returncode == 0:
                self.run("update-index", "--add", "--cacheinfo", f"100644,{blob},{rel}", check=False)
                self._stage(listed, gone, None, check=False)
                return commit
        raise GitError("git: HEAD kept moving while the decision was being committed: run the command again")

    def _hashed(self, files: tuple[Path, ...]) -> tuple[list[tuple[str, str]], list[str]]:
        """(name, blob) of each plain file written into git's objects, and the names of the others: all
        hashed by one git process, whatever their number (a run that ingested a thousand pages)."""
        kept: list[str] = []
        removed: list[str] = []
        for file in dict.fromkeys(files):
            name = self.rel_unresolved(file)
            plain = file.is_file() and not file.is_symlink()
            (kept if plain else removed).append(name)
        batched = [name for name in kept if "\n" not in name]  # --stdin-paths reads one name a line
        shas = self.run("hash-object", "-w", "--stdin-paths",
                        data="".join(f"{name}\n" for name in batched).encode("utf-8", "surrogateescape")
                        ).stdout.decode().split() if batched else []
        found = dict(zip(batched, shas, strict=True))
        for name in kept:
            if name not in found:
                found[name] = self.run("hash-object", "-w", "--", name).stdout.decode().strip()
        return [(name, found[name]) for name in kept], removed

    def _stage(self, listed: bytes, gone: bytes, env: dict[str, str] | None, check: bool = True) -> None:
        if listed:
            self.run("update-index", "-z", "--add", "--index-info", data=listed, env=env, check=check)
        if gone:
            self.run("update-index", "-z", "--force-remove", "--stdin", data=gone, env=env, check=check)

    def rel_unresolved(self, path: Path) -> str:
        """path relative to the top, its folder resolved but not the file itself (a link is named, never followed)."""
        return (path.parent.resolve() / path.name).relative_to(self.top.resolve()).as_posix()

    def commit_paths(self, paths: list[str], message: str) -> str:
        """What the work tree holds at paths (relative to the workspace's top), staged and committed:
        '' when nothing changed there."""
        if not paths:
            return ""
        self.run("add", "-A", "--", *paths)
        staged = self.run("diff", "--cached", "--quiet", "--", *paths, check=False)
        if staged.returncode == 0:
            return ""
        self.run("commit", "-q", "--no-verify", "-m", message, "--", *paths)
        return self.head()

    # --- who made each decision ------------------------------------------------------------------

    def added_lines(self, path: Path, allowed_signers: Path | None) -> dict[bytes, Adder]:
        """Each line ever added to the file at path -> the first commit that added it, with its
        signature as git verifies it against allowed_signers."""
        rel = self.rel(path)
        key = (self.head(), f"{rel}\0{allowed_signers}")
        if key in self._added:
            return self._added[key]
        verify = ["-c", f"gpg.ssh.allowedSignersFile={allowed_signers}"] if allowed_signers else []
        # --text and no drivers: a pushed .gitattributes (journal -diff, say) must not hide what a commit added
        done = self.run(*verify, "log", "--reverse", "--no-renames", "-U0", "-p", "--no-color", "--text",
                        "--no-textconv", "--no-ext-diff",
                        f"--format=%x00commit %H %G? %(trailers:key={TRAILER},valueonly,separator=%x2C)"
                        f"%x00{_WHO}", "--", rel, check=False)
        found: dict[bytes, Adder] = {}
        for chunk in done.stdout.split(b"\x00commit ")[1:]:
            header, _, rest = chunk.partition(b"\x00")
            parts = header.decode("utf-8", "replace").split(" ", 2)
            who, patch = _who(rest)
            current = Adder(parts[0], parts[1] if len(parts) > 1 else "N", *who,
                            by_pipeline=len(parts) > 2 and bool(parts[2].strip()))
            for line in patch.split(b"\n"):
                if line.startswith(b"+") and not line.startswith(b"+++"):
                    found.setdefault(line[1:], current)
        self._added[key] = found
        return found

    def signature(self, commit: str, allowed_signers: Path | None, trailer: bool = True) -> Adder:
        """One commit's signature as git verifies it against allowed_signers."""
        verify = ["-c", f"gpg.ssh.allowedSignersFile={allowed_signers}"] if allowed_signers else []
        done = self.run(*verify, "log", "-1", "--no-walk", f"--format=%G?%x00{_WHO}", commit, "--", check=False)
        status, _, rest = done.stdout.partition(b"\x00")
        who, _ = _who(rest)
        return Adder(commit, status.decode("ascii", "replace").strip() or "N", *who, by_pipeline=trailer)

    def git_dir(self) -> Path:
        return Path(self.text("rev-parse", "--absolute-git-dir"))

    def blob(self, commit: str, rel: str) -> bytes | None:
        """The file at rel as commit has it, None when it has none (or it is not a plain file)."""
        listed = self.run("ls-tree", "-z", commit, "--", rel, check=False).stdout.split(b"\0")[0]
        if not listed.startswith((b"100644 blob ", b"100755 blob ")):
            return None
        return self.run("cat-file", "blob", listed.split()[2].decode("ascii"), check=False).stdout

    def changes_of(self, rel: str, since: str = "") -> list[str]:
        """The commits that changed rel in HEAD's history (after since, when it is an ancestor), oldest first."""
        if not self.head():
            return []
        ancestor = bool(since) and self.run("merge-base", "--is-ancestor", since, "HEAD", check=False).returncode == 0
        span = f"{since}..HEAD" if ancestor else "HEAD"
        return self.text("log", "--reverse", "--format=%H", span, "--", rel, check=False).split()

    def entry_mode(self, ref: str, rel: str) -> tuple[str, str]:
        """(mode, object type) of rel in ref's tree: ('', '') when it has none."""
        listed = self.run("ls-tree", "-z", ref, "--", rel, check=False).stdout.split(b"\0")[0].split()
        return (listed[0].decode(), listed[1].decode()) if len(listed) >= 2 else ("", "")

    # --- sync ------------------------------------------------------------------------------------

    def upstream(self) -> str:
        return self.text("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}", check=False)

    def push_target(self) -> tuple[str, str]:
        """(remote, branch ref) the current branch syncs with, as git config names them."""
        branch = self.text("symbolic-ref", "-q", "HEAD", check=False).removeprefix("refs/heads/")
        remote = self.config(f"branch.{branch}.remote")
        merge = self.config(f"branch.{branch}.merge")
        if not branch or not remote or not merge.startswith("refs/heads/"):
            raise GitError(f"branch {branch or '(none: HEAD is detached)'} has no remote branch to push to: "
                           "push it once with git push -u origin BRANCH")
        return remote, merge

    def mid_rebase(self) -> bool:
        gitdir = Path(self.text("rev-parse", "--absolute-git-dir"))
        return (gitdir / "rebase-merge").exists() or (gitdir / "rebase-apply").exists()

    def abort_rebase(self) -> None:
        self.run("rebase", "--abort", check=False)

    def clear_stale_index_lock(self) -> bool:
        """A git command killed in its stride leaves index.lock behind, and every later one fails.
        Removed only by the caller that knows no git command of its own still runs."""
        gitdir = Path(self.text("rev-parse", "--absolute-git-dir"))
        lock = gitdir / "index.lock"
        with contextlib.suppress(FileNotFoundError):
            lock.unlink()
            return True
        return False
