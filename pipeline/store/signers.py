"""git's allowed-signers file (the format of ssh-keygen's ALLOWED SIGNERS), read as git reads it, so a
line git would pass over is named when the file is read, not found out when a decision does not count.

A line is ``PRINCIPAL [OPTIONS] KEYTYPE BASE64KEY [COMMENT]``: the principal is a reviewer's name,
quoted when it has spaces (``"Anna de Vries" ssh-ed25519 AAAA...``), or their commit email, or a
pattern of emails (``*@example.org``). git verifies only lines with one principal: a line of several
(``anna,anna@example.org``) makes every signature by its key unverifiable.
"""

from __future__ import annotations

import base64
import binascii
import fnmatch
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

KEY_TYPES = frozenset({
    "ssh-ed25519", "ssh-rsa", "ssh-dss", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
})
_OPTIONS = ("cert-authority", "namespaces=", "valid-after=", "valid-before=")
# The options as ssh-keygen reads them (sshsig's options): a flag, or a name with a value in quotes (\" is a quote in
# it), any case, separated by commas up to the first blank; any other shape makes git pass over the line.
_OPTION = re.compile(r'cert-authority|(namespaces|valid-after|valid-before)="((?:[^"\\]|\\"|\\(?!"))*)"', re.I)
_TIME_FORMS = {8: "%Y%m%d", 12: "%Y%m%d%H%M", 14: "%Y%m%d%H%M%S"}  # valid-after and valid-before, a Z after for UTC


@dataclass(frozen=True)
class Signer:
    principal: str  # as git reports it (%GS): the name unquoted, an email, or a pattern
    fingerprint: str  # "SHA256:..." as git's %GK gives it for an SSH key
    line: int


def _field(text: str, escapes: bool = False) -> tuple[str, str] | None:
    """The first whitespace-separated field of text (a quoted part keeps its spaces, without its
    quotes), and the rest; None when a quote is not closed. With escapes (an options field, as
    ssh-keygen skips past options), a backslash before a quote keeps both and closes nothing."""
    text = text.lstrip(" \t")
    out, position, quoted = [], 0, False
    while position < len(text):
        char = text[position]
        if escapes and char == "\\" and text[position + 1:position + 2] == '"':
            out.append('\\"')
            position += 2
            continue
        if char == '"':
            quoted = not quoted
        elif char in " \t" and not quoted:
            break
        else:
            out.append(char)
        position += 1
    if quoted:
        return None
    return "".join(out), text[position:]


def fingerprint(blob: bytes) -> str:
    """An SSH public key's fingerprint as ssh-keygen -l and git's %GK show it."""
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode("ascii").rstrip("=")


