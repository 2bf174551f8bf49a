"""What a web page puts around an article, known for Dutch, English and German.

Each function looks at one line (already stripped of markup and extra spaces) and says whether it
is furniture of one kind, and why: navigation, share and call-to-action lines, paywall and cookie
notices, captions and credits, bylines, date and time lines. Lines are matched whole, so a sentence
of the article that merely mentions "foto" or "delen" is never taken for furniture. The page
reader (``reading.page``) decides by position which of the remaining lines is headline, kicker,
sub-heading or text. ``pipeline.toml`` adds lines of its own (``ingest.boilerplate``).
"""

from __future__ import annotations

import functools
import re

from pipeline.reading.date_lines import date_line
from pipeline.reading.text import boilerplate_regexes, words

# --- whole lines, by what they are for ----------------------------------------------------------

# Every pattern must match the whole line (lower case, spaces squashed, end punctuation kept); one
# row per kind of furniture.
_FURNITURE: tuple[tuple[str, str], ...] = (
    ("navigation", r"(?:ga|spring) (?:direct )?naar (?:de |het )?(?:inhoud|content|hoofdinhoud|zoeken|menu"
                   r"|navigatie)(?: van deze pagina)?.*"
                   r"|(?:skip|jump|go) (?:directly )?to (?:the )?(?:main )?(?:content|navigation|menu|search).*"
                   r"|(?:direkt )?zum (?:inhalt|hauptinhalt|menü)(?: springen| wechseln)?.*"
                   # a skip link in any order of its words: "Skip navigation", "Overslaan en naar de inhoud gaan"
                   r"|(?=.*\b(?:skip|overslaan|sla|doorgaan|spring|überspringen|springen)\b)"
                   r"(?=.*\b(?:navigation|navigatie|(?:hoofd|main )?content|(?:hoofd)?inhoud|(?:haupt)?inhalt|menu)\b)"
                   r"(?:\S+ ){0,6}\S+"
                   r"|(?:terug )?naar (?:het )?overzicht|vorige pagina|volgende pagina|(?:terug|back) naar .{1,30}"
                   r"|home|menu|zoeken|search|suche|webmail|inloggen|uitloggen|log ?in|sign in|sign up|registreren"
                   r"|register|contact|feedback|print|printen|afdrukken|drucken|sluiten|close|schließen|previous|next"
                   r"|vorige|volgende|zurück|weiter|nach oben|terug naar boven|back to top(?: button)?"
                   r"|zoekresultaat - .*|search results? .*|breadcrumbs?|bladeren"
                   r"|log ?out|log ?uit|abmelden|(?:ingelogd|logged in|angemeldet) als?(?: .{0,40})?|nachtmodus"
                   r"|(?:dark|night) mode|dunkelmodus|doneer|donate|spenden|folgen|follow|volgen|volg"
                   r"|tip (?:de |onze )?redactie|tip us|link (?:zum beitrag|to (?:the )?(?:article|post))"
                   r"|link naar (?:het )?artikel|puzzels?|puzzles?|rätsel|epaper|e-paper|meer|more|mehr|krant"),
    ("case metadata", r"ecli:[a-z]{2}:[a-z0-9]+:\d{4}:[a-z0-9.]+"),
    ("call to action", r"(?:lees|read) (?:ook|meer|verder|also|more|the full (?:story|article))\b.*"
                       r"|lees (?:het hele|het volledige|al het) .*|lesen sie (?:auch|mehr|jetzt)\b.*|weiterlesen.*"
                       r"|(?:hebt|heb|heeft) u een (?:taal|spel|tik)?fout gezien\b.{0,100}"
                       r"|(?:spotted|found) (?:a|an) (?:typo|error|mistake)\b.{0,100}"
                       r"|.{0,40}\bin (?:uw|je|your|ihrem|ihr) (?:mail ?box|inbox|postfach)\?.{0,40}"
                       r"|pic\.twitter\.com/\S*|.{0,30}\benter\b.{0,10}, um (?:den|die) inhalte? zu"
                       r" überspringen|press enter to skip.{0,40}|.{3,80}: samenvatting(?: en reacties)?"
                       r"|volg .{0,80}\b(?:live|minuut tot minuut)\b.{0,200}"
                       r"|follow (?:the|all|our) .{0,60}\blive\b.{0,120}"
                       r"|verfolgen sie .{0,60}\blive\b.{0,120}|(?:video|footage) (?:shows|toont|zeigt)\b.{0,160}"
                       r"|mehr (?:zum thema|dazu|lesen)\b.*|auch interessant.*|(?:bekijk|beluister)(?:/\w+)? .{0,200}"
                       r"|(?:kijk|luister) (?:hier|ook|de|het|alle|meer|onze)\b.{0,200}"
                       r"|(?:klik|click) (?:hier|here)\b.*"
                       r"|.{0,80}\b(?:klik|click) (?:dan |then )?(?:hier|here)\b.{0,20}"
                       r"|laat (?:het |ons )?(?:weten|horen)\b.{0,80}|(?:lees|read) verder onder .{0,40}"
                       r"|(?:später lesen|merken|read later|save for later|bewaar artikel)"
                       r"|(?:watch|see) (?:the|our|more|also|here)\b.{0,80}|hier klicken.*"
                       r"|(?:praat|discussieer|denk) mee\b.{0,60}|reageer(?: hier)?!?"
                       r"|view (?:the|our|all|more)\b.{0,100}|.{0,40}\bsign up (?:here )?for\b.{0,120}"
                       r"|\d+ (?:reacties?|comments?|kommentare?)|reader comments.*"
                       r"|(?:leave|post) a (?:reply|comment)|plaats een reactie|reacties? \(\d+\)"
                       r"|reactie (?:toevoegen|plaatsen)|geef een (?:antwoord|reactie)"
                       r"|laat een (?:reactie|antwoord) achter"
                       r"|kommentar (?:veröffentlichen|abgeben)"
                       r"|(?:comments?|kommentare?)(?: \(\d+\))?"
                       r"|(?:join|subscribe to|sign up for|get) .{0,60}(?:today|now|newsletter|free)\b.*"
                       r"|read and decide\.?|zie (?:hier|ook|het)\b.{0,80}|connect with us|follow us.{0,40}"
                       r"|volg ons.{0,40}|kopieer (?:naar clipboard|link)|copy link|reageren op dit bericht.{0,80}"
                       r"|(?:mail|tip|stuur) (?:ons|de redactie|naar)\b.{0,60}@.{0,60}"
                       r"|.{0,60}\bdownload (?:the|our|de|onze) .{0,40}\bapp\b.{0,60}|live ?feed|live ?blog"
                       r"|.{0,40}will bring you all of the latest coverage.{0,80}"
                       r"|(?:stuur|app|whatsapp|tip) (?:ons |de redactie )?(?:een )?(?:appje|bericht|tip)\b.{0,40}"
                       r"|(?:photo )?(?:gallery|fotoserie|fotogalerij|fotostrecke|bildergalerie|video|bekijk)"
                       r"\s*:.{0,100}"),
    ("newsletter", r"(?:schrijf je in|meld je (?:nu )?aan|abonneer je|subscribe|sign up|melden sie sich an"
                   r"|abonnieren)\b.{0,160}"
                   r"|(?:ontvang|receive|get|erhalten sie) .{0,40}(?:nieuwsbrief|newsletter)\b.{0,60}"
                   r"|(?:onze|our|unsere|de) (?:gratis |free |kostenlose )?(?:nieuwsbrief|newsletter)\b.{0,60}"),
    ("paywall", r"dit artikel is (?:exclusief )?voor abonnees.*|wist je dat je ook zonder abonnement.*"
                r"|(?:for|only for|exclusive to) subscribers.*|for access to this article.*|word (?:nu )?abonnee.*"
                r"|al (?:een )?abonnee\?.*|premium|plus|abonnee|subscriber(?:s)? only|nur für abonnenten.*"
                r"|(?:dieser|der) (?:artikel|beitrag) ist .{0,40}abonnenten.*|exclusief voor abonnees"
                r"|alleen voor abonnees|(?:dieser|der) (?:artikel|beitrag) ist (?:teil|bestandteil) unseres .{0,60}"
                r"|jetzt (?:registrieren|abonnieren|testen|freischalten)\b.{0,60}|.{0,40}\bbereits abonnent\?.{0,60}"
                r"|wir freuen uns, dass sie sich für.{0,60}|einen artikel interessieren\.?"
                r"|.{0,60}\b(?:word|become|werde|werden sie) (?:nu |now |jetzt )?(?:\w+ ){0,2}(?:premium|abonnee"
                r"|subscriber|abonnent|member|mitglied)\b.{0,160}"
                r"|.{0,40}\b(?:premium|abonnements?|subscription) ?(?:pakket|package|paket|plan)\b.{0,40}"),
    ("consent", r"(?:wachten op|waiting for|warten auf) .{0,30}(?:privacy|consent|cookie|zustimmung).{0,40}"),
    ("cookies", r"(?=.*\b(?:accept|akkoord|gebruik|gebruikt|gebruiken|we use|uses|settings|instellingen|toestemming"
                r"|consent|zustimm|einstellungen|verwendet|weigeren|reject))(?=.{0,240}$).*\bcookies?\b.*"),
    ("advertising", r"advertentie|advertisement(?: hide ad)?|anzeige|ad|sponsored|gesponsord"
                    r"|lees verder (?:onder|na) de advertentie"
                    r"|(?:de tekst|het artikel|het verhaal|the (?:article|story)) (?:gaat|loopt"
                    r"|continues) .{0,40}(?:verder|below|onder|daaronder).*"
                    r"|(?:de )?tekst gaat (?:door|verder) (?:onder|na) .{0,40}"
                    r"|hide ad|skip ad|werbung"),
    ("reading time", r"(?:leestijd|reading time|lesezeit|lesedauer)\b.{0,20}"
                     r"|\d+ ?min(?:uten|utes)? (?:leestijd|read|lesen|lezen)"
                     r"|(?:\w+,? )?(?:een |ca\. )?\w* ?(?:leestijd|lesezeit|reading time)\b.{0,50}|\d+ ?min\.?"),
    # "3 days 23 hours ago", "about 10 hours ago", "ongeveer een uur geleden"
    ("time ago", r"(?:about |ongeveer |ruim |bijna )?(?:(?:\d+|een|één|an?) (?:seconden|minuten|minuut|uur|uren|dagen"
                 r"|dag|weken|seconds|minutes|minute|hours?|days?|weeks?) ?){1,2}(?:geleden|ago)"
                 r"|vor \d+ (?:sekunden|minuten|min\.?|stunden|std\.?|tagen)"),
    ("category", r"(?:categorie|categorieën|category|categories|kategorie|tags?|trefwoorden|onderwerpen|rubriek"
                 r"|topics?|themen?)\s*:.*"
                 r"|geen categorie|uncategori[sz]ed"
                 r"|(?:posted|filed|geplaatst|abgelegt) (?:in|under|onder|als type)\b:?.{0,80}"),
    # "Algemeen 360 keer gelezen", "Visits: 1", "4.0 met 5 stemmen aantal keer bekeken 364": how often it was read
    ("view count", r"(?:\S+ ){0,2}\d[\d.,]* (?:keer )?(?:gelezen|bekeken|views|weergaven)(?: \S+){0,3}"
                   r"|(?:\S+ ){0,4}(?:visits|views|hits|aantal keer bekeken|aantal keer gelezen)\s*:?\s*\d[\d.,]*"
                   r"(?: \S+){0,3}"),
    # a ruling's counsel, one of a document's header lines (``documents.document_header``: the others)
    ("counsel", r".{2,120} \(instructed by [^()]{2,120}\) for the .{2,80}"),
    # "Spread the love", "Deel dit verhaal", "Share \"De kop van het stuk\"", "Print Friendly, PDF & Email"
    ("share line", r"spread the love|share this (?:post|article|story|page)\b.{0,30}"
                   r"|deel (?:dit|deze) (?:verhaal|bericht|pagina|post)!?|diel dit (?:artikel|berjocht)!?"
                   r"|print friendly\b.{0,30}|printervriendelijke versie.{0,60}|share \".{2,160}\""),
    # "Dortmund (ots)": a press portal's place line over the release
    ("press portal's place", r"[^\s()][^()]{1,40} \(ots\)"),
    ("site", r"powered by .*|(?:©|\(c\)|copyright)\s*(?:copyright\s*)?(?:\d{4}\b.*)?|alle rechten voorbehouden.*"
             r"|all rights reserved.*|rendered \d.*|\[[a-z_]+(?: [^\]]*)?\]"
             r"|(?:the )?(?:latest |local |your )?news (?:and|&) (?:info|information|views|sport|events)"
             r" (?:from|for|in) .{1,60}|your location\s*:.{0,40}|uw locatie\s*:.{0,40}|ihr standort\s*:.{0,40}"),
    ("live ticker", r"\+\+\+.*\+\+\+"
                    r"|(?:newsticker|liveblog|live-blog|live ticker|ticker)\b.{0,40}(?:aktualisieren|vernieuwen"
                    r"|refresh|laden).*"),
    ("comment rules", r"start a dialogue.*|if you don'?t follow the rules.*|user legend.*"
                      r"|your email address will not be published.*|this site uses akismet.*"
                      r"|required fields are marked.*"),
    ("editor's label", r"editor'?s (?:note|pick)|noot van de redactie|anmerkung der redaktion"),
    ("reporter's note", r"(?:onze |our |unsere? )?\w*(?:verslaggever|verslaggeefster|correspondent|reporter|reporterin"
                        r"|korrespondent|korrespondentin) [a-zà-ÿ][\w'’-]*(?: [\w'’-]+){1,3}"
                        r" (?:volgde|volgt|is|was|zat|zit|verfolgte|verfolgt|ist|war|followed|follows)\b[^\n]{0,160}"),
    ("date label", r"published|posted|updated|gepubliceerd|bijgewerkt|veröffentlicht|on|op|am"),
    ("byline", r"\((?-i:[a-z]{2,5})\)|\d{1,2}[:.]\d{2} ?, [a-zà-ÿ'-]+(?: [a-zà-ÿ'-]+){1,3}"),  # "08:40 , Jan Smit"
    ("comments", r"\(\d+\) (?:comments?|reacties?|kommentare?)|welcome to the discussion\.?"
                 r"|(?:geen|no|keine|\d+) (?:opmerkingen|comments|kommentare|reacties):?"),
    ("old article", r"this article is (?:old|more than .{1,20} old).{0,80}"),
    ("browser notice", r"your (?:web )?browser is (?:no longer|not) supported.*|(?:update|upgrade) your browser.*"),
    ("disclaimer", r"deze (?:opinie|column|bijdrage) is (?:van|geschreven door) .{0,200}"
                   r"|this (?:article|story) (?:was|has been) (?:updated|corrected).{0,120}"
                   r"|(?:dit artikel|this (?:article|story)|dieser (?:artikel|beitrag)) (?:maakt |is |ist )?"
                   r"(?:onderdeel |deel |part |teil )?(?:uit )?(?:van|of|des|der) (?:het |de |the |our )?"
                   r"(?:dossier|serie|series|reeks|special).{0,100}"),
)

