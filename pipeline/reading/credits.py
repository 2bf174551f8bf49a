"""Captions that end in their picture's credit, credits alone, an image's label, and a site's trail of pages.

Exact forms the older rules of ``furniture`` miss, each a shape that is furniture on every site (counted on the
labelled corpus: ``benchmarks/quality.md``, "The fourteenth round"; the examples here are made up):

- a caption that ends in a credit word with a name: "... in Ede. Foto: Fotobureau.nl/Jan de Wit",
  "... (Foto: K. van Dam)", "... birthday. Photograph: Anne Smith.", "... (Picture: Getty)";
- a caption that ends in a photographer's name and an agency in brackets: "... (John Brown/PA)",
  "... [Mary Green/Getty Images]";
- a credit alone: a name and its agency ("Tom Black/AP", "AP Photo/Jane White", "... via Getty Images");
- who stands where on a group's photo ("V.l.n.r. ...", "Der Vorstand (von links): ..."), an image's label
  ("Profielfoto van ...", "Dorpskrant logo", "Screen Shot 2020-01-02 at ...") and its button ("Klik op de
  afbeelding om te vergroten", "[View Full Size]");
- an image's text shown twice, the second time with its credit glued on: "De markt op het plein" over
  "De markt op het pleinBeeld Jan Smit" (``captions_shown_twice``: both are the caption);
- a site's trail of pages: "Home » Nieuws » Kunst", "Hauptseite > Dokumente > Protokoll", "Home|School|Blog",
  "U bevindt zich op: ...";
- a site's sections or tags with the number of their posts, three or more in a row: "Sport en Spel (15)";
- a page's pagination ("Artikel 3 von 12"), loading messages, a feed's footer ("The post ... appeared first on
  ...") and a post embedded with its author's handle and day in words.

``caption_form`` and ``trail_form`` say which (their reason) or None. Each is bounded: a line of more than
``MAX_CHARS`` characters is none of these. ``furniture_by_form`` takes them out of a page's text after the line
model has read it (``page.read_page``): the model's features are the first pass's, as in the pages it learnt from,
so these forms need no retraining and move no other line's votes.
"""

from __future__ import annotations

import itertools
import re

from pipeline.reading.furniture import strip_bullets
from pipeline.reading.lines import Kind, PageLine

MAX_CHARS = 600

# The words that name a picture's credit, then a colon: "Foto: Jan", "Photograph: Anne Smith", "Beeld: ANP".
_CREDIT_WORD = (r"(?:foto(?:'s|’s|s)?|fotografie|fotograaf|beeld|bild(?:er)?|bildautor|photo(?:graph)?s?|pictures?"
                r"|images?|credit|archieffoto|archivfoto|symbolfoto|tekening|illustratie|illustration)")
# Lower-case words a credit's name may hold: "Johan van den Berg", "Jan en Piet", "Foto by Jan".
_NAME_WORDS = frozenset(["van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "von", "zu", "zum", "vom", "da",
                         "di", "du", "des", "del", "della", "la", "le", "el", "al", "bin", "y", "en", "and", "und", "&",
                         "of", "via", "by", "door", "for", "voor", "für", "stock", "courtesy"])
# "... Foto: X", "... (Foto: X)", "... Photograph: X." after a sentence or a caption's words; without a colon only a
# capitalised word after a full stop, or glued to the caption's last word ("... op het pleinBeeld de Dorpskrant").
_END_CREDIT = re.compile(r"(?:^|.*?[\s.,;!?)\]\"”’'])[(\[]?(?i:" + _CREDIT_WORD + r")\s?:\s?(?P<who>[^:()\[\]]{2,80}?)"
                         r"[)\]]?\.?|(?:.*?[.!?)]\s?|.*?[a-zà-ÿ])(?:Foto|Beeld|Photo|Bild|Credit|Fotografie)\s"
                         r"(?P<name>[^:()\[\]]{2,50}?)\.?")
