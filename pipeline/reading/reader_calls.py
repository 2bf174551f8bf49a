"""A page's calls to its reader: lines that ask the reader to do something for the site, never the article's text.

Sites put the same few requests around every article, in every language: send us your tip, subscribe or log in to
read on, donate, leave a comment (and the comment form's own notices), download the app or follow us, sign up for a
newsletter or for notifications, rate this article, share it with your friends, read the whole story in the printed
edition. The line model takes many of them for text where they are written as sentences ("Heb jij een tip? Stuur
de redactie een bericht."), and the exact rules of ``furniture`` match lines whole, so a call with a few words of its
own ("... van Omroep Flevoland ...") escapes them. Each form below says who asks whom for
what (the reader addressed, the site's tip line, a subscription, a donation, the comment form, the app, a newsletter,
a rating, a share), which an article about something else does not say. Read after the line model, on the lines it
left in the text (none of it is a feature of a line: ``around_the_article``). Measured leave-sites-out on the 2,265
labelled pages (``benchmarks/quality.md``, the fourteenth round): of the corpus lines each form fits, nearly all are
labelled furniture.
"""

from __future__ import annotations

import re

# A call is a sentence or two; a longer line is a paragraph, and no pattern is tried on it (which also bounds every
# pattern's cost on hostile input).
MAX_CALL = 500

