"""The ingest record's tables held compactly in memory: the same entries as the JSON file, packed.

The record knows every raw file and article a workspace ever ingested, and ingest holds it for the
whole run: as Python dicts of strings it took about 2.4 KB a file (a dict, a list and a 64-character
hex string for each file's path, hash and article). Here the common shapes are packed as they are read:
a path's stamp and hash in 56 bytes, a hash as 32 bytes, an article's eight text bands in 32 bytes and
the index of bands as arrays of those bytes. Every other shape (a failed file, a half-ingested one, a
hand-edited or hostile record) is kept as the dict it is, so nothing is lost and the file written back
is the same, byte for byte. ``get`` returns a dict: change it and put it back (``table[key] = entry``).
"""

from __future__ import annotations

import json
import re
import struct
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import Any, TypeGuard

_BAND = re.compile(r"([0-7]):([0-9a-f]{8})")
_EIGHT_BANDS = re.compile("\n".join(f"{number}:([0-9a-f]{{8}})" for number in range(8)))
_STAMP = struct.Struct("<qqq")  # size, mtime_ns, inode
_INT64 = range(-(2**63), 2**63)
BANDS = 8  # a text's bands, as ``fingerprint.bands`` makes them: "0:xxxxxxxx" to "7:xxxxxxxx"


class _HashEntry(tuple[Any, ...]):
    """A raw file's bytes ingested whole: (its source file, the drafts made of it...)."""

    __slots__ = ()


class _ArticleEntry(tuple[Any, ...]):
    """An article's lineage: file, item, url, written (32 bytes or as read), bands (32 bytes or as read)."""

    __slots__ = ()


_ABSENT = _HashEntry()  # a key the article's entry does not have (never a value JSON gives)
_ARTICLE_KEYS = ("file", "item", "url", "written", "bands")
_ARTICLE_KEY_SET = frozenset(_ARTICLE_KEYS)


def _is_hex64(value: Any) -> TypeGuard[str]:
    if not isinstance(value, str) or len(value) != 64:
        return False
    try:
        return bytes.fromhex(value).hex() == value  # (fromhex also takes capitals and spaces)
    except ValueError:
        return False


def pack_path(entry: dict[str, Any]) -> Any:
    """{"stamp": [size, mtime_ns, inode], "sha256": hex} as 56 bytes; any other shape as it is."""
    stamp, sha = entry.get("stamp"), entry.get("sha256")
    if len(entry) == 2 and isinstance(stamp, list) and len(stamp) == 3 and _is_hex64(sha):
        size, mtime, inode = stamp
        if type(size) is int and type(mtime) is int and type(inode) is int \
                and _INT64[0] <= min(stamp) and max(stamp) <= _INT64[-1]:
            return _STAMP.pack(size, mtime, inode) + bytes.fromhex(sha)
    return entry


def unpack_path(value: Any) -> dict[str, Any]:
    if type(value) is bytes:
        return {"stamp": list(_STAMP.unpack_from(value)), "sha256": value[_STAMP.size:].hex()}
    return value  # type: ignore[no-any-return]


def path_stamp(value: Any) -> list[int] | None:
    """The stamp of a path's entry, without unpacking the rest."""
    if type(value) is bytes:
        return list(_STAMP.unpack_from(value))
    stamp = value.get("stamp") if isinstance(value, dict) else None
    return stamp if isinstance(stamp, list) else None


def pack_hash(entry: dict[str, Any]) -> Any:
    """{"source": file, "drafts": [...], "status": "ok"} as a tuple; any other shape as it is."""
    source, drafts = entry.get("source"), entry.get("drafts")
    if len(entry) == 3 and entry.get("status") == "ok" and isinstance(source, str) and isinstance(drafts, list) \
            and all(isinstance(draft, str) for draft in drafts):
        return _HashEntry((source, *drafts))
    return entry


def unpack_hash(value: Any) -> dict[str, Any]:
    if isinstance(value, _HashEntry):
        return {"source": value[0], "drafts": list(value[1:]), "status": "ok"}
    return value  # type: ignore[no-any-return]


def hash_drafts(value: Any) -> tuple[str, ...] | list[Any]:
    """The drafts of a hash's entry, without unpacking the rest."""
    if isinstance(value, _HashEntry):
        return value[1:]
    drafts = value.get("drafts") if isinstance(value, dict) else None
    return drafts if isinstance(drafts, list) else []


