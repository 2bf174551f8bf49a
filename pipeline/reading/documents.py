"""The shapes of documents that are not news stories: letters wrapped at a fixed width, attendance lists.

A parliamentary letter or an answer to written questions copied out of a PDF keeps the PDF's lines: every
line ends near the same width, mid-sentence, and a line that happens to be short-ish and capitalised reads as
a sub-heading ("Het Ministerie van ... staat in nauw contact"). Such wrapped lines are joined back before the
page is read. Minutes and council decisions list who was there, one person a line ("Johan Peeters,
Raadslid"), and a letter names whom it is sent to: a name with its role is never a sub-heading, nor is a
line of a table's figures.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from pipeline.reading.text import DANGLING_WORDS

_SENTENCE_END = re.compile(r"[.!?:;][\"”’')»]*$")
_MIN_WRAPS = 4  # lines that plainly go on in the next one, for a text to count as wrapped
_MIN_WRAP_SHARE = 0.25  # of its lines of some length
_MIN_LENGTH = 40  # a line shorter than this is no wrapped line of prose


def _goes_on(line: str, following: str) -> bool:
    """The line plainly continues in the next: it ends on no sentence mark and the next starts in lower case."""
    return not _SENTENCE_END.search(line) and following[:1].islower()


def wrap_width(lines: list[str]) -> int | None:
    """The width a text was wrapped at, or None when it was not wrapped: enough of its longer lines go on
    in the next line in lower case, and the width is the longest of those (outliers aside)."""
    long_lines = [line for line in lines if len(line) >= _MIN_LENGTH]
    wraps = sorted(len(line) for line, following in itertools.pairwise(lines)
                   if len(line) >= _MIN_LENGTH and following and _goes_on(line, following))
    if len(wraps) < _MIN_WRAPS or len(wraps) < _MIN_WRAP_SHARE * len(long_lines):
        return None
    return wraps[(len(wraps) * 9) // 10]


def join_wrapped_lines(text: str) -> str:
    """The text with lines wrapped at a fixed width joined back into their paragraphs: a long line is joined
    to the next when it ends on no sentence mark and the next starts in lower case (a capital may open a
    heading: "Vraag 2"). Blank lines, short lines and lines after a full stop stay as they are; only line
    breaks change, never a word."""
    lines = text.split("\n")
    stripped = [line.strip() for line in lines]
    width = wrap_width(stripped)
    if width is None:
        return text
    out: list[str] = []
    for index, line in enumerate(lines):
        if out and index and _wrapped(stripped[index - 1], stripped[index], width):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def _wrapped(line: str, following: str, width: int) -> bool:
    """A long line that goes on in the next: PDFs set in proportional type wrap lines of unequal length,
    so any line of at least 60% of the width counts as full."""
    return len(line) >= max(_MIN_LENGTH, 0.6 * width) and bool(following) and _goes_on(line, following)


_ROLE = (r"(?i:(?:eerste |tweede |derde |vierde |vijfde |\d+(?:ste|de|e) |adjunct-?|algemeen |plaatsvervangend |"
         r"waarnemend |vice-?)?(?:voorzitter|raadslid|raadsleden|schepen|secretaris|directeur|algemeendirecteur|"
         r"burgemeester|wethouder|griffier|commissielid|lid|leden|notulist|ambtenaar|ocmw-voorzitter|ondervoorzitter|"
         r"schepenen|zonecommandant|korpschef|rechter|raadsheer|"
         r"chair|chairman|councillor|clerk|mayor|member|secretary)|voorzitter [a-z ]+)")
_PERSON = r"(?:(?:[A-Z][\w'’.-]*|van|de|der|den|het|ter|ten|te|von|zu|le|la|du|da|di|'t)\s+){0,6}[A-Z][\w'’-]+"
_NAME_WITH_ROLE = re.compile(rf"^{_PERSON}\s*(?:,\s*|\s+\(){_ROLE}\)?(?:\s*[;,]\s*{_PERSON}\s*(?:,\s*|\s+\()"
                             rf"{_ROLE}\)?)*\s*[;,.]?$")
# "Katrien Peeters (zonecommandant)", "Jan Claes (ondervoorzitter, burgemeester Essen)": a role in brackets, with
# its place or a second role after it
_NAME_WITH_ROLE_IN_BRACKETS = re.compile(rf"^{_PERSON}\s+\({_ROLE}\b[^()]{{0,60}}\)\s*[;,.]?$")
# "Bert Claes, Yves Maes, Heidi Berx, schepenen": names one after another, their shared role at the end
_NAMES_THEN_ROLE = re.compile(rf"^{_PERSON}(?:\s*,\s*{_PERSON}){{1,20}}\s*(?:,|\s(?:en|and|und))\s*{_ROLE}\s*[;.]?$")
# "Voorzitter: mevrouw mr. J.K. de Boer", "Griffier: Piet Bos": a role as a field, a person as its value
_HONORIFICS = r"(?:(?i:de heer|mevrouw|mevr\.?|dhr\.?|mr\.?|mrs\.?|ms\.?|dr\.?|prof\.?|ir\.?|drs\.?|herr|frau)\s+)*"
_ROLE_AS_FIELD = re.compile(rf"^{_ROLE}\s*:\s*{_HONORIFICS}{_PERSON}\s*[;,.]?$")
# Who speaks for whom before a court: "Mr A Smith (of Counsel)", "B Jones (instructed by X LLP) for the Appellant",
# "For the Respondent", "Mr C Brown for Daniel Green", "HIS HONOUR JUDGE WHITE"; a table's bar at the end aside
_PARTY = r"(?:first |second |third |1st |2nd |3rd )?(?:appellants?|respondents?|claimants?|defendants?|applicants?" \
         r"|petitioners?|prosecution|crown|interested part(?:y|ies))"
_COUNSEL = re.compile(rf"(?i:[^()]{{0,80}}\((?:of )?counsel\).*|[^()]{{0,80}}\(instructed by\b.*"
                      rf"|(?:[^()]{{0,80}}\)\s)?(?:for|on behalf of) the {_PARTY}"
                      rf"|(?:his|her) honour (?:judge )?\S+(?: \S+){{0,2}}|(?:lord|lady|mr|mrs) justice \S+(?: \S+)?:?)"
                      rf"|JUDGE [A-Z][A-Z .'’-]{{1,60}}|{_HONORIFICS}{_PERSON} (?:QC|KC)"
                      rf"|(?i:mr|mrs|ms|miss|dr|sir)\.? {_PERSON} for (?:the )?{_PERSON}")


# Words one of which every counsel line holds: the pattern is tried only on a line that has one
_COUNSEL_WORDS = ("counsel", "instructed", "for the", "on behalf", "honour", "justice", "judge", " qc", " kc", " for ")


def is_counsel_line(line: str) -> bool:
    """Who appears for whom before a court, or the judge ("Mr A Smith (of Counsel)", "For the Appellant |",
    "HIS HONOUR JUDGE WHITE"): a ruling's parties and counsel, never its title nor a sub-heading."""
    line = line.strip().rstrip("| ").strip()
    if len(line) > 200:
        return False
    lowered = line.lower()
    return any(word in lowered for word in _COUNSEL_WORDS) and _COUNSEL.fullmatch(line) is not None


