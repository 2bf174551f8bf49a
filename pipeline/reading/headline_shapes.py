"""Shapes of a head line that is never the page's headline, whatever the models give it: exact shapes of furniture
that every site has (an editor's rule: a title is never a date line, a bullet, a logo, a caption, a byline).

Each is read after the line model has read the page, on the lines above the text: what the first pass computes (and
the line model was trained on) is unchanged. ``never_the_headline`` names the furniture a head line is by its own
shape; ``list_item`` a line that stays in the text, but heads nothing (nor gives a derived title); ``caption_credit``
a caption whose credit stands under it; ``notice_to_the_reader`` a notice above the text (the browser, an empty cart);
``headline_in_title_case`` a headline of short sentences that reads as prose by its full stops; ``without_site_name``
the headline without the site's name that the page's own title adds.
"""

from __future__ import annotations

import re

from pipeline.model.dates import MONTH_YEAR, MONTHS
from pipeline.reading.byline_forms import dated_byline, marked_byline, post_metadata
from pipeline.reading.date_lines import _DATE_LINE_WORDS, find_date_token
from pipeline.reading.documents import titles_a_document
from pipeline.reading.lines import Kind
from pipeline.reading.text import words

# "• Nieuws", "- 16 en 17 april ...", "* Item": a list's item, which heads nothing (a dash needs the space after it:
# "-renners", "–20%" are words)
_BULLET = re.compile(r"\s*(?:[•·▪►◦■□➤→]\s*|[-–*]\s+)\S")


def list_item(text: str) -> bool:
    return _BULLET.match(text) is not None


# What stands beside a date on a date line besides the date line's own words: a time, an age ("vor 7 Stunden",
# "3 uur geleden", "2 hours ago"), and the brackets and marks around them.
_TIME = re.compile(r"(?i)\b\d{1,2}[:.hu]\d{2}\b(?:\s*(?:uur|uhr|u|h|am|pm)\b)?")
_AGE = re.compile(r"(?i)\b(?:vor\s+)?\d{1,3}\s*(?:sekunden?|minuten?|stunden?|tagen?|wochen?|monaten?|seconden?|"
                  r"minuut|uur|uren|dagen?|weken?|maanden?|seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)"
                  r"\b(?:\s+(?:geleden|ago|her))?")
# (a reading time's words are a byline's: "Minutes 6th December 2021" titles a document by its date)
_READING_TIME_WORDS = frozenset(words("lesedauer leestijd min minuten minutes minute reading time read lezen"))
_DATE_WORDS = (_DATE_LINE_WORDS - _READING_TIME_WORDS) | frozenset(MONTHS) | frozenset({"vor", "geleden", "ago"})


def date_only(text: str) -> bool:
    """A line that is a date and nothing a headline says: "15.03.2020 ( vor 7 Stunden )", "Oktober 2018",
    "vrijdag 3 mei 2024, 14:02": dates (a month and its year too), times, ages and a date line's own words."""
    if not any(char.isdigit() for char in text) or len(text) > 80 or titles_a_document(text):
        return False
    rest = text
    while (token := find_date_token(rest)) is not None and token in rest:
        rest = rest.replace(token, " ", 1)
    rest = _AGE.sub(" ", _TIME.sub(" ", MONTH_YEAR.sub(" ", rest)))
    if rest == text:
        return False
    left = [word for word in re.split(r"[\W_]+", rest) if word and not word.isdigit()]
    return all(word.lower() in _DATE_WORDS for word in left)