def _key_problem(kind: str, encoded: str) -> tuple[str, str]:
    """('', fingerprint) for a key git can use, else (why, '')."""
    try:
        blob = base64.b64decode(encoded.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return f"the {kind} key is not base64 (cut short or mistyped?)", ""
    parts = _strings(blob)
    if not parts or parts[0] != kind.encode("ascii"):
        return f"the key is not a {kind} key (cut short, or of another type?)", ""
    if len(parts) != _PARTS[kind] or (kind.endswith("ed25519") and len(parts[1]) != 32):
        return f"the {kind} key is cut short or damaged", ""
    return "", fingerprint(blob)


# How many length-prefixed strings a public key of each type is made of, its type's name included.
_PARTS = {"ssh-ed25519": 2, "ssh-rsa": 3, "ssh-dss": 5, "ecdsa-sha2-nistp256": 3, "ecdsa-sha2-nistp384": 3,
          "ecdsa-sha2-nistp521": 3, "sk-ssh-ed25519@openssh.com": 3, "sk-ecdsa-sha2-nistp256@openssh.com": 4}


def _strings(blob: bytes) -> list[bytes]:
    """The length-prefixed strings an SSH key's bytes are made of; [] when they do not divide exactly."""
    parts, position = [], 0
    while position < len(blob):
        if position + 4 > len(blob):
            return []
        size = int.from_bytes(blob[position:position + 4], "big")
        position += 4
        if position + size > len(blob):
            return []
        parts.append(blob[position:position + size])
        position += size
    return parts


def parse_signers(text: str, source: str) -> tuple[list[Signer], list[str]]:
    """The signers git can use, and one problem per line it cannot ('FILE:LINE: ...')."""
    signers: list[Signer] = []
    problems: list[str] = []
    for number, raw in enumerate(text.split("\n"), 1):  # as ssh reads it: only a newline ends a line
        line = raw.strip(" \t\r")
        if not line or line.startswith("#"):
            continue
        why, found = _line(line)
        if why:
            problems.append(f"{source}:{number}: git cannot use this line: {why}")
        elif found is not None:
            signers.append(Signer(found[0], found[1], number))
    return signers, problems


def _line(line: str) -> tuple[str, tuple[str, str] | None]:
    if any(ord(char) < 32 and char != "\t" for char in line):
        return "it holds a control character", None
    first = _field(line)
    if first is None:
        return "a quote is not closed", None
    principal, rest = first
    words = rest.split()
    options = rest.lstrip(" \t")
    second = _field(rest, escapes=options.lower().startswith(_OPTIONS))
    if second is None:
        return "a quote is not closed", None
    kind, rest = second
    if kind not in KEY_TYPES:
        if not kind.lower().startswith(_OPTIONS):
            if any(word in KEY_TYPES for word in words):
                return (f"the principal is the first word only; a name with spaces is quoted: "
                        f"\"{' '.join([principal, *words[:[w in KEY_TYPES for w in words].index(True)]])}\" "
                        "KEYTYPE KEY"), None
            return f"no key type where git expects one ({', '.join(sorted(KEY_TYPES)[:3])}, ...)", None
        third = _field(rest)
        if third is None:
            return "a quote is not closed", None
        why = _options_problem(options)
        if why:
            return why, None
        kind, rest = third
        if kind not in KEY_TYPES:
            return "no key type after the options", None
    key = _field(rest)
    if key is None or not key[0]:
        return "no key after the key type", None
    why, printed = _key_problem(kind, key[0])
    if why:
        return why, None
    if not principal:
        return "no principal (the reviewer's name or email) before the key", None
    if "," in principal:
        return ("several principals on one line: git verifies no signature by its key; give each principal a "
                "line of its own with the same key"), None
    return "", (principal, printed)


def _options_problem(text: str) -> str:
    """Why ssh-keygen refuses the options text begins with ('' when it reads them up to the first blank)."""
    position = 0
    while True:
        found = _OPTION.match(text, position)
        if found is None:
            return ('the options are not as git reads them: cert-authority, namespaces="...", '
                    'valid-after="YYYYMMDD[HHMM[SS]][Z]" or valid-before="...", separated by commas')
        if found.group(1) and found.group(1).lower() != "namespaces" and not _is_time(found.group(2)):
            return f'the {found.group(1)} time is not "YYYYMMDD", "YYYYMMDDHHMM" or "YYYYMMDDHHMMSS" (Z after: UTC)'
        position = found.end()
        if position == len(text) or text[position] in " \t":
            return ""
        if text[position] != "," or position + 1 == len(text) or text[position + 1] in " \t":
            return "the options do not end where the next one or the key type begins (a comma too many or too few)"
        position += 1


def _is_time(value: str) -> bool:
    digits = value[:-1] if value[-1:] in ("Z", "z") else value
    form = _TIME_FORMS.get(len(digits))
    if form is None or not (digits.isascii() and digits.isdigit()):
        return False
    try:
        datetime.strptime(digits, form)
    except ValueError:
        return False
    return True


def principal_matches(principal: str, by: str, author: str, email: str) -> bool:
    """Whether a signature git verified for principal is by the reviewer named by: the principal is
    their name, or their commit email (or a pattern of emails it matches) and the commit's author is
    that reviewer."""
    wanted = principal.casefold()
    if wanted == by.casefold():
        return True
    if "@" not in wanted or not email or author.casefold() != by.casefold():
        return False
    return wanted == email.casefold() or fnmatch.fnmatchcase(email.casefold(), wanted)