# A court's name alone, or a ministry's: the letterhead a ruling or a letter is printed under ("Rechtbank Breda",
# "Centrale Raad van Beroep", "Oberlandesgericht Köln:", "Ministerie van Defensie"); of the labelled pages none has
# it for its title or a sub-heading.
_COURT_BANNER = re.compile(
    r"(?i:(?:het |de |the )?(?:rechtbank|gerechtshof|hof van (?:beroep|cassatie|justitie)|raad van state|centrale raad"
    r" van beroep|hoge raad(?: der nederlanden)?|arbeidshof|arbeidsrechtbank|college van beroep[\w ]{0,40}|"
    r"[\w-]*gericht(?:shof)?|court of appeal|high court|supreme court|crown court|county court|[\w ]{0,30}tribunal"
    r"|ministerie van [\w ,-]{3,60}|ministry of [\w ,-]{3,60}|bundesministerium [\w ,-]{3,60}))"
    r"(?:\s+(?:te |in |van |of |for |des |der |am |zu )?[A-ZÀ-Þ][\w'’.-]*){0,3}\s*[:|]?")


def never_the_title(line: str) -> bool:
    """A court's letterhead or a case's numbers: a document's, never its title."""
    return is_court_banner(line) or is_case_number(line)


def is_court_banner(line: str) -> bool:
    """A court's or a ministry's name alone ("Rechtbank Den Haag", "Oberverwaltungsgericht Niedersachsen",
    "Ministerie van Defensie"): the letterhead, never the document's title nor a sub-heading."""
    line = line.strip()
    return len(line) <= 100 and _COURT_BANNER.fullmatch(line) is not None


