"""Words that are never personal data in our domain, plus Dutch titles and name particles.

deduce was trained on medical records; in wijkteam texts it sometimes takes a capitalised domain word
("Buurtcoach Henk", "Mantelzorg Dordrecht") for part of a name or place. Person and place candidates
are trimmed so that the words below always survive. Everything here is lower case.
"""

from __future__ import annotations

#: Domain vocabulary of the sociaal domein (roles, laws, services, values, intervisie terms).
KEEP_WORDS: frozenset[str] = frozenset(
    """
    mantelzorg mantelzorger mantelzorgers buurtcoach buurtcoaches gemeente gemeenten participatiewet
    sociaal wijkteam wijkteams sociale wijkteam eigen regie intervisie leerkring leerkringen leercoach
    teamreflectie teamleider teamlid teamleden wijk buurt wijkverpleegkundige wijkverpleging wijkagent
    huisarts huisartsen ggz wmo wmo-consulent jeugdwet jeugdhulp jeugdzorg schuldhulp schuldhulpverlening
    schuldhulpverlener bewindvoerder bewind uitkering bijstand bijstandsuitkering toeslag toeslagen
    energietoeslag huurtoeslag zorgtoeslag kinderopvangtoeslag huurachterstand voedselbank taalcafé
    vrijwilliger vrijwilligers vrijwilligerswerk bemoeizorg handhaving handhaven hulpverlening
    hulpverlenen hulpverlener zelfredzaamheid veiligheid vertrouwen rechtvaardigheid zorgzaamheid
    rechtsgelijkheid privacy gelijkwaardigheid onzekerheid signaal signalen dossier overdracht
    intake wachtlijst verzorgingshuis verpleeghuis school dagbesteding beschermd wonen
    woningcorporatie corporatie uwv svb cak cjg veilig thuis zorgverzekeraar zorgaanbieder
    welzijn welzijnswerk welzijnswerker opbouwwerker opbouwwerk jongerenwerker jongerenwerk
    maatschappelijk werk maatschappelijk werker consulent casusregisseur regisseur coördinator
    incidentmethode moreel beraad dilemmamethode actieleren partnerschapskaart trialoog
    transformatie transformatieleren leer-mix kwestie kwesties beleidssturing
    generalist specialist netwerk netwerken evaluatie ervaring ervaringen inzicht leervraag
    stille kennis perspectief waarden gezamenlijk kader systeemkwestie uitnodiging actie effect les
    kennis gevoel contact bewoner bewoners cliënt client cliënten klant burger burgers
    professional professionals partner partners partnerorganisatie management manager
    kerk moskee sportclub lotgenoten wijkcentrum buurthuis ouderenwerk thuiszorg
    """.split()
)

#: Titles and forms of address that belong to a person span (they are replaced with the name).
TITLES: frozenset[str] = frozenset(
    """
    mevrouw mevr mevr. mw mw. meneer mijnheer mr mr. dhr dhr. heer dr dr. dokter juffrouw
    familie fam fam.
    """.split()
)

#: Name particles (tussenvoegsels) that may be lower case inside a name.
PARTICLES: frozenset[str] = frozenset(
    "van de der den het ter ten te in 't op von el al da di du le la bin ibn ben".split()
)

#: Multi-word domain terms (lower case) that are never a person or a place.
KEEP_PHRASES: tuple[str, ...] = (
    "sociaal wijkteam",
    "sociale wijkteams",
    "eigen regie",
    "beschermd wonen",
    "veilig thuis",
    "maatschappelijk werk",
    "moreel beraad",
    "stille kennis",
)


def is_keep_word(word: str) -> bool:
    """True for a word no plugin lets the scrubber replace (ours above and those of plugins)."""
    from leerkring.privacy import registry

    return word.lower().strip(".,;:!?()'\"") in registry.keep_words()


#: Common Dutch words that start sentences and are also names (Bel, Roos, Mail): at the start of a
#: sentence they are not taken for a name by themselves.
SENTENCE_STARTERS: frozenset[str] = frozenset(
    """
    bel bellen mail mailen app zie vraag stuur check kijk lees let graag gisteren vandaag morgen
    daarna toen ook maar want dus volgens samen hij zij ze ik wij we jij je u mijn haar zijn hun onze
    het een de deze die dat dit wat wie waar hoe wanneer waarom als omdat terwijl nadat voordat
    even eerst nu straks later vorige volgende afgelopen komende
    """.split()
)
