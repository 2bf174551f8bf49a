"""The newsroom's photo library: images and the IPTC/XMP metadata their files carry.

A library is one or more folders (``covers.library``) of licensed images. What a photographer or
agency wrote into each file (headline, caption, credit, keywords, alt text) is read with Pillow,
which parses IPTC (the APP13 block) and XMP (defusedxml underneath, so an XML bomb in a file is
refused, not expanded). A file is read as far as its metadata: the pixels are never decoded.
What was read is kept in ``.pipeline/photos.json`` by path, size and modification time, so a library
of thousands of images is read once; a damaged record is rebuilt.
"""

from __future__ import annotations

import os
import stat
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline.store.workspace import Workspace

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".tif", ".tiff", ".png", ".webp")
MAX_IMAGE_BYTES = 100_000_000  # a larger file is no photo a cover needs
MAX_PHOTOS = 200_000  # a library folder holding more (a mistaken `/`) is read this far
_MAX_TEXT = 2_000  # characters of one metadata value kept; longer is a damaged or hostile file
_MAX_KEYWORDS = 100
CACHE_NAME = "photos.json"
_CACHE_VERSION = 1


@dataclass(frozen=True)
class Photo:
    """One image of the library: where it is, and what its metadata says."""

    rel: str  # the path inside its library folder, '/' separated
    folder: str  # the library folder as pipeline.toml names it
    headline: str = ""
    caption: str = ""
    alt: str = ""
    credit: str = ""
    keywords: tuple[str, ...] = ()


@dataclass
class Library:
    photos: list[Photo] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "folder/file: why", for files that could not be read