# "De griffier van de commissie, Kruithof" under a report; a letter's addressee
_ROLE_THEN_NAME = re.compile(rf"^(?i:de|het) {_ROLE}(?: (?i:van) [\w -]+)?,\s*{_PERSON}$")
# "Jelle Engelbosch (N-VA)", "Alexander De Croo (Open Vld)": a speaker or member with the party's short name
_NAME_WITH_PARTY = re.compile(rf"^{_PERSON}\s+\([A-Z][\w&’'.-]{{0,14}}(?:[ /-][A-Z][\w&’'.-]{{0,14}}){{0,2}}\)$")
_ADDRESSEE = re.compile(r"^(?:Aan de|To the|An den|An die) (?:[Vv]oorzitter|[Ll]eden|President|Chair|Members|"
                        r"Präsidentin|Präsidenten)\b")
_ATTENDANCE = re.compile(r"^(?:aanwezig|afwezig|verontschuldigd|afgemeld|present|apologies|absent|in attendance"
                         r"|also present)"
                         r"(?: met kennisgeving)?\s*:\s*\S", re.I)


_ATTENDANCE_HEAD = re.compile(r"(?:aanwezig|afwezig|verontschuldigd|afgemeld|present|apologies|absent|anwesend"
                              r"|entschuldigt)(?: met kennisgeving| waren)?\s*:?", re.I)


def opens_attendance(line: str) -> bool:
    """A line that opens a list of who was there: "Aanwezig:", "Afwezig met kennisgeving: Caspar Bron"."""
    line = line.strip()
    return bool(_ATTENDANCE_HEAD.fullmatch(line) or (len(line) <= _LONGEST_NAME_LINE and _ATTENDANCE.match(line)))


def lists_who_was_there(lines: Iterable[str]) -> bool:
    """Minutes or a council's decision: a line among these opens a list of who was there ("Aanwezig",
    "Present:", "Anwesend waren:"). Of the labelled pages, 16 documents and one article (a board's minutes)."""
    return any(opens_attendance(line) for line in lines)


# A document's header, which an editor moves out of the text: a key of the document's own ("Kenmerk:",
# "Vergaderdatum:", "Aktenzeichen:", "Venue:") with its value, how long a regulation is in force, or a
# parliamentary paper's dossier ("35 510 Parlementaire ondervraging kinderopvangtoeslag").
_HEADER_KEYS = (r"vergaderdatum|datum (?:beslissing|vergadering|besluit|publicatie|uitspraak)|publicatiedatum|venue"
                r"|contact|(?:ons |uw )?kenmerk|onderwerp|dossiernummer|zaaknummer|documentnummer|nummer"
                r"|behandeld door|meeting date|date of meeting|sitzungsdatum|aktenzeichen|betreff|rechtsgebied(?:en)?"
                r"|vindplaats(?:en)?|beslissingen|betreft|subject|hearing dates?|date of hearing")
