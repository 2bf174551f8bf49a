"""git's allowed-signers file read as git reads it, and the verdict on a decision's signature."""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.store.git import Adder
from pipeline.store.signers import Signer, fingerprint, parse_signers, principal_matches
from pipeline.store.team import verdict
from pipeline.store.trust import Trust


def ed25519(seed: bytes) -> str:
    """An ssh-ed25519 public key in the file's form, made of 32 bytes."""
    name = b"ssh-ed25519"
    blob = len(name).to_bytes(4, "big") + name + (32).to_bytes(4, "big") + seed.ljust(32, b"\0")[:32]
    return "ssh-ed25519 " + base64.b64encode(blob).decode("ascii")


KEY = ed25519(b"anna")


def test_a_real_key_has_the_fingerprint_ssh_keygen_gives(tmp_path: Path) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / "k")], check=True)
    public = (tmp_path / "k.pub").read_text().split()
    shown = subprocess.run(["ssh-keygen", "-l", "-f", str(tmp_path / "k.pub")], capture_output=True, text=True,
                           check=True).stdout.split()[1]
    signers, problems = parse_signers(f"anna {public[0]} {public[1]}\n", "s")
    assert problems == [] and signers[0].fingerprint == shown == fingerprint(base64.b64decode(public[1]))


@pytest.mark.parametrize(("line", "principal"), [
    (f'"Anna de Vries" {KEY}', "Anna de Vries"),
    (f"anna@example.org {KEY} anna's laptop", "anna@example.org"),
    (f'"Anna de Vries" namespaces="git" {KEY}', "Anna de Vries"),
    (f"*@example.org cert-authority {KEY}", "*@example.org"),
])
def test_the_lines_git_reads(line: str, principal: str) -> None:
    signers, problems = parse_signers(f"# the newsroom's reviewers\n\n{line}\n", "reviewers.allowed_signers")
    assert problems == [] and [s.principal for s in signers] == [principal] and signers[0].line == 3


@pytest.mark.parametrize(("line", "said"), [
    (f"Anna de Vries {KEY}", 'a name with spaces is quoted: "Anna de Vries" KEYTYPE KEY'),
    (f'"Anna de Vries {KEY}', "a quote is not closed"),
    (f"anna,anna@example.org {KEY}", "several principals on one line"),
    ("anna ssh-ed25519 AAAA!!!!", "is not base64"),
    (f"anna {KEY[:-8]}", "is not a ssh-ed25519 key"),
    ("anna ssh-ed25519 " + base64.b64encode(b"\0\0\0\x0bssh-ed25519\0\0\0\x1f" + b"k" * 31).decode(),
     "cut short or damaged"),
    (f"anna {KEY.replace('ssh-ed25519', 'ssh-rsa')}", "is not a ssh-rsa key"),
    ("anna", "no key type"),
    ("anna ssh-ed25519", "no key after the key type"),
    (f"anna\x1b[2J {KEY}", "control character"),
])
def test_a_line_git_cannot_use_is_named_with_why(line: str, said: str) -> None:
    signers, problems = parse_signers(f"bob {ed25519(b'bob')}\n{line}\n", "reviewers.allowed_signers")
    assert [s.principal for s in signers] == ["bob"]
    assert len(problems) == 1 and problems[0].startswith("reviewers.allowed_signers:2: git cannot use this line: ")
    assert said in problems[0], problems[0]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_read_without_failing_and_each_problem_names_its_line(text: str) -> None:
    signers, problems = parse_signers(text, "f")
    lines = text.split("\n")
    for problem in problems:
        number = int(problem.split(":")[1])
        assert 1 <= number <= len(lines)
    assert len(signers) + len(problems) <= len(lines)


names = st.text(st.characters(min_codepoint=32, max_codepoint=0x2FFF, exclude_characters='",\\'), min_size=1,
                max_size=30).filter(lambda name: name.strip() == name and not name.startswith("#"))


@settings(max_examples=200, deadline=None)
@given(names, st.binary(min_size=32, max_size=32))
def test_every_name_quoted_is_read_back_whole_with_its_key(name: str, seed: bytes) -> None:
    key = ed25519(seed)
    signers, problems = parse_signers(f'"{name}" {key}\n', "f")
    assert problems == [] and signers[0].principal == name
    assert signers[0].fingerprint == fingerprint(base64.b64decode(key.split()[1]))


@settings(max_examples=200, deadline=None)
@given(st.lists(names.filter(lambda n: " " not in n and "\t" not in n), min_size=2, max_size=4))
@example(["0", "namespaces="])  # a second word that opens as an option, with no quoted value: git passes over it
def test_a_name_of_several_words_unquoted_is_never_taken_as_a_principal(words: list[str]) -> None:
    signers, problems = parse_signers(f"{' '.join(words)} {KEY}\n", "f")
    assert signers == [] and len(problems) == 1 and "f:1: git cannot use this line" in problems[0]


TRUST = Trust(True, Path("/etc/newsroom/allowed_signers"), "the list",
              [Signer("anna", "SHA256:x", 1), Signer("bob", "SHA256:y", 2)])


def adder(status: str, signer: str = "anna", author: str = "anna", email: str = "anna@example.org") -> Adder:
    return Adder("c0ffee" * 6 + "abcd", status, signer, "SHA256:x", author, email, by_pipeline=True)


@pytest.mark.parametrize("status", ["B", "E", "X", "Y", "R", "U", "N", "", "?", "g"])
def test_no_signature_state_but_git_s_good_counts(status: str) -> None:
    assert verdict(adder(status), "anna", TRUST) != ""
    assert verdict(adder("G"), "anna", TRUST) == ""


