"""A page's calls to its reader: lines that ask the reader to do something for the site, never the article's text.

Sites put the same few requests around every article, in every language: send us your tip, subscribe or log in to
read on, donate, leave a comment (and the comment form's own notices), download the app or follow us, sign up for a
newsletter or for notifications, rate this article, share it with your friends, read the whole story in the printed
edition. The line model takes many of them for text where they are written as sentences ("Heb jij een tip? Stuur
de redactie een bericht."), and the exact rules of ``furniture`` match lines whole, so a call with a few words of its
own ("... van Omroep Flevoland ...") escapes them. Each form below says who asks whom for what (the reader addressed,
the site's tip line, a subscription, a donation, the comment form, the app, a newsletter, a rating, a share), which
an article about something else does not say. Read after the line model, on the lines it left in the text (none of
it is a feature of a line: ``around_the_article``). On the 2,265 labelled pages the forms fit 121 of the reader's
lines, 117 of them labelled furniture (``benchmarks/quality.md``, the fourteenth round).
"""

from __future__ import annotations

import re

# A call is a sentence or two; a longer line is a paragraph, and no pattern is tried on it (which also bounds every
# pattern's cost on hostile input).
MAX_CALL = 500

# Each kind of call: its forms that open the line (after any marks: "• WhatsApp ons!"), and its forms anywhere in it,
# each opening at the start of a word (tried at word starts only: the whole union costs about what one pattern does).
_CALLS: tuple[tuple[str, str, str], ...] = (
    # "Heb jij een tip? Stuur de redactie een bericht", "Have a story idea?", "WhatsApp ons!", "tips@..."
    ("a tip for the newsroom",
     r"(?:heb|hebt|heeft) (?:je|jij|u) (?:ook |zelf )?(?:een |nog )?(?:tip|tips|nieuws|(?:een )?foutje"
     r"|(?:een )?opmerking)\b|(?:have|got) (?:a|an) (?:story|tip|news)\b|(?:whats)?app ons\b"
     r"|(?:tip|mail|app|whatsapp) (?:ons|de redactie)\b",
     r"stuur (?:de redactie|ons (?:je|jouw|uw|een) (?:tip|nieuws|foto|video|bericht|whatsapp)"
     r"|(?:je|jouw|uw) (?:tip|nieuws)\b)|tips?@|if you have (?:news|a story)\b"
     r"|(?:over|in|bij) dit (?:artikel|bericht)\? neem\b"),
    # "Log in of maak een gratis account aan om dit artikel te lezen", "Already a member? Sign in."
    ("a subscription or a login",
     "",
     r"log in of maak een (?:gratis )?account aan\b|sign in to continue\b|already (?:a )?(?:member|subscriber)"
     r"|(?:alleen|uitsluitend|enkel) (?:te lezen )?voor (?:onze )?abonnees\b|nog geen abonnee\b"
     r"|(?:kies|choose) (?:een|a|uw|your) (?:lidmaatschap|abonnement|package|plan|membership)\b"
     r"|limiet van gratis\b|free (?:articles?|\{\{[^{}]{0,60}\}\}) remaining\b|subscribe now\b"
     r"|upgrade (?:naar|to) premium\b|\d+-day (?:free )?trial\b|proefabonnement\b"
     r"|full access (?:to|isn)\b|membership options\b|pricing plans\b|log in to (?:view|read|access|continue)\b"
     r"|(?:krijg|get|erhalten sie) (?:(?:direct|gratis|full|unlimited|free|onbeperkt) ){0,2}(?:toegang|access|zugang)"
     r" (?:tot|to|zu)\b|member-exclusives\b|om ons te steunen\b|(?:register|registreer) (?:en|and|to) "
     r"|abonnee worden\b|without a subscription\b|ik ben al ingeschreven\b|meld (?:u|je) (?:nu )?aan als lid\b"),
    # "Doneer aan ...", "Would you consider making a contribution?", "Draag gerust bij!"
    ("a donation",
     r"(?:doneer|donate|steun ons|support us)\b|draag (?:gerust )?bij\b",
     r"no donation is too small\b|would you consider (?:making a|a) (?:donation|contribution)\b"),
    # "Uw e-mailadres wordt niet gepubliceerd.", "Geef als eerste een reactie", "%d bloggers liken dit:"
    ("the comment form",
     r"(?:geen|no|keine|\d+) (?:reacties|comments|kommentare) (?:op|on|zu)\b",
     r"(?:uw|je|jouw|your) e-?mail(?:adres| address)? (?:wordt|will|is) (?:niet|never|not)\b"
     r"|geef als eerste een reactie\b|laat (?:hieronder |onderaan |dan hieronder )?(?:je|jouw|uw|een) reactie"
     r" achter\b|be the first to comment\b|fijn dat je wil reageren\b|comments?: our rules\b"
     r"|comments? (?:that )?break our\b|bloggers (?:liken|like) (?:dit|this)\b|artikel kommentieren\b"),
    # "Download onze app", "Volg ons op Facebook", "... is on Instagram!"
    ("the site's app or its pages",
     r"onze apps\W*$",
     r"download (?:onze|de|our|the) app\b|(?:volg|follow) (?:ons|us) (?:op|on|via)\b"
     r"|is on (?:instagram|facebook|twitter|tiktok)\b|je kunt ons ook volgen\b"),
    # "Blijf op de hoogte met onze dagelijkse nieuwsbrief", "... delivered to your inbox", "Ontvang updates voor ..."
    ("a newsletter or notifications",
     "",
     r"(?:dagelijkse|gratis|wekelijkse|daily|free|weekly) (?:nieuwsbrief|newsletter|news bulletin)\b"
     r"|delivered (?:directly |direct )?to your inbox\b|blijf op de hoogte (?:van|met)\b|ontvang updates\b"
     r"|ik wil op de hoogte blijven\b|notifications (?:from|can be)\b|meldingen (?:van \S+ )?(?:te )?ontvangen\b"
     r"|adblocker\b|advertenties blokkeert\b|feedback survey\b"
     r"|meld (?:u|je) (?:nu )?aan (?:voor|op) (?:onze|de) (?:\w+ )?nieuwsbrief\b"
     r"|inschrijven (?:op|voor) (?:een|de|onze) nieuwsbrief\b|sign up (?:for|to) (?:our|the) (?:\w+ )?newsletter\b"),
    # "Hoe waardevol vond je dit artikel?", "Geef uw mening!"
    ("a rating",
     r"beoordeel (?:dit|deze)\b|geef uw mening\b",
     r"(?:vond|vind) (?:je|jij|u) dit (?:artikel|bericht)\b|rate this (?:article|post|story)\b"
     r"|geef (?:hier )?(?:je|jouw|uw) (?:persoonlijke )?(?:score|mening)\b"),
    # "Laat dit artikel viral gaan, deel het met je vrienden!", "Facebooktwittermail", "Beitrag teilen"
    ("a share",
     r"deel: [\"'‘“]|(?:beitrag|artikel|seite) teilen\W*$"
     r"|(?:(?:facebook|twitter|linkedin|whatsapp|e-?mail|mail|reddit|digg|bebo|pinterest|telegram|print)\W*){3,}$",
     r"deel (?:het|dit artikel) met (?:je|jouw) vrienden\b|deel op sociale media\b"
     r"|vertel het (?:aan )?(?:je|jouw) vrienden\b|share (?:it|this) with your friends\b"
     r"|link (?:in die zwischenablage )?kopieren\b|copy (?:the )?link\b"),
    # "Den ausführlichen Artikel lesen Sie in der Ausgabe vom ...", "Lees het volledige artikel in de jongste uitgave"
    ("the story elsewhere",
     "",
     r"lesen sie in der (?:aktuellen )?ausgabe\b|den (?:ausführlichen|vollständigen|ganzen) (?:artikel|beitrag"
     r"|bericht) lesen sie\b|lees het (?:volledige|hele) (?:artikel|verhaal) (?:in|op|bij)\b"
     r"|read the (?:full|whole) (?:article|story) (?:in|on|at)\b"),
)
_OPENS = re.compile(r"\W*+(?:" + "|".join(f"(?P<c{index}>{opens})" for index, (_name, opens, _anywhere)
                                          in enumerate(_CALLS) if opens) + ")")
# Searched in the line after a space: one character of no word, then the form, where the forms were searched after
# "\b" (each form begins with a letter, so "\b" before it is the line's start or a character of no word). A search
# that begins with a set of characters skips the others at C speed; one that begins with "\b" tried every character.
_ANYWHERE = re.compile(r"\W(?:" + "|".join(f"(?P<c{index}>{anywhere})" for index, (_name, _opens, anywhere)
                                           in enumerate(_CALLS) if anywhere) + ")")


def call_to_the_reader(text: str) -> str | None:
    """What the line asks of the reader (a tip, a subscription, ...), or None for a line that asks nothing."""
    if len(text) > MAX_CALL:
        return None
    line = " ".join(text.lower().split())  # the forms are written in lower case
    match = _OPENS.match(line) or _ANYWHERE.search(" " + line)
    return _CALLS[int(match.lastgroup[1:])][0] if match and match.lastgroup else None