_HEADER = re.compile(rf"(?P<key>{_HEADER_KEYS})\s*:\s*\S.{{0,160}}|(?P<force>geldend van) \d.{{0,60}}"
                     r"|(?P<dossier>\d{2} \d{3}(?:-[A-Z]+)?) [A-Z][^.!?]{0,150}", re.I)
# Keys read once the line model has read the page (the first pass, which the model learns from, knows the keys above
# alone): a meeting's place and hours, a paper's submitter, a ruling's citations and record, and a row of a meeting's
# video index, when each speaker spoke ("00:02:09 - 00:05:07 - Piet Bos").
_LATER_KEYS = (r"sitzungsort|beginn der sitzung|ende der sitzung|sitzungsbeginn|sitzungsende|vorsitz|protokollführung"
               r"|schriftführung|meeting status|indiener(?:\(s\)|s)?|indiendatum|registratienummers?|neutral citation"
               r"(?: number)?|cite as|bailii case number|record number|date of delivery")
_LATER_HEADER = re.compile(rf"(?P<key>{_LATER_KEYS})\s*:\s*\S.{{0,160}}"
                           r"|(?P<video>\d{1,2}:\d{2}:\d{2} - \d{1,2}:\d{2}:\d{2})(?: - .{1,120})?", re.I)


def document_header(line: str, after_the_model: bool = False) -> str | None:
    """What a line of a document's header is ("kenmerk", "geldend van", "dossier"), or None: such a line
    is the document's metadata, never a part of its first paragraph. ``after_the_model``: the keys read once the
    line model has read the page too ("Sitzungsort:", "Indiener(s):", a video index's row)."""
    if len(line) > _LONGEST_NAME_LINE:
        return None
    match = _HEADER.fullmatch(line.strip())
    if match is not None:
        return (match["key"] or match["force"] or "dossier").lower()
    later = _LATER_HEADER.fullmatch(line.strip()) if after_the_model else None
    if later is None:
        return None
    return "speaker's time in the video" if later["video"] else later["key"].lower()


# The word a document's title opens with for what kind of document it is ("Notulen Gemeenteraad", "Besluit
# College", "Agenda Raadscommissie"): no person's name opens with it.
_DOCUMENT_KINDS = frozenset({
    "notulen", "besluit", "besluiten", "besluitenlijst", "verslag", "raadsvergadering", "raadsvoorstel",
    "raadsbesluit", "collegebesluit", "vergadering", "zitting", "beslissing", "verordening", "reglement", "regeling",
    "minutes", "resolution", "niederschrift", "protokoll", "tagesordnung", "beschluss", "sitzung", "verslagen"})


def names_a_document(line: str) -> bool:
    """A line that opens with the word for a kind of document ("Notulen  Gemeenteraad", "Besluit College van
    Burgemeester en Schepenen"): a document's title or its kind, never a person's name, though it looks like
    one (two or three capitalised words), nor a section's label over a headline, though it is as short.
    ("Agenda" is not one of the words: "Agenda item" labels each point of a council's agenda.)"""
    first = line.split(maxsplit=1)[:1]
    return bool(first) and first[0].strip(":.,").casefold() in _DOCUMENT_KINDS


# A meeting or a court's decision titled by its date ("Zitting van 26 januari 2023", "Bestuursvergadering 31-05-2010",
# "Vonnis van 26 mei 2021", "Minutes 6th December 2021"): the kinds of document above, a meeting's compound
# ("ledenvergadering") and a ruling's own words. "Uitspraak: 20 januari 2021" is a key of the ruling's metadata.
_DATED_KINDS = _DOCUMENT_KINDS | frozenset({"vonnis", "arrest", "beschikking", "notulen", "judgment", "judgement"})
_MEETING_ENDINGS = ("vergadering", "zitting", "sitzung")