# A heading over a list of other stories: the rest of the page is a link list, not the article.
_LIST_HEADERS = re.compile(
    r"(?:recente|laatste|meer|andere|gerelateerde|populaire) (?:berichten|artikelen|nieuws|verhalen)|"
    r"meer (?:uit|over|van|nieuws|krantenkoppen)\b.*|meest (?:gelezen|bekeken)|ook interessant|aanbevolen|"
    r"(?:most (?:read|popular|viewed)|related(?: articles| stories| posts)?|recent posts"
    r"|more (?:news|stories|from)\b.*)|"
    r"(?:das könnte sie auch interessieren|weitere (?:artikel|nachrichten|meldungen)|meistgelesen|mehr zum thema)"
    r"|this week'?s video news.*|welcome to the discussion\.?|(?:\d+ )?(?:comments|reacties|kommentare)(?: \(\d+\))?"
    r"|leave a (?:reply|comment)|(?:helpful|useful|related|nuttige|handige|weitere) links|ander nieuws|other news"
    r"|net binnen|just in|(?:dit|dat) wil je (?:ook )?(?:lezen|zien)|das (?:möchten sie|willst du) auch lesen"
    # and in the other languages of the pages scrapers meet: comments and related stories
    r"|(?:\d+ )?(?:comentarios|commentaires|commenti|comentários|komentarze|kommentarer|коментарі|комментарии)"
    r"(?: \(\d+\))?|(?:artículos|noticias) relacionad[oa]s|articles? (?:similaires|liés)|articoli correlati"
    r"|powiązane|polecamy|ähnliche (?:beiträge|artikel)|das könnte dich auch interessieren\W*|weitere themen"
    r"|neue beiträge|you (?:may|might) also like|read (?:more|next)|related (?:content|news)|también te puede interesar"
    r"|vea también|lire aussi|à lire aussi|leggi anche|czytaj (?:też|także)|schreibe einen kommentar.*"
    r"|kommentar (?:verfassen|hinzufügen|schreiben)",
)