def test_a_signature_by_another_listed_reviewer_s_key_does_not_count_for_this_reviewer() -> None:
    assert verdict(adder("G", signer="bob"), "anna", TRUST) == \
        "commit c0ffeec0ffee is signed by bob's key, not by anna's"
    assert verdict(adder("G", signer="bob@example.org", author="anna", email="bob@example.org"), "anna",
                   TRUST) == ""  # the key's email and the author agree: that author is who signed
    assert verdict(adder("G", signer="bob@example.org", author="bob", email="bob@example.org"), "anna", TRUST) != ""


def test_a_good_signature_by_a_key_the_list_does_not_hold_never_counts() -> None:
    gpg = Adder("c0ffee" * 6 + "abcd", "G", "anna", "4AB3F0C2D1E5A6B7", "anna", "anna@example.org", True)
    assert verdict(gpg, "anna", TRUST) == \
        "commit c0ffeec0ffee is not signed with an SSH key that the list lists (4AB3F0C2D1E5A6B7)"


def test_an_email_principal_is_the_reviewer_only_with_their_own_email_and_name() -> None:
    assert principal_matches("anna@example.org", "Anna de Vries", "Anna de Vries", "anna@example.org")
    assert principal_matches("*@example.org", "Anna de Vries", "Anna de Vries", "anna@example.org")
    assert not principal_matches("anna@example.org", "Anna de Vries", "Anna de Vries", "eve@example.org")
    assert not principal_matches("*@example.org", "Anna de Vries", "Anna de Vries", "eve@evil.example")
    assert not principal_matches("anna@example.org", "Anna de Vries", "Bob", "anna@example.org")
    assert principal_matches("ANNA", "anna", "", "")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=3).filter(lambda status: status != "G"))
def test_no_state_but_g_ever_counts(status: str) -> None:
    assert verdict(adder(status), "anna", TRUST) != ""


def test_two_decisions_signed_with_one_key_count_once_whatever_names_they_give() -> None:
    from pipeline.model.config import Config
    from pipeline.stages.decisions import decisions_for

    config = Config(approvals_required=2)
    history = [{"action": "approved", "by": by, "hash": "h", "time": "t", "signer_key": key}
               for by, key in (("anna", "SHA256:bob"), ("bob", "SHA256:bob"))]
    assert len(decisions_for(history, "h", config).approvals) == 1
    history[0]["signer_key"] = "SHA256:anna"
    assert len(decisions_for(history, "h", config).approvals) == 2


def test_a_signer_key_written_into_the_journal_is_never_taken_from_the_file(tmp_path: Path) -> None:
    from pipeline.store.workspace import Workspace

    workspace = Workspace.open(tmp_path)
    workspace.append_journal([{"time": "t", "action": "approved", "article": "drafts/a.md", "by": "anna",
                               "hash": "h", "signer_key": "SHA256:forged"}])
    entries, _ = workspace.read_journal()
    assert "signer_key" not in entries[0] and "signer_key" not in workspace.journal_tail(0).decode()


OPTIONS_GIT_READS = ['namespaces="git"', 'NAMESPACES="git"', 'valid-after="20240101"', 'valid-before="202401011200Z"',
                     'cert-authority,namespaces="git"', 'namespaces="git,file"', 'namespaces="a b"',
                     'valid-after="20240101120000",namespaces="git"', 'namespaces="a\\"b,git"',
                     'namespaces="git,\\"a b\\""']
OPTIONS_GIT_REFUSES = ['namespaces=', 'namespaces=git', 'valid-after="tomorrow"', 'valid-before="2024010112"',
                       'valid-after="20241301"', 'namespaces="git",', 'namespaces="git"x', 'cert-authorityx',
                       'namespaces="git",valid-after=', 'namespaces="git\\"', 'namespaces="\\\\"']


@pytest.mark.parametrize("options", OPTIONS_GIT_READS + OPTIONS_GIT_REFUSES)
def test_a_line_s_options_are_read_as_ssh_keygen_reads_them(options: str, tmp_path: Path) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / "k")], check=True)
    (tmp_path / "m").write_text("decision\n")
    subprocess.run(["ssh-keygen", "-Y", "sign", "-f", str(tmp_path / "k"), "-n", "git", str(tmp_path / "m")],
                   check=True, capture_output=True)
    line = f"anna {options} {' '.join((tmp_path / 'k.pub').read_text().split()[:2])}\n"
    (tmp_path / "allowed").write_text(line)
    with (tmp_path / "m").open("rb") as message:
        told = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(tmp_path / "allowed"), "-I", "anna", "-n",
                               "git", "-s", str(tmp_path / "m.sig")], stdin=message, capture_output=True, text=True)
    signers, problems = parse_signers(line, "allowed")
    assert ("bad options" in told.stderr or "invalid options" in told.stderr) == (options in OPTIONS_GIT_REFUSES)
    assert (signers == [] and len(problems) == 1) == (options in OPTIONS_GIT_REFUSES), problems


def test_options_many_or_long_are_read_in_one_pass() -> None:
    many = ",".join(['namespaces="git"'] * 10_000)
    assert parse_signers(f"anna {many} {KEY}\n", "f")[1] == []
    escaped = 'namespaces="' + '\\"' * 50_000 + 'x' + '\\' * 50_000
    signers, problems = parse_signers(f"anna {escaped} {KEY}\n", "f")
    assert signers == [] and len(problems) == 1 and problems[0].startswith("f:1: git cannot use this line")