def titles_a_document(line: str) -> bool:
    """A line that opens with the word for a kind of document or meeting, no key's colon after it: "Zitting van
    26 januari 2023" is the title of the council's minutes, though every other word on it is a date's."""
    first = line.split(maxsplit=1)[:1]
    if not first or first[0].endswith(":"):
        return False
    word = first[0].strip(".,").casefold()
    return word in _DATED_KINDS or (word.endswith(_MEETING_ENDINGS) and word.isalpha())


_LETTER = re.compile(r"[^\W\d_]")
_LONGEST_NAME_LINE = 400  # longer is prose; it also bounds the work of the patterns above


def is_name_line(line: str) -> bool:
    """A person with a role ("Johan Peeters, Raadslid") or a party ("Jelle Engelbosch (N-VA)"), several of
    them, an attendance line with its names ("Aanwezig: Jan de Vries (voorzitter)"), a letter's addressee
    ("Aan de Voorzitter van de Tweede Kamer") or who was there, one after the other ("Ans Smit, voorzitter; Piet
    Bos, 1ste schepen/voorzitter sociale dienst; Kees Dekker"): a line of a list of names, never a sub-heading
    nor a headline."""
    line = line.strip()
    if len(line) > _LONGEST_NAME_LINE:
        return _names_one_after_another(line)
    return bool(_NAME_WITH_ROLE.match(line) or _ROLE_THEN_NAME.match(line) or _ATTENDANCE.match(line)
                or _ADDRESSEE.match(line) or _NAME_WITH_PARTY.match(line) or _names_one_after_another(line)
                or _named_with_role(line))


def is_who_was_there(line: str) -> bool:
    """A line of a list of who was there, who signed or whom a letter is sent to: people with their roles ("Ans
    Smit, voorzitter; Piet Bos, schepen"), an attendance line with its names, "De griffier, Kruithof", "Aan de
    Voorzitter van de Tweede Kamer". Never a headline, nor the line a title is derived from. (A name with a
    party in brackets is not one of them: "Premjêre Fanfare (Tryater)" has that shape too.)"""
    line = line.strip()
    if len(line) > _LONGEST_NAME_LINE:
        return _names_one_after_another(line)
    return bool(_NAME_WITH_ROLE.match(line) or _ROLE_THEN_NAME.match(line) or _ATTENDANCE.match(line)
                or _ADDRESSEE.match(line) or _names_one_after_another(line) or _named_with_role(line))


def _named_with_role(line: str) -> bool:
    """A role in brackets with more after it, names sharing one role, a role as a field with a person for its value,
    or who speaks for whom before a court."""
    return bool(("(" in line and _NAME_WITH_ROLE_IN_BRACKETS.match(line))
                or ("," in line and _NAMES_THEN_ROLE.match(line))
                or (":" in line and _ROLE_AS_FIELD.match(line)) or is_counsel_line(line))


# One of the people in a list of who was there: a name, then its role after a comma ("Piet Bos, 1ste schepen").
_LISTED_PERSON = re.compile(rf"{_PERSON}(?:\s*,\s*[^,;]{{1,80}})?")
_LISTED_AT_LEAST = 3  # people in the list
_LISTED_SHARE = 0.8  # of its parts that read as a person (a role may be one a pattern does not know)
_LONGEST_LIST = 4000  # characters: a council of fifty with their roles; longer is no list of names


def _names_one_after_another(line: str) -> bool:
    """Who was there, separated by semicolons: three people or more, nearly all of them a name with or without
    its role. Each part is matched by itself: a long list costs its length, never more."""
    if len(line) > _LONGEST_LIST or line.count(";") < _LISTED_AT_LEAST - 1:
        return False
    parts = [part.strip() for part in line.rstrip(" ;.").split(";")]
    people = sum(1 for part in parts if _LISTED_PERSON.fullmatch(part))
    return len(parts) >= _LISTED_AT_LEAST and people >= _LISTED_SHARE * len(parts)


