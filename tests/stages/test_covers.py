"""Covers from the photo library: real JPEG files with real IPTC (APP13) and XMP (APP1) blocks, ranked
against a draft, picked into its front matter; hostile library files never break the command."""

from __future__ import annotations

import io
import json
import os
import struct
from pathlib import Path

import pytest
from PIL import Image

from pipeline.model.article import parse_article
from pipeline.model.config import ConfigError, config_from_mapping
from pipeline.stages.covers import cover_of, rank_photos
from pipeline.store.photos import Photo, read_library, read_photo_metadata
from pipeline.store.workspace import Workspace
from tests.helpers import cli, draft_text, make_draft

XMP_TEMPLATE = """<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
 xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/">
<dc:subject><rdf:Bag>{keywords}</rdf:Bag></dc:subject>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{caption}</rdf:li></rdf:Alt></dc:description>
<photoshop:Headline>{headline}</photoshop:Headline>
<photoshop:Credit>{credit}</photoshop:Credit>
<Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang="x-default">{alt}</rdf:li></rdf:Alt>
</Iptc4xmpCore:AltTextAccessibility>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"""


def iptc_segment(fields: list[tuple[int, str]]) -> bytes:
    """A JPEG APP13 segment: a Photoshop image resource 0x0404 holding IPTC IIM record 2 datasets."""
    data = b"".join(b"\x1c\x02" + bytes([dataset]) + struct.pack(">H", len(value.encode())) + value.encode()
                    for dataset, value in fields)
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(data)) + data
    resource += b"\x00" * (len(data) % 2)
    body = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(body) + 2) + body


def jpeg(iptc: list[tuple[int, str]] | None = None, xmp: str | None = None) -> bytes:
    buffer = io.BytesIO()
    options = {"xmp": xmp.encode("utf-8")} if xmp is not None else {}
    Image.new("RGB", (16, 12), (200, 120, 40)).save(buffer, "JPEG", **options)
    data = buffer.getvalue()
    return data[:2] + iptc_segment(iptc) + data[2:] if iptc else data