_CALLS: tuple[tuple[str, str], ...] = (
    # "Heb jij een tip? Stuur de redactie een bericht", "Have a story idea?", "WhatsApp ons!", "tips@..."
    ("a tip for the newsroom",
     r"^\W*(?:heb|hebt|heeft) (?:je|jij|u) (?:ook |zelf )?(?:een |nog )?(?:tip|tips|nieuws|(?:een )?foutje"
     r"|(?:een )?opmerking)\b"
     r"|^\W*(?:have|got) (?:a|an) (?:story|tip|news)\b"
     r"|\bstuur (?:de redactie|ons (?:je|jouw|uw|een) (?:tip|nieuws|foto|video|bericht|whatsapp)"
     r"|(?:je|jouw|uw) (?:tip|nieuws)\b)"
     r"|^\W*(?:whats)?app ons\b|\btips?@|^\W*(?:tip|mail|app|whatsapp) (?:ons|de redactie)\b"
     r"|\bif you have (?:news|a story)\b|\b(?:over|in|bij) dit (?:artikel|bericht)\? neem\b"),
    # "Log in of maak een gratis account aan om dit artikel te lezen", "Already a member? Sign in."
    ("a subscription or a login",
     r"\blog in of maak een (?:gratis )?account aan\b|\bsign in to continue\b|\balready (?:a )?(?:member|subscriber)"
     r"|\b(?:alleen|uitsluitend|enkel) (?:te lezen )?voor (?:onze )?abonnees\b|\bnog geen abonnee\b"
     r"|\b(?:kies|choose) (?:een|a|uw|your) (?:lidmaatschap|abonnement|package|plan|membership)\b"
     r"|\blimiet van gratis\b|\bfree (?:articles?|\{\{[^{}]{0,60}\}\}) remaining\b|\bsubscribe now\b"
     r"|\bupgrade (?:naar|to) premium\b|\b\d+-day (?:free )?trial\b|\bproefabonnement\b"
     r"|\bfull access (?:to|isn)\b|\bmembership options\b|\bpricing plans\b"
     r"|\blog in to (?:view|read|access|continue)\b"
     r"|\b(?:krijg|get|erhalten sie) (?:(?:direct|gratis|full|unlimited|free|onbeperkt) ){0,2}(?:toegang|access|zugang)"
     r" (?:tot|to|zu)\b|\bmember-exclusives\b|\bom ons te steunen\b|\b(?:register|registreer) (?:en|and|to) "
     r"|\babonnee worden\b|\bwithout a subscription\b|\bik ben al ingeschreven\b"
     r"|\bmeld (?:u|je) (?:nu )?aan als lid\b"),
    # "Doneer aan ...", "Would you consider making a contribution?", "Draag gerust bij!"
    ("a donation",
     r"^\W*(?:doneer|donate|steun ons|support us)\b|\bno donation is too small\b|^\W*draag (?:gerust )?bij\b"
     r"|\bwould you consider (?:making a|a) (?:donation|contribution)\b"),
    # "Uw e-mailadres wordt niet gepubliceerd.", "Geef als eerste een reactie", "%d bloggers liken dit:"
    ("the comment form",
     r"\b(?:uw|je|jouw|your) e-?mail(?:adres| address)? (?:wordt|will|is) (?:niet|never|not)\b"
     r"|\bgeef als eerste een reactie\b|\blaat (?:hieronder |onderaan |dan hieronder )?(?:je|jouw|uw|een) reactie"
     r" achter\b|\bbe the first to comment\b|\bfijn dat je wil reageren\b|\bcomments?: our rules\b"
     r"|\bcomments? (?:that )?break our\b|\bbloggers (?:liken|like) (?:dit|this)\b"
     r"|^\W*(?:geen|no|keine|\d+) (?:reacties|comments|kommentare) (?:op|on|zu)\b|\bartikel kommentieren\b"),
    # "Download onze app", "Volg ons op Facebook", "... is on Instagram!"
    ("the site's app or its pages",
     r"\bdownload (?:onze|de|our|the) app\b|\b(?:volg|follow) (?:ons|us) (?:op|on|via)\b|^\W*onze apps\W*$"
     r"|\bis on (?:instagram|facebook|twitter|tiktok)\b|\bje kunt ons ook volgen\b"),
    # "Blijf op de hoogte met onze dagelijkse nieuwsbrief", "... delivered to your inbox", "Ontvang updates voor ..."
    ("a newsletter or notifications",
     r"\b(?:dagelijkse|gratis|wekelijkse|daily|free|weekly) (?:nieuwsbrief|newsletter|news bulletin)\b"
     r"|\bdelivered (?:directly |direct )?to your inbox\b|\bblijf op de hoogte (?:van|met)\b|\bontvang updates\b"
     r"|\bik wil op de hoogte blijven\b|\bnotifications (?:from|can be)\b|\bmeldingen (?:van \S+ )?(?:te )?ontvangen\b"
     r"|\badblocker\b|\badvertenties blokkeert\b|\bfeedback survey\b"
     r"|\bmeld (?:u|je) (?:nu )?aan (?:voor|op) (?:onze|de) (?:\w+ )?nieuwsbrief\b"
     r"|\binschrijven (?:op|voor) (?:een|de|onze) nieuwsbrief\b"
     r"|\bsign up (?:for|to) (?:our|the) (?:\w+ )?newsletter\b"),
    # "Hoe waardevol vond je dit artikel?", "Geef uw mening!"
    ("a rating",
     r"\b(?:vond|vind) (?:je|jij|u) dit (?:artikel|bericht)\b|^\W*beoordeel (?:dit|deze)\b"
     r"|\brate this (?:article|post|story)\b|\bgeef (?:hier )?(?:je|jouw|uw) (?:persoonlijke )?(?:score|mening)\b"
     r"|^\W*geef uw mening\b"),
    # "Laat dit artikel viral gaan, deel het met je vrienden!", "Facebooktwittermail"
    ("a share",
     r"\bdeel (?:het|dit artikel) met (?:je|jouw) vrienden\b|\bdeel op sociale media\b"
     r"|\bvertel het (?:aan )?(?:je|jouw) vrienden\b|\bshare (?:it|this) with your friends\b"
     r"|^\W*deel: [\"'‘“]|^\W*(?:beitrag|artikel|seite) teilen\W*$"
     r"|\blink (?:in die zwischenablage )?kopieren\b|\bcopy (?:the )?link\b"
     r"|^\W*(?:(?:facebook|twitter|linkedin|whatsapp|e-?mail|mail|reddit|digg|bebo|pinterest|telegram|print)\W*){3,}$"),
    # "Den ausführlichen Artikel lesen Sie in der Ausgabe vom ...", "Lees het volledige artikel in de jongste uitgave"
    ("the story elsewhere",
     r"\blesen sie in der (?:aktuellen )?ausgabe\b|\bden (?:ausführlichen|vollständigen|ganzen) (?:artikel|beitrag"
     r"|bericht) lesen sie\b|\blees het (?:volledige|hele) (?:artikel|verhaal) (?:in|op|bij)\b"
     r"|\bread the (?:full|whole) (?:article|story) (?:in|on|at)\b"),
)
_PATTERN = re.compile("|".join(f"(?P<c{index}>{pattern})" for index, (_name, pattern) in enumerate(_CALLS)),
                      re.IGNORECASE)


def call_to_the_reader(text: str) -> str | None:
    """What the line asks of the reader (a tip, a subscription, ...), or None for a line that asks nothing."""
    if len(text) > MAX_CALL:
        return None
    match = _PATTERN.search(" ".join(text.split()))
    return _CALLS[int(match.lastgroup[1:])][0] if match and match.lastgroup else None

