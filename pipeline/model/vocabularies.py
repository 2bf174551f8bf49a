"""Vocabularies `pipeline init` offers: a general Dutch newsroom's, and the example site's.

The built-in defaults (``config.DEFAULT_TAGS`` and ``DEFAULT_SECTIONS``) are the example site's, about AI
and work: a general newsroom gets ``news``. A tag's or section's words find it in a text (a word ending in
``*`` matches its forms); its synonyms are other spellings of its name that normalise rewrites.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace

from pipeline.model.config import (
    DEFAULT_AUDIENCES,
    DEFAULT_CONFIG,
    DEFAULT_SECTIONS,
    DEFAULT_TAGS,
    Config,
    ConfigError,
    Term,
)
from pipeline.model.config_text import DEFAULT_HEADER


@dataclass(frozen=True)
class Vocabulary:
    name: str
    what: str
    tags: tuple[Term, ...]
    sections: tuple[Term, ...]
    audiences: tuple[Term, ...]
    default_audience: str


NEWS_SECTIONS: tuple[Term, ...] = (
    Term("binnenland", ("binnenland", "nederland", "nederlandse", "landelijk*", "kabinet", "rijksoverheid")),
    Term("buitenland", ("buitenland", "internationa*", "oorlog", "vluchteling*", "verenigde naties", "navo",
                        "europese unie", "wereldwijd")),
    Term("politiek", ("politiek*", "kabinet", "minister*", "tweede kamer", "eerste kamer", "partij*",
                      "verkiezing*", "coalitie*", "oppositie", "gemeenteraad", "provinciale staten")),
    Term("economie", ("economie", "economisch*", "bedrijf", "bedrijven", "inflatie", "rente", "banen",
                      "werkloosheid", "omzet", "winst", "beurs", "koopkracht", "woningmarkt", "export")),
    Term("sport", ("sport", "voetbal*", "wedstrijd*", "competitie", "eredivisie", "wielren*", "schaats*",
                   "tennis", "hockey", "olympisch*", "kampioen*", "trainer", "doelpunt*")),
    Term("cultuur", ("cultuur", "culturele", "muziek", "film*", "theater*", "museum", "musea", "tentoonstelling*",
                     "festival*", "boek", "boeken", "schrijver*", "kunst*", "concert*")),
    Term("wetenschap", ("wetenschap*", "onderzoek*", "universiteit*", "studie", "ontdekking*", "klimaat*",
                        "ruimtevaart", "gezondheid", "medisch*", "virus*")),
    Term("tech", ("tech", "technologie", "software", "internet", "app", "apps", "kunstmatige intelligentie",
                  "ai", "smartphone*", "cyber*", "hack*", "data", "chip*", "algoritme*")),
    Term("regio", ("gemeente", "wethouder*", "burgemeester", "dorp", "wijk", "buurt", "provincie", "regio*",
                   "inwoners", "politie", "brandweer")),
)

NEWS_TAGS: tuple[Term, ...] = (
    Term("verkiezingen", ("verkiezing*", "stembus", "stemmen", "kandida*", "peiling*")),
    Term("kabinet", ("kabinet*", "ministerraad", "premier", "minister-president")),
    Term("gemeente", ("gemeente", "gemeenteraad", "wethouder*", "burgemeester", "college van b en w")),
    Term("europa", ("europa", "europese unie", "eu", "brussel", "europees parlement")),
    Term("oorlog", ("oorlog", "leger", "militair*", "aanval*", "bombardement*", "gevecht*")),
    Term("migratie", ("migratie", "asiel*", "vluchteling*", "azc", "migrant*")),
    Term("inflatie", ("inflatie", "prijsstijging*", "koopkracht", "duurder")),
    Term("woningmarkt", ("woningmarkt", "huizenprijs*", "huurwoning*", "koopwoning*", "woningbouw", "hypothe*"),
         ("wonen",)),
    Term("energie", ("energie", "energieprijs*", "gas", "stroom", "zonnepan*", "windmolen*", "windpark*")),
    Term("landbouw", ("landbouw", "boer", "boeren", "stikstof", "veehouder*", "akkerbouw*")),
    Term("werkgelegenheid", ("werkgelegenheid", "banen", "werkloosheid", "vacature*", "ontslag*")),
    Term("onderwijs", ("onderwijs", "school", "scholen", "leerling*", "leraar", "leraren", "docent*", "student*")),
    Term("zorg", ("zorg", "ziekenhuis*", "huisarts*", "verpleeg*", "patiënt*", "ggz")),
    Term("criminaliteit", ("criminaliteit", "misdrijf", "misdrijven", "verdachte*", "aangehouden", "politie",
                          "rechtbank", "rechter", "celstraf*", "overval*", "inbraak", "inbraken")),
    Term("verkeer", ("verkeer", "ongeluk*", "aanrijding*", "snelweg*", "file*", "fietser*", "trein*", "ns")),
    Term("klimaat", ("klimaat*", "co2", "uitstoot", "opwarming", "duurzaam*", "hittegolf*", "droogte")),
    Term("weer", ("weer", "weerbericht", "regen", "storm*", "sneeuw", "onweer", "knmi", "code oranje")),
    Term("voetbal", ("voetbal*", "eredivisie", "champions league", "keeper", "doelpunt*", "knvb")),
    Term("wielrennen", ("wielren*", "renner*", "etappe*", "tour de france", "peloton")),
    Term("schaatsen", ("schaats*", "elfstedentocht", "ijsbaan")),
    Term("muziek", ("muziek", "concert*", "album*", "band", "zanger*", "zangeres*", "festival*")),
    Term("film", ("film*", "bioscoop", "regisseur*", "acteur*", "actrice*", "serie*")),
    Term("kunst", ("kunst*", "museum", "musea", "tentoonstelling*", "schilderij*")),
    Term("gezondheid", ("gezondheid", "ziekte*", "virus*", "vaccin*", "corona*", "griep")),
    Term("kunstmatige intelligentie", ("kunstmatige intelligentie", "ai", "chatbot*", "chatgpt", "algoritme*"),
         ("ai",)),
    Term("privacy", ("privacy", "persoonsgegevens", "avg", "datalek*"), ("gegevensbescherming",)),
    Term("cybersecurity", ("cyber*", "hack*", "ransomware", "phishing", "digitale aanval*")),
)

NEWS_AUDIENCES: tuple[Term, ...] = (
    Term("ALGEMEEN", synonyms=("algemeen", "iedereen", "publiek", "general")),
    Term("JONGEREN", synonyms=("jongeren", "jeugd", "young")),
    Term("PROFESSIONAL", synonyms=("professionals", "vakmensen", "specialist")),
)

VOCABULARIES: dict[str, Vocabulary] = {
    "news": Vocabulary("news", "a general Dutch newsroom: sections binnenland, buitenland, politiek, economie, "
                               "sport, cultuur, wetenschap, tech, regio, and their tags",
                       NEWS_TAGS, NEWS_SECTIONS, NEWS_AUDIENCES, "ALGEMEEN"),
    "example": Vocabulary("example", "the example site's (AI and work, for decision makers in small businesses)",
                          DEFAULT_TAGS, DEFAULT_SECTIONS, DEFAULT_AUDIENCES, "BESLISSER"),
}


def config_with_vocabulary(name: str) -> tuple[Config, str]:
    """The built-in settings with one of the vocabularies `pipeline init` offers, and the header its
    pipeline.toml starts with."""
    chosen = VOCABULARIES.get(name)
    if chosen is None:
        raise ConfigError(f"--vocabulary: {name!r} is not one of {', '.join(sorted(VOCABULARIES))}")
    config = replace(DEFAULT_CONFIG, tags=chosen.tags, sections=chosen.sections, audiences=chosen.audiences,
                     default_audience=chosen.default_audience)
    note = (f"The vocabulary ([tags], [sections], [audience]) is {chosen.what}: make it your own "
            "(`pipeline vocabulary suggest` lists what the drafts talk about that it does not have yet). "
            "Left out altogether, it is the example site's.")
    header = DEFAULT_HEADER + "\n" + "\n".join(textwrap.wrap(note, 98))
    return config, header