def pack_bands(bands: Any) -> Any:
    """Eight bands "0:xxxxxxxx" to "7:xxxxxxxx" in order as 32 bytes; any other list as it is."""
    if not isinstance(bands, list) or len(bands) != BANDS:
        return bands
    try:
        found = _EIGHT_BANDS.fullmatch("\n".join(bands))
    except TypeError:  # not all strings
        return bands
    return bands if found is None else bytes.fromhex("".join(found.groups()))


def unpack_bands(value: Any) -> Any:
    if type(value) is bytes:
        return [f"{number}:{digits}" for number, digits in enumerate(_band_digits(value))]
    return value


def pack_article(entry: dict[str, Any]) -> Any:
    """An article's lineage as a tuple of its five fields (the hash it was written with as 32 bytes, its
    bands as 32); any other shape (a key of another kind, a field of another type) as it is."""
    if not entry or not entry.keys() <= _ARTICLE_KEY_SET:
        return entry
    file, item, url = entry.get("file", ""), entry.get("item"), entry.get("url")
    written, bands = entry.get("written", ""), entry.get("bands", [])
    if not (isinstance(file, str) and (item is None or type(item) is int) and (url is None or isinstance(url, str))
            and isinstance(written, str) and isinstance(bands, list)):
        return entry
    return _ArticleEntry((entry.get("file", _ABSENT), entry.get("item", _ABSENT), entry.get("url", _ABSENT),
                          bytes.fromhex(written) if _is_hex64(written) else entry.get("written", _ABSENT),
                          pack_bands(bands) if "bands" in entry else _ABSENT))
    # (bands of any other kind stay the list they are: only a hand-edited record has one)


def unpack_article(value: Any) -> dict[str, Any]:
    if not isinstance(value, _ArticleEntry):
        return value  # type: ignore[no-any-return]
    entry = {key: field for key, field in zip(_ARTICLE_KEYS, value, strict=True) if field is not _ABSENT}
    if type(entry.get("written")) is bytes:
        entry["written"] = entry["written"].hex()
    if "bands" in entry:
        entry["bands"] = unpack_bands(entry["bands"])
    return entry


def article_field(value: Any, key: str) -> Any:
    """One field of an article's entry (the bands packed when they are the eight of a text), or None."""
    if isinstance(value, _ArticleEntry):
        field = value[_ARTICLE_KEYS.index(key)]
        if field is _ABSENT:
            return None
        return field.hex() if key == "written" and type(field) is bytes else field
    return value.get(key) if isinstance(value, dict) else None


def hash_key(key: str) -> Any:
    """A sha256 as a key: 32 bytes when it is one (as every key the pipeline writes is), else as it is."""
    return bytes.fromhex(key) if _is_hex64(key) else key


def _same_key(key: Any) -> Any:
    return key