# "(John Brown/PA)", "[Mary Green/Getty Images]", "(Shutterstock)": a caption's credit in brackets.
_AGENCY = (r"(?:PA(?: Images| Media| Wire)?|AP|Getty Images|Shutterstock|Alamy|iStock(?:photo)?|Reuters|AFP|ANP|EPA"
           r"|dpa|Belga|Picture Alliance|Imago|Hollandse Hoogte|Unsplash|Pexels|Pixabay)")
_PHOTO_AGENCY = r"(?:Getty Images|Shutterstock|Alamy|iStock(?:photo)?|Unsplash|Pexels|Pixabay)"
_BRACKETED = re.compile(r".{8,}?\s?[(\[](?:[^()\[\]/]{2,60}\s?/\s?" + _AGENCY + r"|" + _PHOTO_AGENCY
                        + r")(?:\s?/\s?[^()\[\]/]{2,60})?[)\]]")
# "Tom Black/AP", "AP Photo/Jane White", "Lena Grey/E+ via Getty Images": a credit alone on its line.
_NAME = r"[A-ZÀ-Þ][\w.'’-]*(?: (?:[A-ZÀ-Þ][\w.'’-]*|van|de|der|den|von|da|di|du|le|la)){0,4}"
_CREDIT_ALONE = re.compile(r"(?:" + _NAME + r"\s?/\s?" + _AGENCY + r"|AP Photo\s?/\s?" + _NAME
                           + r")(?: via Getty Images)?|[^.!?]{2,60}? via Getty Images")

# Who stands where on a group's photo: "V.l.n.r. Jan, Piet", "Der neue Vorstand (von links): ...".
_LEFT_TO_RIGHT = (r"(?:v\.\s?l\.\s?n\.\s?r\.?|vlnr\.?|van links naar rechts|von links(?: nach rechts)?|von vorne links"
                  r"|from left(?: to right)?|l-r)")
_GROUP = re.compile(r"(?i:(?:\(?foto\)?:?\s)?" + _LEFT_TO_RIGHT + r"[\s:.].{3,500}|.{3,300}\(" + _LEFT_TO_RIGHT
                    + r"\).{0,500})")
# An image's own label: "Profielfoto van Anna", "Afbeelding horend bij: ...", "Screen Shot 2020-01-02 at 10.11.12 AM",
# "Webshop avatar", "dorpskrant logo"; and its button: "Klik op de afbeelding om te vergroten", "[View Full Size]".
_IMAGE_LABEL = re.compile(r"(?i:(?:profielfoto|profile (?:photo|picture)|titelfoto|afbeelding horend bij|screen ?shot)"
                          r"\b.{0,120}"
                          r"|(?!(?:het|de|een|the|an?|new|nieuw|nieuwe|das|der|die|ein|neues|unser|ons|onze|our)\b)"
                          r"(?:\S+ ){0,4}(?:avatar|logo)"
                          r"|.{0,200}(?:klik op de (?:afbeelding|foto) (?:om|voor)|click (?:to|for) (?:enlarge|larger)"
                          r"|\[view full size\]|klik voor groter|zum vergrößern klicken).{0,40})")

# A trail of pages: parts of a few words between "»", "›" or ">" (two or more), or after the site's home.
_TRAIL_MARK = re.compile(r"\s?[»›>]\s?")
_HOME = re.compile(r"(?i:home(?:page)?|start(?:seite|pagina)?|hauptseite|voorpagina|homepagina|accueil)"
                   r"\s?[»›>|/]\s?\S.*")
_BAR_TRAIL = re.compile(r"[^|\s][^|]{0,30}(?:\|[^|\s][^|]{0,30}){2,}")
_HERE = re.compile(r"(?i:(?:gedaan met laden\.\s?)?(?:u bevindt zich (?:hier|op)|sie befinden sich(?: hier)?"
                   r"|you are here|je bent hier|u bent hier)\s?:\s?\S.{0,150})")