# "Logo van Gemeente X dat doorverwijst naar de homepage", "Logo Stad X", "logo": an image's alternative text
_LOGO = re.compile(r"(?i)logo(?![\w'’])")  # never "Logo's van ...", "Logos"
_HOME_LINK = re.compile(r"(?i)\b(?:homepage|home page|startseite|startpagina|voorpagina|home)\b")
# "BY Name3 minute read", "Door X · 4 min leestijd", "5 Minuten Lesezeit"
_READING_TIME = re.compile(r"(?i)\d\s*-?\s*(?:min(?:ute|uten|utes)?\.?)\s+(?:read|leestijd|lezen|lesezeit|lesen)\b")
# "RTV Utrecht RTV Utrecht RTV Utrecht": one name of two words or more over and over, a logo's text repeated (never
# "Tora! Tora! Tora!", a word said again)
_REPEATED = re.compile(r"(?P<phrase>\S+(?:\s+\S+)+?)(?:\s+(?P=phrase))+")
# a site's name a few times over; the back-reference's search grows with the square of a line's length, so a longer
# line (a hostile one of thousands of dashes) is never tried
_LONGEST_REPEATED = 200
# "Stockfoto Politie", "Archieffoto ANP", "Symbolbild": a photo's label and its source, not what the page says
_PHOTO_LABEL = re.compile(r"(?i)(?:stock|archief|archiv|illustratie|symbol|sfeer)(?:foto|beeld|bild|photo)s?\b:?")
_LONGEST_LABEL = 4


# "Print pagina", "Print this page", "Artikel drucken": a button to print the page
_PRINT = re.compile(r"(?i)(?:print|printen|afdrukken|drucken|imprimer)(?:\s+(?:deze |dit |this |the )?"
                    r"(?:pagina|page|seite|artikel|article|bericht|nieuwsbericht))?"
                    r"|(?:pagina|page|seite|artikel|article|bericht) (?:printen|afdrukken|drucken|print)")


# "Erschienen in: Zeitschrift 4/2021", "Published in: Journal of ...": where the article appeared, a source line
_APPEARED_IN = re.compile(r"(?i)(?:erschienen|veröffentlicht|published|verschenen|gepubliceerd|appeared) in\s*:\s*\S")