# Headings over other stories' teasers that no article uses for a part of its own ("Verder in het nieuws",
# "Gerelateerde artikels"), and the shorter ones an article also puts over one link amid its text ("Lees ook"):
# read after the line model (``run_of_text.related_stories_below``), so none of them is a feature of a line.
_RELATED_HEADINGS = re.compile(
    r"verder in het nieuws|ook in het nieuws|gerelateerde (?:artikel(?:s|en)?|berichten|verhalen|nieuwsberichten)"
    r"|vergelijkbare (?:berichten|artikelen|verhalen)|andere berichten|recommended (?:for you|stories|articles)"
    r"|meer berichten(?: in deze categorie| over dit onderwerp)?(?::.*)?|weitere beiträge|verwandte (?:artikel|themen)")
_TEASER_HEADINGS = re.compile(r"(?:lees|bekijk|zie) ook|ook interessant|meer nieuws|read also|see also|lesen sie auch"
                              r"|auch interessant|related")


def related_heading(line: str) -> str | None:
    """ "sure" for a heading over other stories' teasers ("Verder in het nieuws"), "teasers" for one that may head a
    single link amid the article ("Lees ook"), None for any other line."""
    probe = squash(strip_bullets(line)).strip(" .:»›")
    if _RELATED_HEADINGS.fullmatch(probe):
        return "sure"
    return "teasers" if _TEASER_HEADINGS.fullmatch(probe) else None