_PAGE_OF = re.compile(r"(?i:(?:artikel|article|pagina|seite|bladzijde|blz\.?) \d{1,4} ?(?:van|of|von|/) ?\d{1,4}"
                      r"|you are on page \d{1,4} ?of \d{1,4}"
                      r"|(?:previous|vorige|vorheriger) (?:post|bericht|artikel|beitrag)"
                      r" (?:next|volgende|nächster) (?:post|bericht|artikel|beitrag))")
# A feed's line under a story a site took from another: "The post ... appeared first on ...".
_FEED_FOOTER = re.compile(r"(?i:the post .{3,250} (?:appeared first on|is provided by) .{2,80}"
                          r"|het bericht .{3,250} verscheen eerst op .{2,80}"
                          r"|der beitrag .{3,250} erschien zuerst auf .{2,80})")
# A post embedded from a social network, its author's handle and its day last: "... — Jan (@jan) 3 mei 2019".
_EMBEDDED = re.compile(r".{0,400}?[—–-] ?[^()—–]{1,80}\(@\w{1,30}\) (?:\w+\.? \d{1,2}, \d{4}|\d{1,2}\.? \w+\.? \d{4})")
# A page's loading and copy-protection messages: "Bezig met laden.... (Bekijk nu de volledige tekst)".
_LOADING = re.compile(r"(?i:(?:bezig met laden|gedaan met laden|wird geladen|loading)\s?(?:\.+|…)\s?(?:\(.{1,60}\))?"
                      r"|error: .{0,50}(?:kopi|copy|protected|beveiligd|geschützt).{0,30})")


def _name_like(who: str) -> bool:
    """A credit's name or source: few words, none in lower case beyond a name's particles, no sentence."""
    words = who.replace("/", " ").split()
    if not words or len(words) > 10 or not any(char.isalpha() for char in who):
        return False
    return all(not word[:1].islower() or word.strip(",.;") in _NAME_WORDS or "." in word for word in words)


# The words without which a line can be neither a caption ending in its credit (``_END_CREDIT``: each credit word holds
# one of the first nine) nor an image's label (``_IMAGE_LABEL``), in lower case; and the four characters beyond ASCII
# that re.IGNORECASE matches to an ASCII letter of them ("ı", "İ", "ſ", the Kelvin sign), which lower() keeps apart.
_CREDIT_HINTS = ("foto", "beeld", "bild", "photo", "picture", "image", "credit", "tekening", "illustrati")
_LABEL_HINTS = ("foto", "photo", "picture", "afbeelding", "screen", "avatar", "logo", "klik", "click", "view full size",
                "zum vergr")
_FOLDED_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def _hinted(lowered: str, hints: tuple[str, ...]) -> bool:
    return any(hint in lowered for hint in hints)


def caption_form(text: str) -> str | None:
    """"... Foto: Jan de Vries", "... (John Brown/PA)", "Tom Black/AP": a caption with its credit, or a credit.
    The forms with credit words or label words are looked for only in a line that holds one of them (most lines
    hold none: the expressions would try every character of the line)."""
    if len(text) > MAX_CHARS:
        return None
    lowered = text.lower()
    folded = _FOLDED_TO_ASCII.search(text) is not None
    end = _END_CREDIT.fullmatch(text) if folded or _hinted(lowered, _CREDIT_HINTS) else None
    who = (end["who"] or end["name"]) if end else ""
    if who and _name_like(who) and len(who.split()) <= (5 if end and end["name"] else 10):
        return "caption ending in its credit"
    if text.endswith((")", "]")) and _BRACKETED.fullmatch(text):
        return "caption with its credit in brackets"
    if len(text) <= 120 and _CREDIT_ALONE.fullmatch(text):
        return "credit: a name and its agency"
    if _GROUP.fullmatch(text):
        return "caption naming who stands where"
    if len(text) <= 250 and (folded or _hinted(lowered, _LABEL_HINTS)) and _IMAGE_LABEL.fullmatch(text):
        return "image label"
    return None