# A row of a table in Markdown's form opens or closes with its bar, as no menu bar does.
_TABLE_ROW = re.compile(r"\|[^|]*+(?:\|[^|]*+){2,}|[^|]++(?:\|[^|]*+){2,}\|")


def is_table_row(line: str) -> bool:
    """A row of a table in Markdown's form: "7 | Jumbo | € 6,0 miljard |", "| Plaats | Club | Punten |"."""
    return _TABLE_ROW.fullmatch(line.strip()) is not None


# A sentence that opens a list or a quote ("Wethouder Verkampen verklaarde het volgende:"): of 1,523 labelled
# sub-headings one ended on a colon after seven words or more, and none on a comma or a semicolon.
_OPENS_WHAT_FOLLOWS = 7
# "... verklaarde het volgende:", "... as follows:": a sentence that announces a list or a quote (no labelled one heads)
_ANNOUNCES_WHAT_FOLLOWS = frozenset({"volgende", "volgt", "follows", "following", "folgt", "folgendes", "folgende"})


def goes_on(line: str) -> bool:
    """A line that goes on in what follows: it ends on a comma or a semicolon ("Voorzitter,", "Meine sehr
    geehrten Damen und Herren,"), is a sentence of seven words or more ending on a colon, or ends on a word a
    sentence goes on from before its colon ("Dit betekent dat:") or that announces what follows ("... het
    volgende:"; of 1,523 labelled sub-headings none ended either way)."""
    line = line.rstrip()
    last = line[:-1].rsplit(maxsplit=1)[-1:] if line.endswith(":") else []
    if last and (last[0].lower() in DANGLING_WORDS or last[0].lower() in _ANNOUNCES_WHAT_FOLLOWS):
        return True  # "Dit betekent dat:", "Following in depth discussion it was:": the sentence goes on below
    return line.endswith((",", ";")) or (line.endswith(":") and len(line.split(maxsplit=_OPENS_WHAT_FOLLOWS))
                                          > _OPENS_WHAT_FOLLOWS - 1)


def is_never_heading(line: str) -> bool:
    """A line the page reader may take for a sub-heading that never is one: a line of a list of names or the
    line that opens one ("Aanwezig", "Entschuldigt waren:"; 2 of 17 such lines on the labelled pages were
    labelled sub-headings), a table's row, a line without a letter (a table's figures "14.179", "6.5", a
    footnote's number, a page number), or a line that goes on in what follows (``goes_on``)."""
    return (is_name_line(line) or opens_attendance(line) or is_table_row(line) or not _LETTER.search(line)
            or goes_on(line) or never_the_title(line))


# A case's numbers alone ("123456 / CV EXPL 24-789", "AWB 20/1234 en AWB 20/1235"): capitals and numbers, at least one
# with its slash or dash; or a court's decision cited in brackets ("(OLG Köln: Urteil v. 2.5.2014, Az.: 6 U 17/13)").
_CASE_TOKEN = re.compile(r"[A-Z]{1,6}|[A-Z]{0,6}\d[\d/.-]*|/|\||en|and|und|&")
_CASE_NUMBER = re.compile(r"\d+[/-]\d+|\d{6,}")
_CITED_IN_BRACKETS = re.compile(r"\([^()]{0,120}\b(?:Az\.|Aktenzeichen|ECLI:)[^()]{0,80}\)")


def is_case_number(line: str) -> bool:
    """A case's numbers alone, or a decision cited in brackets: the ruling's reference, never its title."""
    line = line.strip()
    if len(line) > 200:
        return False
    if _CITED_IN_BRACKETS.fullmatch(line):
        return True
    tokens = line.split()
    return bool(tokens) and all(_CASE_TOKEN.fullmatch(token) for token in tokens) and any(
        _CASE_NUMBER.search(token) for token in tokens) and any(char.isupper() for char in line)