_SHARE_WORDS = frozenset(words("""
deel delen dit artikel bericht share shares this article story page teilen tweet tweeten twittern mailen
e-mail email mail print whatsapp facebook twitter linkedin pinterest x kopieer copy link via rate on op reddit
messenger telegram bluesky threads mastodon artikel"""))
_SHARE_CORE = frozenset(words("deel delen share teilen tweet tweeten twittern whatsapp facebook twitter linkedin"
                              " pinterest"))

# Furniture is short: a longer line is prose, and no pattern is tried on it (which also keeps every
# pattern's cost bounded on hostile input, a line of 100,000 dots or letters).
MAX_LINE = 400


def squash(line: str) -> str:
    return " ".join(line.split()).lower()


@functools.lru_cache(maxsize=8)
def _pattern(extra: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern over all furniture lines, the config's own boilerplate lines after them."""
    parts = [f"(?P<f{index}>{pattern})" for index, (_kind, pattern) in enumerate(_FURNITURE)]
    parts += [f"(?P<b{index}>{regex})" for index, regex in enumerate(boilerplate_regexes(extra))]
    return re.compile("|".join(parts))


_MENU_BAR = re.compile(r"[^|]{1,25}(?:\s\|\s[^|]{1,25}){2,}")
# "[overzicht] [activiteiten] [besluiten]": a text browser's links in a row; "You are here: Home >> News >> ...".
_LINK_ROW = re.compile(r"(?:\[[^\[\]]{1,40}\]\s*){3,}")
_YOU_ARE_HERE = re.compile(r"(?i:you are here|u bent hier|je bent hier|sie sind hier)\s*(?::|\s(?=[^>»›]*[>»›]))\s*.*")
# "— Politie Eenheid Den Haag (@POL_DenHaag) February 28, 2023": who posted an embedded post, and when, on a
# line of its own (with the post's words before it, the line is the post's: kept)
_POSTED_BY = re.compile(r"[—–-]\s*[^()]{1,80}\(@\w{1,30}\)\s+\w+ \d{1,2}, \d{4}")
_CASE_JOIN = re.compile(r"[a-z][A-Z]")  # "ChangeFeatures": menu items run together
_TABLE_ROW = re.compile(r"(?:\S+\s+){0,6}-?\d+(?:\s+-?\d+){2,}|#(?:\s+\w+){2,}")


def furniture_reason(line: str, boilerplate: tuple[str, ...] = ()) -> str | None:
    """Why a whole line is page furniture ("navigation", "share", ...), or None."""
    if len(line) > 4 * MAX_LINE:
        return None
    probe = squash(strip_bullets(line) or line)
    if not probe or len(probe) > MAX_LINE:
        return None
    short = len(probe) <= 12 and sum(ch.isalpha() for ch in probe) <= 2
    if short and not re.fullmatch(r"[\d.()\s]+", probe):  # "1.1." numbers a section: kept
        return "stray fragment"
    if _MENU_BAR.fullmatch(line.strip()) or (len(line.split()) <= 8 and len(_CASE_JOIN.findall(line)) >= 3) \
            or _LINK_ROW.fullmatch(line.strip()):
        return "navigation menu"
    if _YOU_ARE_HERE.fullmatch(line.strip()):
        return "breadcrumb"
    if _POSTED_BY.fullmatch(line.strip()):
        return "embedded post"
    if _TABLE_ROW.fullmatch(line.strip()):
        return "table row"
    if re.search(r"\s[-–—]$", line.strip()) and len(line.split()) <= 6:
        return "breadcrumb"
    words = probe.strip(" .:!|•·-–—»«›").split()
    if words and all(word.strip(",:|/•·") in _SHARE_WORDS for word in words) and _SHARE_CORE & set(words):
        return "share line"
    stripped = probe.strip(" .:|•·-–—»«›")
    bare = stripped[1:-1].strip() if stripped.startswith("(") and stripped.endswith(")") else stripped
    pattern = _pattern(boilerplate)
    # "(PHT)" is furniture as it stands; "(lees verder onder de foto's)" once its brackets are off
    match = pattern.fullmatch(stripped or probe) or (pattern.fullmatch(bare) if bare != stripped else None)
    if match is None or match.lastgroup is None:
        return None
    if match.lastgroup.startswith("b"):
        return "boilerplate (ingest.boilerplate)"
    return _FURNITURE[int(match.lastgroup[1:])][0]


def is_list_header(line: str) -> bool:
    """ "Recente berichten", "Meer uit Politiek", "Related stories": what follows is a link list."""
    return _LIST_HEADERS.fullmatch(squash(line).strip(" .:»›")) is not None


# A teaser's button to its story ("Read more", "Lees meer", "Lire plus", "Weiterlesen") in the pages' languages
_READ_MORE = re.compile(r"(?:read|lees|lire|leer|leggi|lesen sie) (?:more|meer|verder|plus|más|di più|mehr)"
                        r"|weiterlesen|mehr lesen|verder lezen|continue reading|en savoir plus")


def is_read_more(line: str) -> bool:
    """ "Read more", "Lees meer »", "Lire plus": a button to a story, no heading."""
    return _READ_MORE.fullmatch(squash(line).strip(" .:»›→>…")) is not None


# --- captions and credits ------------------------------------------------------------------------

_CREDIT_WORD = (r"(?:©|Ⓒ|\(c\)|copyright|fotocredits?|photo credits?|bildnachweis|bildquelle|foto(?:'s|’s|s)?"
                r"|beeld(?:en)?|bild(?:er)?|bildrechte|fotos?|photos?|image"
                r"|pictures?"
                r"|afbeelding|illustratie|illustration|archieffoto|archiefbeeld|symbolfoto|archivfoto|credit"
                r"|bron tekst|bron|quelle|video(?:still)?)")
_CREDIT_START = re.compile(r"\(?(?i:" + _CREDIT_WORD + r")\s*(?::|\s(?=[\w(/])|(?=[A-Z]))\s*(?P<rest>.*?)\)?")
# "Raadslid in beeld: Anna Bakker": someone portrayed, no credit of a photo
_CREDIT_END = re.compile(r"(?:^|[.!?,)]\s*|\s)\(?(?:[©Ⓒ]\s*[^.!?]{1,70}|(?:\(c\)|(?i:foto(?:'s|’s)?"
                         r"|(?<!\bin )beeld(?:en)?|bild(?:rechte)?|photo|image|credit|archieffoto|fotos))(?:\s*[:/]\s*"
                         r"|\s+(?=[A-Z©Ⓒ]))(?P<who>[^.!?]{1,70})\)?)$")
_AGENCIES = re.compile(
    r"(?i:(?:anp|afp|epa(?:-efe)?|reuters|ap|dpa|belga|getty images|hollandse hoogte|shutterstock|istock"
    r"|imago(?: images)?|picture alliance|ddp|hh|pro shots|orange pictures|bsr agency|brunopress|sportida"
    r"|persgroep|mediahuis)"
    r"(?:\s*[/|,]\s*[\w .'’-]+)*)"
)
# "... after the storm passed. — AFP/VNA Photo", "... (Photo by Jan Smit/Getty Images) *** BESTPIX ***":
# a caption that ends in its credit.
_PHOTO_CREDIT_END = re.compile(r"\s[—–-]\s*[A-Z][\w/&. ]{0,40}\s(?:Photo|Foto|Bild)$"
                               r"|\((?i:photo|foto|bild) (?:by|door|von) [^()]{1,60}\)(?:\s*\*+\s*\w+\s*\*+)?$")
# "AFP Kiezers bij een stembureau in Gent": an agency's credit before a caption of a few words.
_AGENCY_FIRST = re.compile(r"(?:AFP|ANP|EPA|AP|Reuters|Belga|dpa|Getty Images|Hollandse Hoogte)"
                           r"\s+[A-ZÀ-Þ][^.!?:]{5,90}")
# "... in Frankfurt. Quelle: Boris Roessler/Archiv", "Lord Janner. Photograph: David Karp/Bloomberg News",
# "Bart Voskamp in zijn tuin (eigen foto)": a caption of a few words that ends in where its picture came from.
_SOURCE_END = re.compile(r"(?:^|[.!?,)]\s*|\s)\(?(?i:photograph|quelle|source|bron)\s?:\s*[A-ZÀ-Þ©Ⓒ][^.!?:]{1,70}\)?$"
                         r"|\s\((?i:eigen foto|foto eigen|privéfoto|own photo|eigenes foto)\)$")
# How far before a text's end a match of `_CREDIT_END` or `_SOURCE_END` can begin in a text of single spaces
# (`caption_reason`'s): each ends at the end, and is at most 88 characters long (a word and "/" before 70
# characters of a name, a stop and a bracket): searched from there, it is what a search of the whole text finds.
_END_REACH = 100
# Nor can either match a text ending in a stop, nor `_PHOTO_CREDIT_END` one ending otherwise (no "\n" for "$"):
_SENTENCE_STOPS, _PHOTO_CREDIT_ENDINGS = (".", "!", "?"), ("Photo", "Foto", "Bild", ")", "*")


def _search_end(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    return pattern.search(text, max(0, len(text) - _END_REACH))  # "^" matches only at the text's real start


_IMAGE_FILE = re.compile(r"\S+\.(?:jpe?g|png|gif|webp|avif)\b", re.I)
# What every image file name holds, found at C speed (the name's \S+ is tried from every character).
_IMAGE_EXTENSION = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)\b", re.I)

_LOWER_WORDS_OF_A_SENTENCE = 2


def _lower_words(who: str) -> bool:
    """Whether what a credit names holds words in lower case (beside "van", "de"): a sentence, no name."""
    return sum(1 for word in who.split() if word.isalpha() and word.islower()
               and word not in NAME_PARTICLES) >= _LOWER_WORDS_OF_A_SENTENCE


def caption_reason(line: str) -> str | None:
    """A photo caption or credit: "Foto: ANP", "Beeld ANP", "… in Opheusden. © Raphael Drent"."""
    words = line.split()
    text = " ".join(words)
    if len(text) <= 4 * MAX_LINE and text.endswith(_PHOTO_CREDIT_ENDINGS) and _PHOTO_CREDIT_END.search(text[-120:]):
        return "caption with credit"  # a press photo's caption is long: its credit at the end says what it is
    if not words or len(words) > 60 or len(text) > MAX_LINE:
        return None
    if _AGENCY_FIRST.fullmatch(text) and len(words) <= 14:
        return "caption after its credit"
    if text.lower().startswith("volledig scherm "):
        return "caption"
    start = _CREDIT_START.fullmatch(text)
    if start and len(words) <= 15 and _credit_rest(start["rest"], ":" in text[:start.start("rest")]):
        return "credit"
    if _AGENCIES.fullmatch(text.strip("()")):
        return "credit"
    stop = text.endswith(_SENTENCE_STOPS)  # ends in a stop: no credit's name or source (see `_SENTENCE_STOPS`)
    end = _search_end(_CREDIT_END, text) if len(words) <= 45 and not stop else None
    if end and not _lower_words(end["who"] or ""):
        return "caption with credit"  # "Opmerkelijk beeld: koning Filip en ...": no credit, a headline
    if len(words) <= 30 and not stop and _search_end(_SOURCE_END, text):
        return "caption with its source"
    if len(words) <= 10 and _IMAGE_EXTENSION.search(text) and _IMAGE_FILE.search(text):
        return "image file name"
    if len(words) <= 20 and re.search(r"(?i)\s\(?(?:vergroot|vergroten|enlarge|vergrößern)\)?$", text):
        return "caption with an enlarge button"
    if len(words) <= 3 and re.fullmatch(r"(?i:(?:\w+ )?(?:file |author |staff )?(?:photo|foto|bild))", text):
        return "photo label"
    return None


def _credit_rest(rest: str, colon: bool = True) -> bool:
    """What follows "Foto"/"Beeld" in a credit: a name or agency, not a sentence ("Beeld je in dat ..."). Without
    a colon after the word, a name only ("Beeld Anne Stooker"): words in lower case make it a headline the word
    labels ("VIDEO Atv wapent zich tegen verkeersproblemen")."""
    rest = rest.strip()
    if not rest or rest.startswith("/"):
        return True
    if not colon and _lower_words(rest):
        return False
    first = rest.lstrip("(/‘'\"“ ")[:1]
    short_name = len(rest.split()) <= 4 and rest.endswith(".") and not rest.endswith("..")
    return (first.isupper() or first.isdigit() or _AGENCIES.match(rest) is not None) and (
        not rest.endswith((".", "?")) or short_name)


# --- bylines ----------------------------------------------------------------------------------------

_BY = re.compile(r"(?:(?:\w+ ){0,2}(?:by|door|von)|tekst|text|geschreven door|written by|auteur|author|reporter"
                 r"|bewerkt door|interview|fotografie|verslag|redactie)\s*:?\s+(?P<names>.+)", re.I)
NAME_PARTICLES = frozenset(words("""
van de der den ter ten te het 't von zu zum vom da di du des del della la le el al bin
y en and und & for voor für of"""))
_STAFF = re.compile(r"(?i:(?:van )?(?:de )?(?:\w+)?redactie|aus der redaktion(?: de[rs] [\w ]{2,60})?"
                    r"|editor|author photo|staff(?: writer| reporter)?|\w+ staff"
                    r"|correspondent|redaktion|the associated press|nieuwsdienst|persbureau)")


def _name_like(text: str, most: int = 8) -> bool:
    tokens = [token.strip(",.•·|()") for token in text.replace("/", " ").split()]
    tokens = [token for token in tokens if token]
    if not tokens or len(tokens) > most:
        return False
    named = [t for t in tokens if t.lower() not in NAME_PARTICLES]
    if not named or not named[0][:1].isupper():
        return False
    capitalised = sum(1 for t in named if t[:1].isupper() or t.isupper())
    return capitalised == len(named) and max(map(len, named)) <= 14 and not any(ch.isdigit() for ch in text)


# "(Reporting by Tuvan Gumrukcu and Ece Toksabay; Editing by Dominic Evans)": a wire story's credits
_WIRE_CREDITS = re.compile(r"\((?i:(?:additional reporting|reporting|writing|editing) by) [^()]{2,200}\)")

_GERMAN_NOUN_AFTER_VON = re.compile(r"(?i)\bvon\s*:?\s*$")


def byline_reason(line: str) -> tuple[str, str] | None:
    """(author, reason) of a byline line: "Door Jan Jansen", "By Claire Carlson and John Upton for ...",
    "Redactie", "Tekst: Anne Havelaar"; None for a sentence that happens to start with "Door de ..."."""
    text = strip_bullets(line)
    if len(text) <= MAX_LINE and _WIRE_CREDITS.fullmatch(text):
        return "", "the wire story's credits"  # names of reporters and editors, not the author's
    if not text or len(text.split()) > 16 or len(text) > MAX_LINE:
        return None
    if _STAFF.fullmatch(text.rstrip(".")):
        return text, "byline"
    reversed_by = re.fullmatch(r"(?P<names>.+?)\s+(?i:geschreven door|written by|tekst|door)", text)
    if reversed_by and _name_like(reversed_by["names"]):
        return reversed_by["names"], "byline"  # "Rob van den Broek Geschreven door"
    match = _BY.fullmatch(text.rstrip(" .—–-"))
    if match:
        # "Door Marieta Kroft - 16-11-2016, 16:58": the names end where a dash or a comma follows them
        names = re.split(r"\s+(?:for|voor|für)\s+(?=[A-Z])|\s*[,|(·•]\s*|\s+[-–—]\s+(?=\d)", match["names"])[0]
        # a name starts with a capital ("door Jan de Vries"); "getekend door de EU" is a headline
        if _GERMAN_NOUN_AFTER_VON.search(text[:match.start("names")]) and re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+", names):
            return None  # "Absage von Sitzungen": a noun after "von", no name (a byline names first and last name)
        if (_name_like(names) and names[:1].isupper()) or re.search(r"(?i)redactie\b", " ".join(names.split()[:2])):
            return names.strip(), "byline"
    return None


def strip_bullets(line: str) -> str:
    """A line without the bullets, dashes and pictographs a page puts before names and labels."""
    import unicodedata

    text = " ".join(line.split())
    start = 0
    while start < len(text) and (text[start] in " •·-–—*|»›>~⬩" or (
            unicodedata.category(text[start]) in ("So", "Sk", "Cf", "Mn") and text[start] not in "©Ⓒ")):
        start += 1
    return text[start:].rstrip(" •·|—–-")


def is_name_line(line: str) -> bool:
    """A line that is only a person's name ("Johan van de Beek", "TOM PEEL"): a byline near the head."""
    text = strip_bullets(line)
    tokens = text.split()
    # "Tag Archives: Techniek Nederland", "Dekkingsplan Brandweer: Samen Paraat": words before a colon label what
    # follows (a key of one word, "Gremium: Stadtrat", is a document's metadata and stays furniture as before)
    label = len(text.partition(":")[0].split()) >= 2 and ":" in text
    return (len(text) <= 80 and 2 <= len(tokens) <= 5 and "," not in text and not label and _name_like(text, 5)
            and not text.endswith((".", "?", "!", ":", ";")))  # "Jan de Wit: Voorzitter;": a list's point


_SIGNATURE = re.compile(r"[A-Z][\w.'’-]+(?: [\w.'’-]+){0,4}, [A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+){0,2}")


def is_signature(line: str) -> bool:
    """ "Bas Overmars, Amsterdam" under a reader's letter: name, comma, place."""
    text = " ".join(line.split())
    return len(text) <= 80 and _SIGNATURE.fullmatch(text) is not None and _name_like(text.split(",")[0], 5)


# "Published: ... | Updated: 43 minutes ago": a label of a change before a time ago
_CHANGED = re.compile(r"(?i:(?:published|posted|updated|gepubliceerd|geplaatst|bijgewerkt|aangepast(?: op)?"
                      r"|aktualisiert|veröffentlicht)\s*:?\s*)")
_DATE_WORDS = 3  # words beside its date a part of the row may hold ("Aangepast op", "Published:", "EDT")


def dated_byline_row(line: str) -> bool:
    """ "Jan de Vries | 26 september 2015 17:55 | Aangepast op 26 september 2015 17:55", "Published: Oct. 22, 2021
    at 3:40 PM EDT|Updated: 43 minutes ago": a row of parts between bars, each a date or time line, a time ago or
    a name, one of them a date: the byline and dates a page's head sets in one line. Read after the line model
    (its rows are no feature of a line)."""
    if len(line) > MAX_LINE or "|" not in line:
        return False
    parts = [part.strip() for part in line.split("|")]
    dated = False
    for part in parts:
        found = date_line(part)
        if found is not None and found[1] <= _DATE_WORDS:
            dated = True
        elif not (is_name_line(part) or furniture_reason(_CHANGED.sub("", part, count=1)) == "time ago"):
            return False
    return dated


# A page's buttons and labels that no article says on a line of its own: sharing, printing, commenting, where the
# reader is, back to the top. Read after the line model (``button_line``): no feature of a line.
_BUTTONS = re.compile(
    r"(?:sharing is caring|delen per e-?mail|printvriendelijke versie|print(?:er)? ?(?:deze )?pagina"
    r"|pagina (?:printen|afdrukken)|artikel drucken(?: artikel einbetten)?|artikel einbetten|seite drucken"
    r"|print (?:this )?(?:page|article)|een reactie (?:posten|plaatsen)|schrijf een reactie"
    r"|be the first to (?:comment|like this|review)|no comments yet|nog geen reacties|(?:terug )?naar boven"
    r"|nach oben scrollen|u bent hier|sie sind hier|you are here|diskutieren sie mit|verder lezen)[.!:]*",
    re.IGNORECASE)


def button_line(line: str) -> bool:
    """ "Sharing is caring!", "Printvriendelijke versie", "• Be the first to comment", "U bent hier": a button or
    label of the page alone on its line."""
    return len(line) <= MAX_LINE and _BUTTONS.fullmatch(strip_bullets(line)) is not None