def xmp(keywords: list[str], caption: str = "", headline: str = "", credit: str = "", alt: str = "") -> str:
    return XMP_TEMPLATE.format(keywords="".join(f"<rdf:li>{word}</rdf:li>" for word in keywords), caption=caption,
                               headline=headline, credit=credit, alt=alt)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A workspace with a photo library of four real JPEGs, and a draft about cyclists in a city."""
    root = tmp_path / "ws"
    photos = root / "beeldbank"
    (photos / "verkeer").mkdir(parents=True)
    (photos / "verkeer" / "fietsers-dam.jpg").write_bytes(jpeg(
        iptc=[(120, "Fietsers steken de Dam over in de ochtendspits."), (25, "fiets"), (25, "verkeer"), (110, "ANP")],
        xmp=xmp(["fietsers", "verkeer", "amsterdam"], caption="Fietsers steken de Dam over in de ochtendspits.",
                headline="Spits op de Dam", credit="ANP / Remko de Waal",
                alt="Een stroom fietsers op een plein voor een paleis")))
    (photos / "verkeer" / "file-a2.jpg").write_bytes(jpeg(
        iptc=[(120, "File op de A2 bij Utrecht."), (25, "file"), (25, "snelweg"), (110, "Hollandse Hoogte")]))
    (photos / "haven.jpg").write_bytes(jpeg(xmp=xmp(["haven", "schepen"], caption="Containerschepen in de haven.",
                                                    credit="Jan Jansen")))
    (photos / "leeg.jpg").write_bytes(jpeg())
    (root / "pipeline.toml").write_text('[covers]\nlibrary = ["beeldbank"]\nurl = "https://beeld.example.nl/foto"\n',
                                        encoding="utf-8")
    body = ("Steeds meer fietsers rijden door het centrum van Amsterdam. De gemeente wil het verkeer rond de Dam "
            "anders inrichten, zodat fietsers en voetgangers elkaar minder in de weg zitten. ") * 4
    text = draft_text(title="Amsterdam maakt ruimte voor fietsers op de Dam", tags=["verkeer", "fiets"],
                      cover={"image": "", "alt": "", "caption": ""})  # as ingest leaves it: no cover yet
    article = parse_article(text)
    make_draft(root, "fietsers", text.replace(article.body.strip(), body.strip()))
    return root


def test_metadata_is_read_from_real_iptc_and_xmp_blocks(library: Path) -> None:
    photo = read_photo_metadata(library / "beeldbank/verkeer/fietsers-dam.jpg", "beeldbank", "verkeer/fietsers-dam.jpg")
    assert photo.headline == "Spits op de Dam"
    assert photo.caption == "Fietsers steken de Dam over in de ochtendspits."
    assert photo.alt == "Een stroom fietsers op een plein voor een paleis"
    assert photo.credit == "ANP / Remko de Waal"  # XMP first, IPTC's "ANP" second
    assert photo.keywords == ("fietsers", "verkeer", "amsterdam", "fiets")
    iptc_only = read_photo_metadata(library / "beeldbank/verkeer/file-a2.jpg", "beeldbank", "verkeer/file-a2.jpg")
    assert (iptc_only.caption, iptc_only.credit, iptc_only.keywords) == ("File op de A2 bij Utrecht.",
                                                                          "Hollandse Hoogte", ("file", "snelweg"))


def test_the_best_match_comes_first_and_images_sharing_nothing_are_left_out(library: Path) -> None:
    workspace = Workspace.open(library)
    found = read_library(workspace, ("beeldbank",))
    assert [photo.rel for photo in found.photos] == ["haven.jpg", "leeg.jpg", "verkeer/fietsers-dam.jpg",
                                                     "verkeer/file-a2.jpg"]
    draft = parse_article((library / "drafts/fietsers.md").read_text(encoding="utf-8"))
    ranked = rank_photos(draft, found.photos, 5)
    assert [match.photo.rel for match in ranked] == ["verkeer/fietsers-dam.jpg"]
    assert {"fietsers", "verkeer", "amsterdam"} <= set(ranked[0].words)


def test_a_cover_is_made_of_the_images_own_metadata() -> None:
    config = config_from_mapping({"covers": {"library": ["x"], "url": "https://beeld.example.nl/"}})
    photo = Photo(rel="map met spatie/foto.jpg", folder="x", caption="Een bijschrift.", credit="ANP")
    assert cover_of(photo, config) == {"image": "https://beeld.example.nl/map%20met%20spatie/foto.jpg",
                                       "alt": "Een bijschrift.", "caption": "Een bijschrift. Foto: ANP"}


def test_cover_lists_suggestions_and_pick_writes_them_into_the_draft(library: Path) -> None:
    listed = cli(library, "cover", "fietsers")
    assert listed.exit_code == 0, listed.output
    assert "verkeer/fietsers-dam.jpg" in listed.stdout and "haven.jpg" not in listed.stdout
    before = (library / "drafts/fietsers.md").read_text(encoding="utf-8")
    assert "beeld.example.nl" not in before  # listing writes nothing
    picked = cli(library, "cover", "fietsers", "--pick", "1", "--by", "anna")
    assert picked.exit_code == 0, picked.output
    cover = parse_article((library / "drafts/fietsers.md").read_text(encoding="utf-8")).meta["cover"]
    assert cover == {"image": "https://beeld.example.nl/foto/verkeer/fietsers-dam.jpg",
                     "alt": "Een stroom fietsers op een plein voor een paleis",
                     "caption": "Fietsers steken de Dam over in de ochtendspits. Foto: ANP / Remko de Waal"}
    journal = [json.loads(line) for line in (library / ".pipeline/journal.jsonl").read_text().splitlines()]
    assert journal[-1]["action"] == "cover-set" and journal[-1]["source"] == "beeldbank/verkeer/fietsers-dam.jpg"
    as_json = json.loads(cli(library, "cover", "fietsers", "--json").stdout)
    assert as_json["matches"][0]["image"] == "beeldbank/verkeer/fietsers-dam.jpg"


def test_pick_beyond_the_suggestions_and_no_library_are_one_line_errors(library: Path, tmp_path: Path) -> None:
    beyond = cli(library, "cover", "fietsers", "--pick", "9")
    assert beyond.exit_code == 2 and "there are 1 suggestions" in beyond.stderr
    bare = tmp_path / "bare"
    make_draft(bare, "a")
    (bare / "pipeline.toml").write_text("", encoding="utf-8")
    result = cli(bare, "cover", "a")
    assert result.exit_code == 2 and "no photo library" in result.stderr


@pytest.mark.parametrize("setting", ['url = "javascript:alert(1)"', 'url = "http://beeld.example.nl/"',
                                     'url = "https://beeld example.nl/"', 'library = "beeldbank"', "library = [1]"])
def test_hostile_settings_are_refused_naming_the_key(setting: str) -> None:
    import tomllib

    with pytest.raises(ConfigError, match=r"covers\."):
        config_from_mapping(tomllib.loads(f"[covers]\n{setting}\n"))


def test_hostile_library_files_are_skipped_and_named_never_followed_or_expanded(library: Path,
                                                                                  tmp_path: Path) -> None:
    photos = library / "beeldbank"
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
            '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]><x:xmpmeta xmlns:x="adobe:ns:meta/">&lol3;</x:xmpmeta>')
    (photos / "bom.jpg").write_bytes(jpeg(xmp=bomb, iptc=[(120, "Fietsers\x1b[31m rood\x00"), (25, "fietsers")]))
    (photos / "kapot.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a jpeg at all")
    (photos / "lang.jpg").write_bytes(jpeg(iptc=[(120, "fietsers " * 3000)]))
    outside = tmp_path / "elders"
    outside.mkdir()
    (outside / "geheim.jpg").write_bytes(jpeg(iptc=[(120, "fietsers buiten de bank"), (25, "fietsers")]))
    os.symlink(outside, photos / "link-naar-elders")
    os.symlink(outside / "geheim.jpg", photos / "link.jpg")
    found = read_library(Workspace.open(library), ("beeldbank", "bestaat-niet"))
    rels = {photo.rel: photo for photo in found.photos}
    assert not any("geheim" in rel or rel.startswith("link") for rel in rels)  # links are not followed
    assert rels["bom.jpg"].caption == "Fietsers [31m rood"  # the XMP bomb is refused, controls dropped
    assert len(rels["lang.jpg"].caption) <= 2000
    assert any(line.startswith("beeldbank/kapot.jpg: ") for line in found.skipped)
    assert "bestaat-niet: no such folder" in found.skipped
    result = cli(library, "cover", "fietsers")
    assert result.exit_code == 0 and "kapot.jpg" in result.stderr


def test_the_library_record_is_reused_and_a_damaged_one_rebuilt(library: Path) -> None:
    workspace = Workspace.open(library)
    first = read_library(workspace, ("beeldbank",))
    record = library / ".pipeline/photos.json"
    assert record.is_file()
    assert read_library(workspace, ("beeldbank",)).photos == first.photos
    record.write_text('{"version": 1, "photos": {"beeldbank\\u0000haven.jpg": {"stamp": "x", "photo": [1]}}}')
    assert read_library(workspace, ("beeldbank",)).photos == first.photos
    record.write_text("[" * 100_000)
    assert read_library(workspace, ("beeldbank",)).photos == first.photos


def test_an_editors_save_meanwhile_is_never_overwritten(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.stages import covers

    real = covers.suggest_covers

    def save_meanwhile(text: str, *args: object) -> object:
        (library / "drafts/fietsers.md").write_text(text + "\nEen zin van de redacteur.\n", encoding="utf-8")
        return real(text, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(covers, "suggest_covers", save_meanwhile)
    result = cli(library, "cover", "fietsers", "--pick", "1")
    assert result.exit_code == 1 and "changed while the cover was written" in result.stderr
    assert (library / "drafts/fietsers.md").read_text(encoding="utf-8").endswith("Een zin van de redacteur.\n")


def test_the_desk_shows_the_suggestions_beside_an_article_without_a_cover(library: Path) -> None:
    from tests.desk.test_desk import page, signed_in

    photos = library / "beeldbank"
    (photos / "html.jpg").write_bytes(jpeg(iptc=[(120, "<script>alert(1)</script> fietsers op de Dam"),
                                                 (25, "fietsers"), (110, "<b>ANP</b>")]))
    _, client = signed_in(library)
    html = page(client, "/article/fietsers")
    section = html.split('id="covers"')[1].split("</section>")[0]
    assert "beeldbank/verkeer/fietsers-dam.jpg" in section and "pipeline cover fietsers --pick N" in section
    assert "<script>" not in section and "&lt;script&gt;" in section and "<b>" not in section
    picked = cli(library, "cover", "fietsers", "--pick", "1")
    assert picked.exit_code == 0, picked.output
    assert 'id="covers"' not in page(client, "/article/fietsers")  # it has a cover now