def trail_form(text: str) -> str | None:
    """"Home » Nieuws » Kunst", "Home|School|Blog", "Artikel 3 von 12": a trail of a site's pages, a page's messages."""
    if len(text) > MAX_CHARS or "«" in text or "<" in text:
        return None
    parts = _TRAIL_MARK.split(text)
    if len(parts) >= 3 and all(0 < len(part.split()) <= 8 for part in parts[:-1]) and len(parts[-1].split()) <= 14:
        return "trail of pages"
    if len(parts) == 2 and _HOME.fullmatch(text) and len(parts[1].split()) <= 14:
        return "trail of pages"
    if len(text) <= 100 and _BAR_TRAIL.fullmatch(text) and " | " not in text:
        return "trail of pages"
    if _HERE.fullmatch(text):
        return "breadcrumb"
    if _PAGE_OF.fullmatch(text):
        return "pagination"
    if _FEED_FOOTER.fullmatch(text):
        return "feed footer"
    if text.endswith(tuple("0123456789")) and _EMBEDDED.fullmatch(text):
        return "embedded post"
    if _LOADING.fullmatch(text):
        return "loading message"
    return None


SHOWN_TWICE_TAIL = 50  # the most characters a credit glued to an image's text shown again holds


def captions_shown_twice(lines: list[PageLine]) -> None:
    """A line of three words or more over the same text with a credit after it ("De markt op het plein" over
    "De markt op het pleinBeeld Jan Smit", "... on Sunday." over "... on Sunday.(TV5)"): an
    image's alt text over its caption with the credit, both furniture. The credit is a name or a source (no word in
    lower case but a name's particles: "... plans a new bridge" over "... plans a new bridge image" is a headline
    over its image's label), and the line under it is taken as well only when it is no other rule's already."""
    for first, second in itertools.pairwise(lines):
        if first.kind != Kind.TEXT or len(first.text.split()) < 3 or not second.text.startswith(first.text):
            continue
        tail = second.text[len(first.text):].strip()
        if not 0 < len(tail) <= SHOWN_TWICE_TAIL or not (tail[:1].isupper() or tail[:1] in "(©[—–-"):
            continue
        if _name_like(tail.strip("()[]—–- ")):
            first.kind, first.reason = Kind.CAPTION, _TWICE
            if second.kind == Kind.TEXT:
                second.kind, second.reason = Kind.CAPTION, _TWICE


_TWICE = "an image's text shown again with its credit"


# "Sport en Spel (15)": a site's section or tag with the number of its posts, three or more in a row (a widget).
_COUNTED = re.compile(r"[A-ZÀ-Þ][^.!?:()]{1,50} \(\d{1,4}\)")
COUNTED_RUN = 3


def _counted_sections(lines: list[PageLine]) -> None:
    """Three or more lines in a row that are a label and a count in brackets ("Sport en Spel (15)", "Politiek (7)"):
    a site's sections or tags with the number of their posts, no list of the article's."""
    counted = [line.kind == Kind.TEXT and _COUNTED.fullmatch(strip_bullets(line.text) or line.text) is not None
               for line in lines]
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and counted[end]:
            end += 1
        if end - start >= COUNTED_RUN:
            for line in lines[start:end]:
                line.kind, line.reason = Kind.FURNITURE, "a site's sections with their counts"
        start = end + 1 if end == start else end


def furniture_by_form(lines: list[PageLine]) -> None:
    """The lines left in the text that are a caption with its credit, a credit, an image's label (``caption_form``)
    or a trail of pages or a page's message (``trail_form``), and an image's text shown again with its credit
    (``captions_shown_twice``). Read after the line model, which does not see them: its features stay those it
    learnt from."""
    for line in lines:
        if line.kind != Kind.TEXT:
            continue
        text = strip_bullets(line.text) or line.text
        if reason := caption_form(text):
            line.kind, line.reason = Kind.CAPTION, reason
        elif reason := trail_form(text) or (trail_form(line.text) if text != line.text else None):
            line.kind, line.reason = Kind.FURNITURE, reason
    captions_shown_twice(lines)
    _counted_sections(lines)