# "gtag('consent', 'update', {...})", "window.dataLayer.push({...});": a page's script, a call with a quoted or braced
# argument, left in its text
_LONGEST_SCRIPT = 2_000  # the pattern backtracks over a line: tried on lines this long or shorter
_SCRIPT_CALL = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\((?:\s*['\"{\[]|function\b).*[)}]\s*;?")


# "Afbeelding horend bij: <the headline>", "Bild zu: ...": an image's alternative text that names the story it shows
_IMAGE_FOR = re.compile(r"(?i)(?:afbeelding(?:\s+horend)?\s+bij|bild\s+zu|image\s+for)\s*:\s*\S")
# "03-04-2025 17:16 via nieuwsblad.be": a date line with the site the story came from
_VIA_SITE = re.compile(r"(?i)(?P<date>.+?)\s+via\s+(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}")


def never_the_headline(text: str) -> tuple[Kind, str] | None:
    """The kind of furniture a head line is by its shape alone, and why; None for any other line."""
    words = text.split()
    if date_only(text):
        return Kind.DATE_LINE, "a date alone in the page head"
    if _LOGO.match(text) and (len(words) <= _LONGEST_LABEL or _HOME_LINK.search(text)):
        return Kind.CAPTION, "a logo's alternative text"
    if len(words) <= 12 and _READING_TIME.search(text):
        return Kind.BYLINE, "a byline with the reading time"
    if len(text) <= _LONGEST_REPEATED and _REPEATED.fullmatch(text):
        return Kind.FURNITURE, "one name repeated on its line"
    if len(words) <= _LONGEST_LABEL and _PHOTO_LABEL.match(text):
        return Kind.CAPTION, "a photo's label and source"
    if _PRINT.fullmatch(text.strip(" .")):
        return Kind.FURNITURE, "a button to print the page"
    if len(words) <= 12 and _APPEARED_IN.match(text):
        return Kind.FURNITURE, "where the article appeared"
    if _IMAGE_FOR.match(text):
        return Kind.CAPTION, "an image's alternative text"
    if len(words) <= 12 and (via := _VIA_SITE.fullmatch(text.strip())) and date_only(via.group("date")):
        return Kind.DATE_LINE, "a date and the site the story came from"
    if len(text) <= _LONGEST_SCRIPT and _SCRIPT_CALL.fullmatch(text.strip()):
        return Kind.FURNITURE, "a line of the page's script"
    if dated_byline(text) or marked_byline(text):
        return Kind.FURNITURE, "a byline in a form of its own"
    if post_metadata(text):
        return Kind.FURNITURE, "a post's metadata"
    return None


# "Diese Website verwendet Funktionen, die Ihr Browser nicht unterstützt.", "Your browser is out of date": a notice to
# the reader about the reader's browser, on any site that sends one, never the article's
_YOUR_BROWSER = re.compile(r"(?i)\b(?:your|ihr|ihren|uw|je|jouw|votre)\s+(?:web\s?|internet\s?)?browser")
_BROWSER_NOTICE = re.compile(r"(?i)\b(?:not supported|no longer supported|out of date|outdated|update|upgrade|nicht "
                             r"(?:mehr )?unterstützt|veraltet|aktualisier|niet (?:meer )?ondersteund|verouderd|"
                             r"bijwerken|updaten)")
_NOTICE_WORDS = 40


# "Er zijn nog geen producten in jouw winkelwagen geplaatst.", "Your cart is empty": a shop's empty cart
_CART = re.compile(r"(?i)\b(?:winkelwagen|winkelmand|winkelmandje|shopping cart|shopping basket|cart|warenkorb)\b")
_EMPTY_CART = re.compile(r"(?i)\b(?:leeg|empty|leer|(?:nog )?geen (?:producten|artikelen)|no (?:products|items)|"
                         r"keine (?:produkte|artikel))\b")


def notice_to_the_reader(text: str) -> bool:
    """A notice to the reader above the text: about the reader's browser, or that the shop's cart is empty."""
    if len(text.split()) > _NOTICE_WORDS:
        return False
    return (_YOUR_BROWSER.search(text) is not None and _BROWSER_NOTICE.search(text) is not None) or (
        _CART.search(text) is not None and _EMPTY_CART.search(text) is not None)


# A credit after a caption: "© anp", "(c) Name", "Foto: Name", "Photo Name"
_CREDIT = re.compile(r"[\s.,]*(?:©|\(c\)|(?i:foto|beeld|photo|bild|image|credit)\b:?)\s*\S")


def caption_credit(text: str, below: list[str]) -> tuple[int, bool] | None:
    """Where the credit stands under a line that is a photo's caption or credit, never the headline: the line shown
    again with a credit ("X" over "X © anp"; True), or a credit that gives the line's words ("Name" over "© Name.";
    False). None for any other line. A line shown again with a credit is the headline, the photo's caption repeating
    it, when no line that may be the headline stands under the credit: the head decides that."""
    key = " ".join(text.split()).rstrip(" .")
    if len(key) < 4:
        return None
    for at, line in enumerate(below):
        other = " ".join(line.split())
        if other.startswith(key) and _CREDIT.match(other[len(key):]):
            return at, True
        credit = _CREDIT.match(other)
        if credit and other[credit.end() - 1:].rstrip(" .") == key:
            return at, False
    return None


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# A headline of short sentences in title case ("The Trade Magazine Is Gone. The Trade Record Isn't."): every word
# capitalised, a few words, a stop at the end
_TITLE_CASE_WORDS = (4, 20)


def headline_in_title_case(text: str) -> bool:
    found = _WORD.findall(text)
    least, most = _TITLE_CASE_WORDS
    return least <= len(found) <= most and text.rstrip()[-1:] in ".!?" and all(word[:1].isupper() for word in found)


# "Headline | Site" above "Headline": the page's title with the site's name, and the headline itself
_SITE_AFTER = re.compile(r"(?P<headline>.+?)\s+[|–—-]\s+(?P<site>[^|–—-]{2,40})")


def without_site_name(title: str, lines: list[str]) -> str:
    """The headline without the site's name after it, when the page shows the headline alone too."""
    match = _SITE_AFTER.fullmatch(title.strip())
    if match is None:
        return title
    headline = " ".join(match["headline"].split())
    return headline if any(" ".join(line.split()) == headline for line in lines) else title