def _clean(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return ""
    text = " ".join("".join(c if c.isprintable() else " " for c in value[:_MAX_TEXT]).split())
    return text


def _iptc(image: Any) -> dict[str, Any]:
    from PIL import IptcImagePlugin

    found = IptcImagePlugin.getiptcinfo(image) or {}

    def one(dataset: int) -> str:
        value = found.get((2, dataset))
        if isinstance(value, list):
            value = value[0] if value else b""
        return _clean(value)

    keywords = found.get((2, 25), [])
    if not isinstance(keywords, list):
        keywords = [keywords]
    return {"headline": one(105) or one(5), "caption": one(120), "credit": one(110) or one(80) or one(116),
            "keywords": [_clean(word) for word in keywords[:_MAX_KEYWORDS]]}


def _xmp_values(node: Any) -> list[str]:
    """The texts of an XMP value: a plain string, a language alternative, a bag or a sequence."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        if "text" in node:
            return [str(node["text"])]
        values: list[str] = []
        for key in ("Alt", "Bag", "Seq", "li"):
            if key in node:
                values += _xmp_values(node[key])
        return values
    if isinstance(node, list):
        return [value for item in node[:_MAX_KEYWORDS] for value in _xmp_values(item)]
    return []


def _xmp(image: Any) -> dict[str, Any]:
    try:
        document = image.getxmp()
    except Exception:  # Pillow raises what the XML parser raises: a damaged packet is no metadata
        return {}
    descriptions = document.get("xmpmeta", {}).get("RDF", {}).get("Description", {}) if document else {}
    if isinstance(descriptions, dict):
        descriptions = [descriptions]
    merged: dict[str, Any] = {}
    for description in descriptions if isinstance(descriptions, list) else []:
        if isinstance(description, dict):
            merged.update(description)

    def first(*keys: str) -> str:
        for key in keys:
            values = _xmp_values(merged.get(key))
            if values and _clean(values[0]):
                return _clean(values[0])
        return ""

    return {"headline": first("Headline", "title"), "caption": first("description"),
            "alt": first("AltTextAccessibility"), "credit": first("Credit", "creator", "rights"),
            "keywords": [_clean(word) for word in _xmp_values(merged.get("subject"))[:_MAX_KEYWORDS]]}


def read_photo_metadata(path: Path, folder: str, rel: str) -> Photo:
    """The metadata of one image file; an OSError or ValueError when it is no image Pillow can open."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            iptc, xmp = _iptc(image), _xmp(image)
    except (UnidentifiedImageError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValueError(f"not an image Pillow can read ({type(error).__name__})") from error
    keywords = tuple(dict.fromkeys(word for word in (*xmp.get("keywords", ()), *iptc["keywords"]) if word))
    return Photo(rel=rel, folder=folder,
                 headline=xmp.get("headline") or iptc["headline"],
                 caption=xmp.get("caption") or iptc["caption"],
                 alt=xmp.get("alt", ""),
                 credit=xmp.get("credit") or iptc["credit"],
                 keywords=keywords)


def _image_files(top: Path) -> tuple[list[tuple[Path, str, os.stat_result]], bool]:
    """Regular image files under a folder, by path, never through a link (a link in the library could
    point anywhere on the machine); and whether there were more than MAX_PHOTOS (the rest not listed)."""
    found: list[tuple[Path, str, os.stat_result]] = []
    stack = [(top, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            rel = f"{prefix}{entry.name}"
            if stat.S_ISDIR(info.st_mode):
                stack.append((Path(entry.path), f"{rel}/"))
            elif stat.S_ISREG(info.st_mode) and entry.name.lower().endswith(IMAGE_SUFFIXES):
                if len(found) >= MAX_PHOTOS:
                    return sorted(found, key=lambda item: item[1]), True
                found.append((Path(entry.path), rel, info))
    return sorted(found, key=lambda item: item[1]), False


def read_library(workspace: Workspace, folders: tuple[str, ...]) -> Library:
    """Every image of the library folders with its metadata, in a stable order (folder as listed, then
    path). Files unchanged since the last read come from the record in .pipeline/."""
    cached = workspace.read_state(CACHE_NAME)
    known: dict[str, Any] = {}
    if isinstance(cached, dict) and cached.get("version") == _CACHE_VERSION and isinstance(cached.get("photos"),
                                                                                             dict):
        known = cached["photos"]
    library = Library()
    record: dict[str, Any] = {}
    for folder in folders:
        top = Path(folder).expanduser()
        top = top if top.is_absolute() else workspace.root / top
        if not top.is_dir():
            library.skipped.append(f"{folder}: no such folder")
            continue
        files, more = _image_files(top)
        if more:
            library.skipped.append(f"{folder}: more than {MAX_PHOTOS} images; the rest are not read")
        for path, rel, info in files:
            if info.st_size > MAX_IMAGE_BYTES:
                library.skipped.append(f"{folder}/{rel}: larger than {MAX_IMAGE_BYTES} bytes")
                continue
            key = f"{folder}\x00{rel}"
            stamp = [info.st_size, info.st_mtime_ns]
            photo = _from_record(known.get(key), stamp, folder, rel)
            if photo is None:
                try:
                    photo = read_photo_metadata(path, folder, rel)
                except (OSError, ValueError) as error:
                    library.skipped.append(f"{folder}/{rel}: {error}")
                    continue
            record[key] = {"stamp": stamp, "photo": asdict(photo)}
            library.photos.append(photo)
    if record != known:
        workspace.write_state(CACHE_NAME, {"version": _CACHE_VERSION, "photos": record})
    return library


def _from_record(entry: Any, stamp: list[int], folder: str, rel: str) -> Photo | None:
    """The photo as recorded, when the record is for these bytes and well formed; else None (read again)."""
    if not isinstance(entry, dict) or entry.get("stamp") != stamp or not isinstance(entry.get("photo"), dict):
        return None
    saved = entry["photo"]
    texts = {name: saved.get(name) for name in ("headline", "caption", "alt", "credit")}
    keywords = saved.get("keywords")
    if not all(isinstance(value, str) for value in texts.values()) or not isinstance(keywords, list) or not all(
            isinstance(word, str) for word in keywords):
        return None
    return Photo(rel=rel, folder=folder, keywords=tuple(keywords[:_MAX_KEYWORDS]),
                 **{name: _clean(value) for name, value in texts.items()})