class PackedTable(MutableMapping[str, Any]):
    """A mapping of the record's entries by key, each held packed; read and written as dicts."""

    __slots__ = ("_entries", "_key", "_kind", "_pack", "_unpack")

    def __init__(self, pack: Callable[[dict[str, Any]], Any], unpack: Callable[[Any], dict[str, Any]],
                 kind: type, key: Callable[[str], Any] = _same_key, entries: Mapping[str, Any] | None = None) -> None:
        self._entries: dict[Any, Any] = {}
        self._pack, self._unpack, self._kind, self._key = pack, unpack, kind, key
        for name, entry in (entries or {}).items():
            self[name] = entry

    def __getitem__(self, key: str) -> dict[str, Any]:
        return self._unpack(self._entries[self._key(key)])

    def __setitem__(self, key: str, entry: Any) -> None:
        if type(entry) is not self._kind:
            if not isinstance(entry, dict):  # packed as another table packs (a hostile record's shapes)
                entry = unpack_any(entry)
            entry = self._pack(entry)
        self._entries[self._key(key)] = entry

    def __delitem__(self, key: str) -> None:
        del self._entries[self._key(key)]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._key(key) in self._entries

    def __iter__(self) -> Iterator[str]:
        return (key.hex() if type(key) is bytes else key for key in self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def packed(self, key: str) -> Any:
        """The entry as held (for the accessors above that read one field), or None."""
        return self._entries.get(self._key(key))

    def packed_items(self) -> Iterator[tuple[str, Any]]:
        return ((key.hex() if type(key) is bytes else key, value) for key, value in self._entries.items())

    def json_members(self, keys: list[str]) -> str:
        """These entries as members of a JSON object, the text ``json.dumps`` gives them unpacked (sorted
        keys, no spaces, ASCII), written from the packed form without making each a dict first."""
        return ",".join(f"{_quoted(key)}:{_json_of(self._entries[self._key(key)])}" for key in keys)


def paths_table(entries: Mapping[str, Any] | None = None) -> PackedTable:
    """raw file -> {"stamp": [size, mtime_ns, inode], "sha256": hex}."""
    return PackedTable(pack_path, unpack_path, bytes, entries=entries)


def hashes_table(entries: Mapping[str, Any] | None = None) -> PackedTable:
    """sha256 of a raw file's bytes -> what became of them."""
    return PackedTable(pack_hash, unpack_hash, _HashEntry, hash_key, entries)


def articles_table(entries: Mapping[str, Any] | None = None) -> PackedTable:
    """draft path an article was ingested as -> its lineage."""
    return PackedTable(pack_article, unpack_article, _ArticleEntry, entries=entries)


# What a value read from the record is when it is an entry: a dict, or one the reading packed (JSON gives
# neither bytes nor tuples).
ENTRY_TYPES = (dict, bytes, tuple)


_quoted: Callable[[str], str] = json.encoder.encode_basestring_ascii


def _dumped(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


_BANDS_JSON = "[" + ",".join(f'"{number}:{{}}"' for number in range(BANDS)) + "]"


def _band_digits(bands: bytes) -> list[str]:
    digits = bands.hex()
    return [digits[start:start + 8] for start in range(0, 8 * BANDS, 8)]


def _json_of(value: Any) -> str:
    """An entry's JSON text, as ``json.dumps`` writes it unpacked (its keys in sorted order)."""
    if type(value) is bytes:
        size, mtime, inode = _STAMP.unpack_from(value)
        return f'{{"sha256":"{value[_STAMP.size:].hex()}","stamp":[{size},{mtime},{inode}]}}'
    if isinstance(value, _HashEntry):
        drafts = ",".join(_quoted(draft) for draft in value[1:])
        return f'{{"drafts":[{drafts}],"source":{_quoted(value[0])},"status":"ok"}}'
    if isinstance(value, _ArticleEntry):
        file, item, url, written, bands = value
        members = []  # in the order of their keys: bands, file, item, url, written
        if bands is not _ABSENT:
            members.append('"bands":' + (_BANDS_JSON.format(*_band_digits(bands)) if type(bands) is bytes
                                         else _dumped(bands)))
        if file is not _ABSENT:
            members.append('"file":' + _quoted(file))
        if item is not _ABSENT:
            members.append('"item":' + ("null" if item is None else str(item)))
        if url is not _ABSENT:
            members.append('"url":' + ("null" if url is None else _quoted(url)))
        if written is not _ABSENT:
            members.append('"written":' + (f'"{written.hex()}"' if type(written) is bytes else _quoted(written)))
        return "{" + ",".join(members) + "}"
    return _dumped(value)


def unpack_any(value: Any) -> Any:
    """An entry packed by any table, as the dict it was read as (a value of no table: as it is)."""
    if type(value) is bytes:
        return unpack_path(value)
    if isinstance(value, _HashEntry):
        return unpack_hash(value)
    if isinstance(value, _ArticleEntry):
        return unpack_article(value)
    return value


class PackingReader:
    """``json.loads``'s object hook (``hook``): each entry of the record packed as soon as it is parsed,
    so a record of ten thousand files never stands in memory as dicts. An entry is told apart by its
    keys; a table that gets the shape of another's unpacks it again (``PackedTable.__setitem__``), and
    ``packed`` counts them, so a record that holds one anywhere but in a table (hostile) is seen."""

    def __init__(self) -> None:
        self.packed = 0
        # Each name once: a raw file's name is the key of its path, the source of its hash and the file of its
        # articles; a draft's is an article's key and one of its hash's drafts.
        self._names: dict[str, str] = {}

    def hook(self, pairs: list[tuple[str, Any]]) -> Any:
        names = self._names
        count = len(pairs)
        # As the record is written, its keys sorted: the common shapes are found by their keys at once.
        if count == 2 and pairs[0][0] == "sha256" and pairs[1][0] == "stamp":
            packed = pack_path(dict(pairs))
        elif count == 3 and pairs[0][0] == "drafts" and pairs[1][0] == "source" and pairs[2][0] == "status":
            drafts, source, status = pairs[0][1], pairs[1][1], pairs[2][1]
            if status == "ok" and isinstance(source, str) and isinstance(drafts, list) \
                    and all(isinstance(draft, str) for draft in drafts):
                packed = _HashEntry((names.setdefault(source, source),
                                     *(names.setdefault(draft, draft) for draft in drafts)))
            else:
                packed = {"drafts": drafts, "source": source, "status": status}
        elif count <= len(_ARTICLE_KEYS) and "file" in (entry := dict(pairs)) and len(entry) == count:
            file = entry["file"]
            if isinstance(file, str):
                entry["file"] = names.setdefault(file, file)
            packed = pack_article(entry)
        else:  # a table, or another part of the record: its keys shared with the entries' names
            return {names.setdefault(key, key): value for key, value in pairs}
        self.packed += type(packed) is not dict
        return packed


def packed_in(*tables: dict[str, Any]) -> int:
    """How many of these tables' entries are packed."""
    return sum(not isinstance(value, dict) for table in tables for value in table.values())


def _add(index: dict[str, str | list[str]], value: str, article: str) -> None:
    found = index.get(value)
    if found is None:
        index[value] = article
    elif isinstance(found, str):
        if found != article:
            index[value] = [found, article]
    elif article not in found:
        found.append(article)


class ArticleIndex:
    """url, source file and text band -> the articles that have it, in the order they were added. A band
    as a text's bands are made ("3:1a2b3c4d") is held as its 4 bytes in an array (one for each band number
    and first byte, so a look-up searches a 2,048th of them), beside the article in a list of the same
    order: about 100 bytes an article where a dict of strings took over 600. Any other band (a
    hand-edited record's) is kept in a dict, as the URLs and files are."""

    __slots__ = ("_digests", "_other_bands", "_owners", "files", "urls")

    def __init__(self) -> None:
        self.urls: dict[str, str | list[str]] = {}
        self.files: dict[str, str | list[str]] = {}
        self._digests = [bytearray() for _ in range(BANDS * 256)]
        self._owners: list[list[str]] = [[] for _ in range(BANDS * 256)]
        self._other_bands: dict[str, str | list[str]] = {}

    def add(self, article: str, url: Any, file: Any, bands: Any) -> None:
        """An article's address, its source file (None: a file of several articles) and its bands, packed
        or as a list of strings (an article learnt again adds its new bands; the old still lead to it)."""
        if isinstance(url, str) and url:
            _add(self.urls, url, article)
        if isinstance(file, str) and file:
            _add(self.files, file, article)
        if type(bands) is bytes:
            digests, owners = self._digests, self._owners
            for start in range(0, 4 * BANDS, 4):
                bucket = start * 64 + bands[start]  # the band's number * 256 + its first byte
                digests[bucket] += bands[start:start + 4]
                owners[bucket].append(article)
            return
        for band in bands if isinstance(bands, list) else []:
            if not isinstance(band, str) or not band:
                continue
            found = _BAND.fullmatch(band)
            if found is None:
                _add(self._other_bands, band, article)
            else:
                self._add_band(int(found[1]), bytes.fromhex(found[2]), article)

    def _add_band(self, number: int, digest: bytes, article: str) -> None:
        bucket = number * 256 + digest[0]
        self._digests[bucket] += digest
        self._owners[bucket].append(article)

    def band(self, band: str) -> list[str]:
        """The articles that have this band, each once, in the order they were first added with it."""
        found = _BAND.fullmatch(band)
        if found is None:
            return listed(self._other_bands.get(band))
        needle = bytes.fromhex(found[2])
        bucket = int(found[1]) * 256 + needle[0]
        digests, owners = self._digests[bucket], self._owners[bucket]
        having: dict[str, None] = {}
        at = digests.find(needle)
        while at != -1:
            if at % 4 == 0:  # a match across two digests is none
                having.setdefault(owners[at // 4])
            at = digests.find(needle, at + 1)
        return list(having)


def listed(found: str | list[str] | None) -> list[str]:
    """An index entry as a list of articles."""
    return [] if found is None else [found] if isinstance(found, str) else found
