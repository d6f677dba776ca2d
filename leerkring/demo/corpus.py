"""Fictitious demo corpus for ``leerkring demo``.

Everything in this module is invented: the organisation ("Sociale Wijkteams Dordrecht-Zuid"), its
teams, staff, guests, clients and partner organisations. Real town and neighbourhood names are used
only as setting. The texts are Dutch because the product's user-facing content is Dutch.

The generator consumes plain data only; nothing here has behaviour. Structure:

``KRINGEN``
    A list of three learning circles (``kring_index`` 0, 1, 2). Each is a dict with ``name``,
    ``description`` (one Dutch sentence), ``focus`` (the team's theme), ``members`` (6-8 dicts
    ``{"name", "role": "coach" | "member", "discipline"}``, exactly one coach) and ``guests``
    (dicts ``{"name", "role": "guest", "kind", "organisation"}``).
``MANAGERS``
    Two dicts ``{"name", "role": "manager", "function"}``: a teamleider and a manager sociaal domein.
``TEXTS``
    ``TEXTS[kring_index][principle_key][entry_kind]`` is a list of contributions fitting that team's
    focus. Most are plain ``str``; a few kinds carry metadata as dicts:

    * ``stille_kennis``: ``{"text", "source_role"}`` (professional, bewoner, vrijwilliger, partner)
    * ``perspectief``: ``{"text", "position"}`` (a short label such as "hulpverlenen")
    * ``waarden``: ``{"text", "values"}`` (keys from ``data/vocabularies.toml``, e.g. ``eigen_regie``)
    * ``systeemkwestie``: ``{"text", "level"}`` (management, registratie, gemeente, partner)
    * ``uitnodiging``: ``{"text", "invitee_kind"}`` (vrijwilliger, bewoner, partner, management,
      gemeente)

    A few ``ervaring`` texts deliberately contain invented client personal data (a name, a street
    and house number, a 06-number, an e-mail address): the slips the product must pseudonymise.
``ACTIONS``
    ``ACTIONS[kring_index]`` is a list of dicts ``{"title", "effect", "lesson", "drop_reason"}``;
    the generator decides which actions end done, dropped or open.
``SIGNALS``
    ``SIGNALS[kring_index]`` is a list of dicts ``{"title", "text", "response"}``; ``response`` is a
    manager's answer or ``None`` (still open).
``EVALUATION_REMARKS``
    Short anonymous remarks after a session.
``SESSION_TOPICS``
    ``SESSION_TOPICS[method_key][kring_index]`` is a list of session titles.
``DILEMMAS``
    Cases for the moreel beraad method: ``{"case", "question", "option_a", "option_b"}``.

Every text in the corpus is unique (``tests/test_demo_corpus.py`` checks this).
"""

from __future__ import annotations

ORGANISATION = "Sociale Wijkteams Dordrecht-Zuid"

KRINGEN: list[dict] = [
    {
        "name": "Wijkteam Crabbehof",
        "description": (
            "Een wijkteam dat in Crabbehof gezinnen en alleenstaanden bijstaat die vastlopen op "
            "schulden, armoede en een stapel brieven van instanties."
        ),
        "focus": "schulden en armoede",
        "members": [
            {"name": "Marieke van der Linden", "role": "coach", "discipline": "maatschappelijk werker"},
            {"name": "Youssef El Amrani", "role": "member", "discipline": "schuldhulpverlener"},
            {"name": "Esra Yıldız", "role": "member", "discipline": "Wmo-consulent"},
            {"name": "Ruud Verhoeven", "role": "member", "discipline": "wijkverpleegkundige"},
            {"name": "Shanti Ramdin", "role": "member", "discipline": "maatschappelijk werker"},
            {"name": "Jeroen Kloosterman", "role": "member", "discipline": "jongerenwerker"},
            {"name": "Naima Bouzid", "role": "member", "discipline": "consulent werk en inkomen"},
        ],
        "guests": [
            {"name": "Henk de Graaf", "role": "guest", "kind": "vrijwilliger",
             "organisation": "Voedselbank Zuid"},
            {"name": "Fatma Kaya", "role": "guest", "kind": "bewoner",
             "organisation": "Bewonersgroep Crabbehof-Oost"},
            {"name": "Wendy Tjon", "role": "guest", "kind": "partner",
             "organisation": "Woonstichting Drechtoever"},
        ],
    },
    {
        "name": "Wijkteam Sterrenburg",
        "description": (
            "Een wijkteam in Sterrenburg dat ouderen, hun mantelzorgers en de buurt helpt om "
            "eenzaamheid te doorbreken en langer prettig thuis te wonen."
        ),
        "focus": "ouderen en eenzaamheid",
        "members": [
            {"name": "Anouk Brouwer", "role": "coach", "discipline": "wijkverpleegkundige"},
            {"name": "Mohamed Ouali", "role": "member", "discipline": "Wmo-consulent"},
            {"name": "Ingrid Smit-Visser", "role": "member", "discipline": "ouderenadviseur"},
            {"name": "Ricardo Sedney", "role": "member", "discipline": "maatschappelijk werker"},
            {"name": "Hatice Demir", "role": "member", "discipline": "casemanager dementie"},
            {"name": "Bas Hoekstra", "role": "member", "discipline": "opbouwwerker"},
            {"name": "Priya Jagesar", "role": "member", "discipline": "mantelzorgconsulent"},
            {"name": "Kees van Wijk", "role": "member", "discipline": "wijkverpleegkundige"},
        ],
        "guests": [
            {"name": "Gerrit Mulder", "role": "guest", "kind": "vrijwilliger",
             "organisation": "Stichting Maatje Dichtbij"},
            {"name": "Wilma Koster", "role": "guest", "kind": "bewoner",
             "organisation": "Seniorenraad Sterrenburg"},
            {"name": "Noor Haddou", "role": "guest", "kind": "student",
             "organisation": "Hogeschool Zuidwaard"},
        ],
    },
    {
        "name": "Wijkteam Oud-Krispijn",
        "description": (
            "Een wijkteam in Oud-Krispijn dat samen met scholen, sportclubs en ouders werkt aan "
            "een veilige plek om op te groeien voor kinderen en jongeren."
        ),
        "focus": "jeugd en gezin",
        "members": [
            {"name": "Dennis Kuijpers", "role": "coach", "discipline": "jongerenwerker"},
            {"name": "Samira Akkouh", "role": "member", "discipline": "jeugd- en gezinscoach"},
            {"name": "Joyce Kartosen", "role": "member", "discipline": "schoolmaatschappelijk werker"},
            {"name": "Emre Aydın", "role": "member", "discipline": "jongerenwerker"},
            {"name": "Femke Dijkstra", "role": "member", "discipline": "jeugdverpleegkundige"},
            {"name": "Kwame Mensah", "role": "member", "discipline": "gezinscoach"},
            {"name": "Lisa van Dam", "role": "member", "discipline": "Wmo-consulent"},
        ],
        "guests": [
            {"name": "Mustafa Çelik", "role": "guest", "kind": "partner",
             "organisation": "Voetbalvereniging Krispijn Boys"},
            {"name": "Marga Veldhuis", "role": "guest", "kind": "vrijwilliger",
             "organisation": "Huiswerkklas De Brug"},
            {"name": "Thijs Vermeulen", "role": "guest", "kind": "student",
             "organisation": "Hogeschool Zuidwaard"},
        ],
    },
]

MANAGERS: list[dict] = [
    {"name": "Carla Wijnands", "role": "manager", "function": "teamleider"},
    {"name": "Orlando Pinas", "role": "manager", "function": "manager sociaal domein"},
]

# --------------------------------------------------------------------------------------------
# Texts per kring. Kring 0: Crabbehof, schulden en armoede.
# --------------------------------------------------------------------------------------------

_CRABBEHOF: dict[str, dict[str, list]] = {
    "ervaringen": {
        "ervaring": [
            "Bij een gezin aan de keukentafel lag een stapel ongeopende enveloppen onder de "
            "fruitschaal. Ik vroeg of ik mocht helpen openen en de moeder begon te huilen: ze durfde "
            "al maanden niet meer te kijken. We hebben samen alleen de eerste drie opengemaakt, meer "
            "kon ze die dag niet aan.",
            "Vanmiddag bij mevrouw Karaca-Doğan op de Kamperfoeliestraat 23 geweest, haar "
            "energierekening is verdubbeld en ze stookt alleen nog de woonkamer. Ze wil teruggebeld "
            "worden op 06-48217730, maar liever niet als haar zoon thuis is.",
            "Een jonge vader kwam naar het inloopspreekuur in het buurthuis met een brief van een "
            "deurwaarder. De oorspronkelijke schuld was een boete van 90 euro voor zijn scooter, "
            "inmiddels staat er bijna 600 euro. Hij zei: 'ik werk gewoon, waarom lukt het dan niet?'",
            "Ik merk dat ik bij schulden meteen in de oplossing schiet: overzicht maken, budgetplan, "
            "aanmelden. Deze week zei een cliënt dat ze eerst gewoon wilde vertellen hoe het zo "
            "gekomen was. Daar had ik eigenlijk geen tijd voor ingepland, en dat zat me niet lekker.",
            "Bij de voedselbank hoorde ik van een vrijwilliger dat een vaste klant al drie weken "
            "niet was geweest. Zij kende hem beter dan wij, want bij ons kwam hij nooit verder dan "
            "de balie.",
            "Een mevrouw met een bijstandsuitkering vertelde terloops dat ze op zaterdag bij een "
            "kennis in de kapsalon helpt en daar wat contant voor krijgt. Ik heb op dat moment niets "
            "gezegd en ben daar sindsdien mee blijven zitten.",
            "Gezin met vier kinderen kon de schoolreis niet betalen, de oudste wilde daarom niet "
            "meer naar school. Via het kindpakket van de gemeente was het zo geregeld geweest, maar "
            "niemand in het gezin wist dat het bestond.",
            "Ik heb een man begeleid die zijn schulden helemaal zelf op een rij had in een schrift, "
            "tot op de cent. Wij hadden hem aangemeld voor een budgetcursus. Hij voelde zich "
            "behoorlijk onderschat, en terecht denk ik.",
            "Meneer R. Sitaldin heeft zijn loonstroken inmiddels gemaild vanaf "
            "r.sitaldin68@voorbeeldmail.nl, maar hij heeft geen idee of de beslagvrije voet goed is "
            "berekend. Ik beloofde het uit te zoeken en ben er nog niet aan toegekomen.",
            "In de wachtruimte van het wijkcentrum zat een vrouw met haar dochter van een jaar of "
            "twaalf, die alles voor haar vertaalde, ook over de schulden. Ik vond het ongemakkelijk "
            "om het meisje dat allemaal te laten horen, maar er was geen tolk.",
            "Samen met de woningcorporatie op huisbezoek geweest bij een huurachterstand van vijf "
            "maanden. De consulent van de corporatie had de ontruimingsprocedure al in gang gezet, "
            "ik wilde juist rust creëren. Op de stoep voor de deur hadden we eigenlijk al ruzie.",
            "Een oudere man schaamde zich zo voor zijn schulden dat hij zijn kinderen er niets over "
            "had verteld. Toen zijn dochter er via ons toch bij kwam, bleek zij al lang iets te "
            "vermoeden en was ze vooral opgelucht.",
            "Deze week drie keer iemand doorverwezen naar schuldhulp en drie keer te horen gekregen "
            "dat er een wachtlijst van acht weken is. In die acht weken komen er gewoon nieuwe "
            "aanmaningen bij.",
            "Huisbezoek, koelkast leeg op een pak melk na. Mevrouw zei dat het prima ging. Ik wist "
            "niet of ik erover moest beginnen of haar trots moest laten.",
            "Een zzp'er in de schoonmaak viel tijdens corona tussen alle regelingen in. Hij heeft nu "
            "een belastingschuld en zegt dat hij nooit meer voor zichzelf wil beginnen.",
        ],
        "inzicht": [
            "Schaamte is vaak een groter probleem dan het bedrag zelf. Zolang iemand zich schaamt, "
            "gaan de enveloppen niet open.",
            "We gingen zien dat het budgetplan vooral óns houvast is, en niet altijd dat van de "
            "cliënt.",
            "De vrijwilligers van de voedselbank zien mensen elke week, wij een keer per maand. Zij "
            "merken eerder dat het misgaat.",
            "Het eerste gesprek hoeft niet over geld te gaan. Als het vertrouwen er is, komen de "
            "papieren vanzelf op tafel.",
            "Armoede zit niet alleen in de portemonnee: kinderen die niet meer naar een "
            "verjaardag gaan omdat er geen cadeautje is, dat hoort er ook bij.",
            "Wachtlijsten zijn geen neutrale tijd. In die weken groeien de schulden en neemt het "
            "vertrouwen in ons af.",
            "Wie zelf al een schrift bijhoudt, heeft geen cursus nodig maar iemand die meedenkt. We "
            "moeten beter kijken naar wat mensen al doen.",
            "Een kind als tolk inzetten lijkt handig, maar zo leggen we een volwassen last bij een "
            "kind neer. Dat willen we eigenlijk niet.",
        ],
        "nieuw_gedrag": [
            "Ik ga bij een eerste gesprek eerst vragen wat iemand zelf al geprobeerd heeft, voordat "
            "ik een formulier pak.",
            "Ik schakel voortaan een telefonische tolk in als ik weet dat er een taalbarrière is, "
            "ook als het gezin zegt dat het niet hoeft.",
            "Bij elk huisbezoek waar schulden spelen vraag ik één keer expliciet hoe het met de "
            "kinderen gaat.",
            "Ik ga de komende maand op dinsdag meelopen bij de uitgifte van de voedselbank, gewoon "
            "om er te zijn.",
            "Ik spreek met de corporatie af dat we vóór een huisbezoek eerst samen bellen, zodat we "
            "niet op de stoep ruziën.",
            "Ik probeer het woord 'schuldhulp' minder te gebruiken en te vragen waar iemand wakker "
            "van ligt.",
            "Als een cliënt zegt dat het prima gaat, vraag ik door: wat zou het nog een beetje "
            "beter maken?",
        ],
    },
    "onzekerheid": {
        "niet_weten": [
            "We weten eigenlijk niet hoeveel mensen in Crabbehof schulden hebben en zich nooit bij "
            "ons melden.",
            "Ik weet niet goed hoe ik het gesprek over geld open als iemand er uit schaamte van "
            "wegloopt.",
            "De regels rond de beslagvrije voet veranderen steeds en ik durf niet altijd te zeggen "
            "of een berekening klopt.",
            "Wat doe je als iemand aan tafel vertelt dat hij zwart bijverdient? Daar hebben we als "
            "team geen gedeelde lijn over.",
            "Geen idee hoe je omgaat met een ex-partner die schulden heeft gemaakt op naam van de "
            "cliënt.",
            "We kunnen nog niet goed inschatten wanneer iemand echt te weinig eten in huis heeft. "
            "Mensen laten het niet zien.",
            "Ik kan slecht tegen het wachten. Ik weet niet wat ik in die weken zinvol kan doen, "
            "behalve sussen.",
            "Niemand van ons weet precies welke regelingen de gemeente dit jaar heeft voor "
            "energiekosten.",
        ],
        "leervraag": [
            "Hoe maken we schaamte bespreekbaar zonder dat iemand zich nog kleiner voelt?",
            "Hoe kunnen vrijwilligers van de voedselbank zorgen met ons delen zonder dat zij een "
            "verlengstuk van het wijkteam worden?",
            "Wat kunnen we doen in de wachttijd voor schuldhulp, zodat die tijd niet verloren gaat?",
            "Hoe werken we samen met de corporatie als wij rust willen en zij een procedure moeten "
            "volgen?",
            "Hoe bereiken we gezinnen die recht hebben op het kindpakket maar het niet aanvragen?",
            "Wanneer is het respectvol om iemands trots te laten, en wanneer is het wegkijken?",
            "Hoe laten we de regie echt bij mensen die zelf al veel doen, ook als wij denken dat het "
            "sneller kan?",
            "Hoe voeren we met een tolk erbij een goed gesprek over geld, zonder dat het een "
            "verhoor wordt?",
        ],
    },
    "inductief": {
        "stille_kennis": [
            {"text": "Als iemand de post in een plastic tas bewaart in plaats van in een la, zit het "
                     "meestal al een tijd vast. Dat zie ik na al die jaren in één oogopslag.",
             "source_role": "professional"},
            {"text": "Een vrijwilliger van de voedselbank vertelde dat mensen die ineens geen verse "
                     "groente meer meenemen, thuis vaak ook het koken hebben opgegeven. Voor haar is "
                     "dat een teken om even te vragen hoe het gaat.",
             "source_role": "vrijwilliger"},
            {"text": "Een bewoner uit de flat legde uit dat je aan de gordijnen kunt zien wie het "
                     "moeilijk heeft: overdag dicht betekent vaak dat iemand de deur niet meer "
                     "opendoet voor schuldeisers.",
             "source_role": "bewoner"},
            {"text": "De huurconsulent zei dat huurders met één maand achterstand bijna altijd nog te "
                     "helpen zijn, maar na drie maanden ligt het meestal al bij de deurwaarder. Die "
                     "eerste maand is dus goud.",
             "source_role": "partner"},
            {"text": "Ik plan nooit een huisbezoek op de dag dat de uitkering binnenkomt; dan zijn "
                     "mensen aan het betalen en hebben ze hun hoofd er niet bij. Het staat nergens, "
                     "maar de meesten van ons doen het zo.",
             "source_role": "professional"},
            {"text": "Een vrijwilliger van de kledingbank merkte dat mensen makkelijker over geld "
                     "praten als ze ergens mee bezig zijn, samen kleren sorteren bijvoorbeeld, dan "
                     "als ze tegenover je zitten.",
             "source_role": "vrijwilliger"},
            {"text": "Een moeder vertelde dat ze in de schoolapp ziet welke ouders steeds niet "
                     "reageren op betaalverzoeken. Die ouders vraagt ze zelf voorzichtig of ze een "
                     "keer mee willen naar het spreekuur.",
             "source_role": "bewoner"},
            {"text": "Als iemand zegt 'ik heb het onder controle' en daarbij niet naar de papieren "
                     "kijkt, heeft hij het meestal niet onder controle. Geen regel, maar het klopt "
                     "verrassend vaak.",
             "source_role": "professional"},
        ],
    },
    "spanningen": {
        "perspectief": [
            {"text": "Ik zit aan tafel om te helpen. Als ik ga controleren of iemand zwart werkt, "
                     "ben ik het vertrouwen kwijt en daarmee mijn hele werk.",
             "position": "hulpverlenen"},
            {"text": "Wij werken met publiek geld. Als ik weet dat iemand inkomsten verzwijgt en niets "
                     "doe, is dat oneerlijk tegenover iedereen die het wel netjes meldt.",
             "position": "handhaven"},
            {"text": "Vanuit de corporatie gezien is een vaste procedure juist eerlijk: iedereen "
                     "krijgt dezelfde aanmaningen op hetzelfde moment. Uitzonderingen maken voelt "
                     "als willekeur.",
             "position": "procedure volgen"},
            {"text": "Zolang de deurwaarder dreigt, kan niemand nadenken. Eerst moet de druk eraf, "
                     "pas daarna kun je samen naar een oplossing kijken.",
             "position": "rust creëren"},
            {"text": "Als ik alle brieven voor iemand open en afhandel, leert diegene niets en zit ik "
                     "er over een jaar weer. Ik wil dat mensen het zelf kunnen.",
             "position": "zelf laten doen"},
            {"text": "Soms is iemand zo overspoeld dat zelf doen gewoon niet lukt. Dan neem ik het "
                     "tijdelijk over, en dat vind ik geen falen.",
             "position": "tijdelijk overnemen"},
            {"text": "Een kind hoort nooit tolk te zijn bij een gesprek over schulden, ook niet als "
                     "het gezin dat zelf wil.",
             "position": "kind beschermen"},
            {"text": "Het gezin kiest zelf wie er vertaalt. Als ik een onbekende tolk opdring, "
                     "vertellen ze misschien juist minder.",
             "position": "wens gezin volgen"},
            {"text": "Ik ben generalist, geen schuldhulpverlener. Ik wil niet half doen wat een "
                     "specialist beter kan, dus ik verwijs door.",
             "position": "doorverwijzen"},
            {"text": "Doorverwijzen betekent nu acht weken wachten. Een betalingsregeling aanvragen "
                     "kan ik prima zelf, dus dat doe ik gewoon.",
             "position": "zelf oppakken"},
        ],
        "waarden": [
            {"text": "Bij het zwarte werk botsen vertrouwen en rechtsgelijkheid. Allebei zijn ze "
                     "belangrijk, en dat maakt het zo lastig.",
             "values": ["vertrouwen", "rechtsgelijkheid"]},
            {"text": "Het schrift van meneer ging over eigen regie. Onze reflex om een cursus aan te "
                     "bieden kwam uit zorgzaamheid, maar pakte uit als onderschatting.",
             "values": ["eigen_regie", "zorgzaamheid"]},
            {"text": "Bij het meisje dat tolkt gaat het om haar veiligheid en om de privacy van haar "
                     "moeder, die haar schulden liever niet met haar dochter deelt.",
             "values": ["veiligheid", "privacy"]},
            {"text": "Dat een boete van 90 euro zo kan oplopen, vinden we onrechtvaardig. We willen "
                     "de vader als gelijke behandelen, niet als iemand die het zelf verprutst heeft.",
             "values": ["rechtvaardigheid", "gelijkwaardigheid"]},
            {"text": "Zelfredzaamheid is mooi als doel, maar bij iemand die niet meer durft te kijken "
                     "moet er eerst zorg zijn.",
             "values": ["zelfredzaamheid", "zorgzaamheid"]},
            {"text": "Als we vrijwilligers vragen om zorgen door te geven, raken we aan het vertrouwen "
                     "dat bezoekers in hen hebben en aan de privacy van die bezoekers.",
             "values": ["vertrouwen", "privacy"]},
        ],
        "gezamenlijk_kader": [
            "Nog niet. Over het zwarte werk blijven we verdeeld; we spreken wel af dat niemand het "
            "alleen hoeft te dragen en dat je het altijd in de leerkring mag inbrengen.",
            "Eerst rust, dan regels: we zorgen dat de druk eraf gaat en bespreken daarna samen met "
            "de cliënt wat er gemeld moet worden.",
            "Tolken: in principe een professionele tolk, en als het gezin echt iets anders wil, "
            "bespreken we dat met de ouder zonder het kind erbij.",
            "Nog niet gevonden. De corporatie en wij willen allebei dat de huurder kan blijven "
            "wonen, maar over het tempo verschillen we te veel.",
            "We doen zelf wat we kunnen zolang de wachtlijst er is, en we zeggen eerlijk tegen de "
            "cliënt wat wel en niet bij ons kan.",
        ],
    },
    "grenzen": {
        "systeemkwestie": [
            {"text": "In ons registratiesysteem kan ik alleen individuele trajecten vastleggen. De "
                     "ochtend die ik bij de voedselbank sta, bestaat administratief gewoon niet.",
             "level": "registratie"},
            {"text": "Het kindpakket kan alleen via een digitaal formulier met DigiD worden "
                     "aangevraagd. Juist de gezinnen die het nodig hebben, lopen daarop vast.",
             "level": "gemeente"},
            {"text": "De corporatie start na twee maanden huurachterstand automatisch een "
                     "incassotraject. Wij horen er pas van als het al bij de deurwaarder ligt.",
             "level": "partner"},
            {"text": "Afstemmen met de corporatie vóór een huisbezoek telt niet mee in onze "
                     "productienorm, dus niemand plant er tijd voor.",
             "level": "management"},
            {"text": "De wachtlijst voor schuldhulp komt door de formatie bij de gemeente. Daar "
                     "kunnen we als team niets aan doen, maar we merken het elke dag.",
             "level": "gemeente"},
            {"text": "In de bijstand moet elke gift worden gemeld, ook een tas boodschappen van de "
                     "buurvrouw. Cliënten snappen die regel niet en wij kunnen hem niet goed "
                     "uitleggen.",
             "level": "gemeente"},
        ],
        "uitnodiging": [
            {"text": "Twee vrijwilligers van de voedselbank uitnodigen voor een sessie over hoe zij "
                     "merken dat het slechter gaat met iemand.",
             "invitee_kind": "vrijwilliger"},
            {"text": "Een huurconsulent van de corporatie uitnodigen om samen een casus te bespreken, "
                     "niet om procedures uit te leggen.",
             "invitee_kind": "partner"},
            {"text": "De beleidsmedewerker armoede van de gemeente vragen om een keer mee te kijken "
                     "op het inloopspreekuur, zodat ze ziet waar het formulier knelt.",
             "invitee_kind": "gemeente"},
            {"text": "Een bewoner die zelf uit de schulden is gekomen vragen te vertellen wat haar "
                     "toen echt hielp. Ze wil dat graag, als het informeel blijft.",
             "invitee_kind": "bewoner"},
            {"text": "Onze teamleider uitnodigen bij een terugblik, zodat ze hoort waarom afstemming "
                     "met de corporatie tijd kost en wat het oplevert.",
             "invitee_kind": "management"},
        ],
    },
    "actieleren": {
        "les": [
            "Geld is zelden het eerste gesprek. Vertrouwen gaat voor het overzicht.",
            "Samen met de voedselbank zien we meer dan alleen; wat vrijwilligers opmerken is geen "
            "roddel maar kennis.",
            "Vooraf afstemmen met de corporatie voorkomt ruzie op de stoep en geeft de huurder een "
            "eerlijker kans.",
            "Een dilemma als zwart werk moet je niet alleen dragen. Inbrengen in de kring maakt het "
            "lichter, ook als er geen antwoord komt.",
            "Wat iemand zelf al doet, is ons vertrekpunt. Wij vullen aan, we nemen niet over.",
            "Een kleine stap in de wachttijd, zoals samen één brief beantwoorden, houdt het contact "
            "levend.",
        ],
    },
    "trialoog": {
        "kennis": [
            "Bij een achterstand bij de zorgverzekeraar kun je vaak nog een regeling treffen "
            "voordat iemand in de wanbetalersregeling komt. Dat scheelt een flink hogere premie.",
            "De Nibud-bedragen voor minimale uitgaven zijn handig om samen met iemand naast de "
            "eigen uitgaven te leggen, als gesprek en niet als oordeel.",
            "Een deurwaarder moet rekening houden met de beslagvrije voet. Is die verkeerd berekend, "
            "dan kun je schriftelijk om herberekening vragen.",
            "Ik heb een setje kaarten gemaakt met plaatjes in plaats van tekst om over geld te "
            "praten met mensen die moeilijk lezen; ik deel het graag.",
            "Bij vroegsignalering krijgt de gemeente een seintje als iemand huur, energie of "
            "zorgverzekering niet betaalt. Niet iedereen weet dat wij die meldingen ook zelf kunnen "
            "oppakken.",
            "Een toeslag kun je zelf laten aanpassen zodra het inkomen verandert; dat voorkomt een "
            "terugvordering een jaar later.",
        ],
        "gevoel": [
            "Ik was boos toen ik zag hoe een boete van 90 euro zo kon oplopen. Die boosheid nam ik "
            "mee naar huis.",
            "Machteloos, bij het zoveelste bericht over de wachtlijst.",
            "Eerlijk gezegd schaamde ik me een beetje toen meneer zijn schrift liet zien. Ik had hem "
            "zo snel in een hokje gestopt.",
            "Het zwarte werk blijft door mijn hoofd spoken. Ik voel me een soort medeplichtige, en "
            "tegelijk weet ik dat melden alles kapot zou maken.",
            "Ik was opgelucht toen de dochter van de oudere man erbij kwam. Ik had hem al weken "
            "alleen zien worstelen.",
            "Het gesprek op de stoep met de corporatie zit me nog steeds dwars. Ik vond mezelf niet "
            "professioneel.",
            "Het raakt me dat kinderen in deze wijk thuisblijven van een schoolreisje. Daar kan ik "
            "moeilijk zakelijk naar blijven kijken.",
            "Vandaag voelde ik vooral trots: mevrouw heeft zelf de energieleverancier gebeld, ik zat "
            "er alleen naast.",
        ],
        "contact": [
            "De imam van de moskee in de wijk heeft na het vrijdaggebed een vast moment waarop "
            "mensen met geldzorgen bij hem terechtkunnen. Hij wil graag weten waar hij naar kan "
            "verwijzen.",
            "De coördinator van de voedselbank is op donderdagochtend altijd in het buurthuis en "
            "staat open voor een kop koffie met ons.",
            "Een gepensioneerde boekhouder helpt als vrijwilliger buren met hun administratie. Hij "
            "zoekt iemand bij wie hij terechtkan als het te ingewikkeld wordt.",
            "Bij de corporatie zit één huurconsulent die ons echt begrijpt; zij wil het eerste "
            "aanspreekpunt voor onze wijk worden.",
            "De kerk aan de rand van de wijk heeft een noodfonds voor acute kosten, zoals een "
            "kapotte wasmachine. Snel en zonder formulieren.",
            "Een moeder uit de oudercommissie van de basisschool wil meedenken over hoe we ouders "
            "bereiken die de ouderbijdrage niet kunnen betalen.",
        ],
    },
}

# --------------------------------------------------------------------------------------------
# Kring 1: Sterrenburg, ouderen en eenzaamheid.
# --------------------------------------------------------------------------------------------

_STERRENBURG: dict[str, dict[str, list]] = {
    "ervaringen": {
        "ervaring": [
            "Ik kwam bij een weduwnaar van 84 die sinds de dood van zijn vrouw de tv alleen nog "
            "aanzet voor de stemmen. Hij zei dat ik de eerste was die deze week bij hem binnen was.",
            "Mevrouw Van Dongen-Wiersma (Lijsterbeslaan 8, tweede etage) vertelde dat de traplift al "
            "twee weken kapot is en dat ze daardoor niet meer buiten komt. Haar dochter wil graag "
            "gebeld worden: 06-39120584.",
            "Een mantelzorger zorgt al zes jaar voor haar man met dementie. Toen ik vroeg hoe het "
            "met háár ging, viel ze stil en zei: 'dat vraagt nooit iemand'.",
            "Bij de koffieochtend in het buurthuis zitten elke week dezelfde twaalf mensen. De "
            "mensen die we echt zoeken, komen daar niet.",
            "Meneer weigert huishoudelijke hulp via de Wmo, want hij wil 'geen vreemden in huis'. "
            "Zijn huis is inmiddels zo vervuild dat de buren klagen over de stank.",
            "Een vrijwilliger van de maatjesgroep belde me ongerust: de vrouw die zij elke week "
            "bezoekt, herkende haar niet meer. Ze wist niet of ze dat aan mij mocht vertellen.",
            "Een Surinaamse mevrouw van 79 vertelde dat ze zich eenzaam voelt in haar flat, terwijl "
            "haar familie om de hoek woont. Ze wil hen niet belasten, zegt ze.",
            "Bij een keukentafelgesprek voerde de zoon steeds het woord. Zodra hij even naar de auto "
            "liep, zei zijn moeder dat ze helemaal niet naar een verpleeghuis wil.",
            "Meneer viel vorige maand in de badkamer en lag een hele nacht op de grond. Hij heeft "
            "een alarmknop, maar draagt die niet 'omdat het hem oud maakt'.",
            "Een mevrouw belt bijna dagelijks naar het wijkteam met kleine vragen. Collega's "
            "zuchten als haar nummer in beeld komt, maar ik denk dat dit haar enige contact is.",
            "De wijkverpleging en ik kwamen op dezelfde ochtend bij dezelfde meneer, zonder dat we "
            "dat van elkaar wisten. Hij vond het vooral gezellig, wij vonden het pijnlijk.",
            "Een echtpaar van in de negentig wil per se samen thuis blijven, terwijl hij bedlegerig "
            "is en zij hem nauwelijks nog kan tillen. Ze zei: 'we hebben het toch altijd samen "
            "gedaan'.",
            "Een oudere Turkse man zit elke dag op het bankje bij de speeltuin. Via het jongerenwerk "
            "hoorde ik dat hij thuis met bijna niemand meer praat sinds zijn vrouw terug is naar "
            "Turkije.",
            "Ik heb een mevrouw geleerd een tablet te gebruiken om met haar kleinkinderen te "
            "beeldbellen. Na drie weken bleek ze er vooral het weerbericht op te bekijken, en dat "
            "vond ze prima.",
            "Op het inloopspreekuur kwam een mevrouw met een brief van de zorgverzekeraar die ze "
            "niet begreep. Na tien minuten ging het niet meer over de brief, maar over haar "
            "overleden broer.",
        ],
        "inzicht": [
            "Eenzaamheid zie je niet aan het aantal bezoekjes. Iemand kan veel mensen zien en zich "
            "toch alleen voelen.",
            "De mantelzorger is vaak net zo goed onze cliënt, ook al staat alleen de partner "
            "geregistreerd.",
            "De koffieochtend bereikt vooral mensen die het al redelijk redden. Wie we zoeken, "
            "vinden we via de buren, de huisarts en de winkel.",
            "Nee zeggen tegen hulp is vaak een manier om de regie te houden. Het helpt meer om te "
            "vragen wat iemand wél wil.",
            "Als we elkaars bezoeken niet kennen, belasten we mensen met dubbele gesprekken. "
            "Afstemmen is ook een vorm van respect.",
            "Familie die 'het wel regelt', neemt soms ongemerkt de stem van de oudere over. We "
            "moeten de oudere ook alleen spreken.",
            "Vrijwilligers merken veranderingen vaak eerder dan wij. Ze twijfelen alleen of ze het "
            "mogen doorgeven.",
            "Een hulpmiddel werkt pas als het past bij hoe iemand zichzelf ziet. Een alarmknop die "
            "in de la ligt, helpt niemand.",
        ],
        "nieuw_gedrag": [
            "Bij elk gesprek met een mantelzorger stel ik minstens één vraag over haar of hem zelf.",
            "Bij een keukentafelgesprek vraag ik altijd om een moment om de oudere even alleen te "
            "spreken.",
            "Ik loop twee keer per maand op maandagochtend met de wijkagent door de seniorenflats, "
            "om te zien wie niet opendoet.",
            "Als iemand hulp weigert, vraag ik eerst wat het ergste zou zijn aan die hulp.",
            "Ik bied de mevrouw die elke dag belt een vaste belafspraak op woensdag aan, in plaats "
            "van haar telefoontjes af te houden.",
            "Ik wil vrijwilligers na elk bezoek een kort belmoment aanbieden, zodat ze hun zorgen "
            "ergens kwijt kunnen.",
            "Voordat ik een huisbezoek plan, check ik in het teamoverleg wie er nog meer bij die "
            "persoon over de vloer komt.",
        ],
    },
    "onzekerheid": {
        "niet_weten": [
            "We weten niet goed hoe je eenzaamheid bespreekbaar maakt bij mannen van die leeftijd; "
            "ze zeggen al snel dat het wel gaat.",
            "Ik weet niet waar de grens ligt tussen iemands eigen keuze om thuis te blijven en een "
            "situatie die onveilig wordt.",
            "Hoe lang je moet wachten voordat je ingrijpt bij vervuiling, daar heb ik eerlijk gezegd "
            "geen idee van.",
            "Ik weet niet wat een vrijwilliger wel en niet mag doorgeven over iemand die ze bezoekt.",
            "We kennen de oudere migranten in de wijk nauwelijks. Ik weet niet eens welke talen er "
            "in de flats aan de rand worden gesproken.",
            "Niemand van ons heeft zicht op hoeveel mantelzorgers in de wijk zelf overbelast raken.",
            "Ik kan slecht inschatten wanneer beginnende dementie een reden is om de huisarts te "
            "bellen, en wanneer ik dat aan de familie laat.",
            "Wat bereiken we eigenlijk met de koffieochtend, behalve dat het gezellig is? Ik weet "
            "het niet.",
        ],
        "leervraag": [
            "Hoe bereiken we ouderen die nergens komen en niemand binnenlaten?",
            "Hoe ondersteunen we mantelzorgers zonder dat ze het gevoel krijgen dat ze "
            "tekortschieten?",
            "Hoe kunnen vrijwilligers hun zorgen delen zonder de privacy van de oudere te schenden?",
            "Wanneer respecteren we een nee, en wanneer is doorzetten juist zorgzaam?",
            "Hoe zorgen we dat de oudere zelf aan het woord blijft als de familie het gesprek "
            "overneemt?",
            "Wat hebben de oudere migranten in onze wijk nodig, en wie kan ons daarover iets "
            "vertellen?",
            "Hoe stemmen we onze huisbezoeken af zonder nog een overleg dat niemand kan missen?",
            "Hoe maken we zichtbaar wat een koffieochtend oplevert, zonder er een turflijst van te "
            "maken?",
        ],
    },
    "inductief": {
        "stille_kennis": [
            {"text": "Als de brievenbus vol zit en de gordijnen 's ochtends dicht blijven, loop ik "
                     "altijd even bij de buren langs. Dat staat in geen enkel protocol, het werkt "
                     "gewoon.",
             "source_role": "professional"},
            {"text": "Een maatje vertelde dat ze bij elk bezoek kijkt of er verse boodschappen in de "
                     "keuken staan. Zo weet ze of iemand nog zelf naar de winkel gaat.",
             "source_role": "vrijwilliger"},
            {"text": "Een buurvrouw in de flat zei dat je eenzame mensen herkent aan wie er bij de "
                     "lift blijft praten. Wie lang blijft hangen, heeft thuis niemand.",
             "source_role": "bewoner"},
            {"text": "De apotheker merkt het als iemand zijn medicijnen niet meer ophaalt, of juist "
                     "heel vaak langskomt voor kleine dingen. Voor hem zijn dat twee kanten van "
                     "hetzelfde.",
             "source_role": "partner"},
            {"text": "Met oudere mannen praat het beter naast elkaar dan tegenover elkaar: samen iets "
                     "repareren of even een rondje lopen.",
             "source_role": "professional"},
            {"text": "Een vrijwilliger van de boodschappendienst zei dat mensen het eerste kwartier "
                     "altijd zeggen dat alles goed gaat. Het echte gesprek begint bij de deur, als "
                     "ze weg wil gaan.",
             "source_role": "vrijwilliger"},
            {"text": "Een oudere bewoner legde uit dat hij pas hulp aanneemt als hij er iets "
                     "tegenover kan zetten, al is het een kop koffie of een klusje voor een ander.",
             "source_role": "bewoner"},
            {"text": "De huismeester van de seniorenflat weet precies wie er niet meer in de "
                     "gezamenlijke ruimte komt. Niemand heeft hem ooit gevraagd dat te delen.",
             "source_role": "partner"},
        ],
    },
    "spanningen": {
        "perspectief": [
            {"text": "Meneer is volwassen en wilsbekwaam. Als hij geen hulp wil, moeten we dat "
                     "respecteren, ook als wij het anders zouden doen.",
             "position": "keuze respecteren"},
            {"text": "Ik zie een man die in zijn eigen vuil leeft en waar de buren last van hebben. "
                     "Niets doen is ook een keuze, en die vind ik niet verantwoord.",
             "position": "ingrijpen"},
            {"text": "De zoon kent zijn moeder al zestig jaar, ik ken haar een uur. Ik vind dat we "
                     "zijn zorgen serieus moeten nemen.",
             "position": "familie volgen"},
            {"text": "Het gaat om haar leven en haar huis. De zorgen van de zoon zijn begrijpelijk, "
                     "maar hij beslist niet voor haar.",
             "position": "oudere centraal"},
            {"text": "Vrijwilligers doen dit uit goedheid. We moeten ze niet opzadelen met "
                     "signaleren, dat is ons werk.",
             "position": "vrijwilliger ontzien"},
            {"text": "Als een maatje ziet dat iemand achteruitgaat en dat niet doorgeeft, laten we "
                     "die oudere eigenlijk in de steek.",
             "position": "vrijwilliger als oog"},
            {"text": "Een mevrouw die elke dag belt, kost het team veel tijd die we ook aan anderen "
                     "kunnen besteden. Grenzen stellen hoort erbij.",
             "position": "grenzen stellen"},
            {"text": "Voor haar is dat telefoontje de hulp. Als we het afhouden, houden we eigenlijk "
                     "de hulp af.",
             "position": "contact als hulp"},
            {"text": "Het echtpaar heeft recht op de keuze om samen te blijven, ook als daar risico's "
                     "aan zitten.",
             "position": "zelf beslissen"},
            {"text": "Als zij hem niet meer kan tillen, raakt een van beiden gewond. Dat kan ik niet "
                     "met een gerust hart laten gebeuren.",
             "position": "veiligheid voorop"},
        ],
        "waarden": [
            {"text": "Bij de man in de vervuilde woning staat zijn eigen regie tegenover de "
                     "veiligheid van hemzelf en van de buren.",
             "values": ["eigen_regie", "veiligheid"]},
            {"text": "Het maatje wil zorgzaam zijn en iets doorgeven, maar de oudere heeft het haar "
                     "in vertrouwen verteld. Privacy en zorgzaamheid trekken hier aan elkaar.",
             "values": ["zorgzaamheid", "privacy"]},
            {"text": "Als de zoon het woord doet, is het gesprek niet meer gelijkwaardig, en verliest "
                     "zijn moeder ook haar eigen regie.",
             "values": ["gelijkwaardigheid", "eigen_regie"]},
            {"text": "Is het rechtvaardig dat één mevrouw zoveel tijd krijgt omdat zij belt en "
                     "anderen niet? Tegelijk is elke dag bellen een teken dat ze zorg nodig heeft.",
             "values": ["rechtvaardigheid", "zorgzaamheid"]},
            {"text": "Het echtpaar vertrouwt op elkaar. We willen die band niet beschadigen, en toch "
                     "moet het veilig blijven.",
             "values": ["vertrouwen", "veiligheid"]},
            {"text": "Een oudere die iets terug wil doen, vraagt om gelijkwaardigheid. "
                     "Zelfredzaamheid is dan niet alles alleen doen, maar ook iets voor een ander "
                     "kunnen betekenen.",
             "values": ["zelfredzaamheid", "gelijkwaardigheid"]},
        ],
        "gezamenlijk_kader": [
            "We respecteren een nee, maar we blijven langskomen. Contact houden is iets anders dan "
            "hulp opdringen.",
            "Daar zijn we nog niet uit. Over wanneer we ingrijpen bij vervuiling verschillen we van "
            "mening; we vragen eerst aan de GGD hoe zij dat afwegen.",
            "De oudere spreken we altijd ook alleen, en de familie krijgt daarna een eigen gesprek "
            "over hun zorgen.",
            "Vrijwilligers mogen hun zorgen altijd bij ons kwijt; wat we ermee doen, bespreken we "
            "eerst met de oudere zelf.",
            "Nog geen gedeeld kader voor het echtpaar. Wel zijn we het erover eens dat we de "
            "beslissing niet voor hen nemen.",
        ],
    },
    "grenzen": {
        "systeemkwestie": [
            {"text": "Een mantelzorger kunnen we niet als aparte cliënt registreren. Alles wat we "
                     "voor haar doen, verdwijnt in het dossier van haar partner.",
             "level": "registratie"},
            {"text": "Een Wmo-indicatie voor huishoudelijke hulp duurt nu zes weken. Voor iemand die "
                     "net uit het ziekenhuis komt, is dat veel te lang.",
             "level": "gemeente"},
            {"text": "De leverancier van trapliften rekent met een reparatietermijn van drie weken. "
                     "Zo lang zit iemand opgesloten in haar eigen flat.",
             "level": "partner"},
            {"text": "Huisbezoeken zonder concrete hulpvraag passen niet in onze urenverantwoording, "
                     "terwijl we juist daarmee eenzaamheid op het spoor komen.",
             "level": "management"},
            {"text": "De subsidie voor de koffieochtend wordt afgerekend op het aantal bezoekers, "
                     "niet op wie we ermee bereiken.",
             "level": "gemeente"},
            {"text": "De huisartsenpraktijk mag ons niet zomaar bellen over een patiënt die "
                     "achteruitgaat. Daardoor horen we het vaak pas als het al mis is.",
             "level": "partner"},
        ],
        "uitnodiging": [
            {"text": "Twee maatjes van de vrijwilligerscentrale uitnodigen voor een gesprek over wat "
                     "ze zien en wat ze met ons willen delen.",
             "invitee_kind": "vrijwilliger"},
            {"text": "De huismeester van de seniorenflat een keer laten aanschuiven bij het "
                     "teamoverleg; hij kent iedereen.",
             "invitee_kind": "partner"},
            {"text": "Een mantelzorger vragen om in de leerkring te vertellen hoe ons "
                     "keukentafelgesprek voor haar voelde. Ze wil dat graag, als haar man er niet "
                     "bij is.",
             "invitee_kind": "bewoner"},
            {"text": "De Wmo-beleidsmedewerker uitnodigen om samen één casus te volgen van aanvraag "
                     "tot indicatie, zodat ze de wachttijd van dichtbij ziet.",
             "invitee_kind": "gemeente"},
            {"text": "De teamleider vragen mee te denken over hoe we 'zomaar langsgaan' kunnen "
                     "verantwoorden.",
             "invitee_kind": "management"},
        ],
    },
    "actieleren": {
        "les": [
            "Volhouden werkt beter dan overtuigen. Wie blijft langskomen, krijgt na weken soms "
            "toch een deur open.",
            "De mantelzorger apart aandacht geven is geen extraatje; het voorkomt dat er straks "
            "twee cliënten zijn.",
            "Wat de oudere zelf wil, horen we pas als de familie even weg is. Dat moment moeten we "
            "organiseren.",
            "Vrijwilligers en wij zien ieder een ander stukje. Samen ontstaat pas een beeld, mits de "
            "oudere weet wat er gedeeld wordt.",
            "Een vaste belafspraak gaf meer rust dan telefoontjes afhouden, voor haar en voor ons.",
            "Een hulpmiddel kiezen we samen, en het moet passen bij hoe iemand zichzelf ziet.",
        ],
    },
    "trialoog": {
        "kennis": [
            "Een alarmknop in de vorm van een horloge wordt veel vaker gedragen dan de klassieke "
            "hanger; het scheelt in het stigma.",
            "Mantelzorgers kunnen via de gemeente respijtzorg krijgen, bijvoorbeeld een "
            "logeeropvang van een paar dagen. Veel mensen weten niet dat het bestaat.",
            "Bij een vermoeden van dementie kan de casemanager dementie al meekijken voordat er een "
            "officiële diagnose is.",
            "Er bestaat een korte eenzaamheidsschaal met elf vragen. Ik gebruik hem niet als test, "
            "maar als opening van een gesprek.",
            "Voor vervoer naar de dagbesteding of het buurthuis kan iemand een Wmo-vervoerspas "
            "aanvragen; een begeleider reist vaak gratis mee.",
            "Een ouderenadviseur kan thuis kijken naar valrisico's. Vaak zijn een paar losse kleden "
            "weghalen en een extra handgreep al genoeg.",
        ],
        "gevoel": [
            "Het raakte me dat ik de eerste bezoeker van die week was. Ik heb in de auto even "
            "moeten zitten voordat ik verder kon.",
            "Ik ergerde me aan de zoon, en dat zat mijn gesprek met zijn moeder in de weg.",
            "Bij de vervuilde woning voelde ik walging, en daarna schaamte over die walging.",
            "Ik ben bang dat het echtpaar op een dag samen op de grond ligt en niemand het merkt.",
            "Ik werd eerlijk gezegd moe van de dagelijkse telefoontjes. Nu we een vaste afspraak "
            "hebben, kijk ik er zelfs naar uit.",
            "Blij dat de vrijwilliger mij belde. Dat betekent dat ze ons vertrouwt.",
            "Ik voelde me onhandig bij de oudere Turkse man; ik sprak zijn taal niet en hij de mijne "
            "nauwelijks.",
            "Het gesprek met de mantelzorger ging me aan het hart. Zes jaar zorgen, en nooit "
            "gevraagd worden hoe het met jou gaat.",
        ],
        "contact": [
            "De bakker in het winkelcentrum ziet elke ochtend dezelfde oudere klanten. Hij wil best "
            "bellen als iemand een paar dagen wegblijft.",
            "In de moskee drinkt een groep oudere mannen op zaterdag samen thee; de voorzitter wil "
            "graag dat we een keer aanschuiven.",
            "De buurtsportcoach heeft een beweeggroep voor 65-plussers in het park en zoekt "
            "deelnemers die een duwtje nodig hebben.",
            "Een gepensioneerde verpleegkundige in de flat biedt aan om langs te gaan bij buren die "
            "geen hulp van 'instanties' willen.",
            "De Surinaamse seniorenvereniging komt op donderdagmiddag samen in het buurthuis en "
            "staat open voor een gesprek over mantelzorg.",
            "De dominee van de wijkkerk bezoekt veel alleenstaande ouderen en wil weten wanneer hij "
            "ons kan inschakelen.",
        ],
    },
}

# --------------------------------------------------------------------------------------------
# Kring 2: Oud-Krispijn, jeugd en gezin.
# --------------------------------------------------------------------------------------------

_OUD_KRISPIJN: dict[str, dict[str, list]] = {
    "ervaringen": {
        "ervaring": [
            "Een moeder van drie belde omdat haar zoon van veertien al twee weken niet naar school "
            "gaat. Toen ik langskwam, zat hij de hele dag te gamen op zijn kamer en durfde zij de "
            "deur niet meer open te doen.",
            "Gesprek gehad met de vader van Jayden de Wit (groep 7). Hij wil alles liever per mail, "
            "via j.dewit.vader@voorbeeldmail.nl, want hij voelt zich door school steeds als "
            "schuldige aangesproken.",
            "Op het pleintje achter de sporthal hangt 's avonds een groep jongens rond. Bewoners "
            "bellen de politie, de jongens zeggen dat er nergens anders plek voor ze is.",
            "Een meisje van vijftien vertelde me bij het jongerenwerk dat ze thuis voor haar "
            "broertjes zorgt, omdat haar moeder depressief is. Ze wilde uitdrukkelijk niet dat ik "
            "er iets mee deed.",
            "Een vader zei aan de keukentafel dat hij zich door jeugdhulp bekeken voelde als een "
            "slechte vader. Zijn vorige hulpverlener sprak steeds zijn vrouw aan en negeerde hem.",
            "Gescheiden ouders komen allebei bij ons, elk met een eigen verhaal over dezelfde "
            "dochter. Ik merkte dat ik na het tweede gesprek de eerste ouder minder geloofde.",
            "Ik begeleid een gezin waar drie hulpverleners over de vloer komen: jeugdhulp, "
            "schuldhulp en een gezinscoach. De moeder zei: 'ik heb meer afspraken dan mijn kinderen "
            "schooluren'.",
            "Een jongen van zeventien wordt over een paar maanden achttien en valt dan uit de "
            "jeugdhulp. Hij heeft geen idee waar hij daarna kan wonen.",
            "Bij de huiswerkklas vertelde een jongen dat hij thuis geen eigen tafel heeft. Hij maakt "
            "zijn huiswerk op bed, als zijn broertjes slapen.",
            "Een moeder liet me trots de tekeningen van haar dochter zien, terwijl school had "
            "gemeld dat het meisje steeds met blauwe plekken komt. Ik wist niet hoe ik dat moest "
            "aansnijden.",
            "Ik heb de oma van de tweeling, mevrouw Doelwijt, toch maar mijn nummer gegeven en het "
            "hare genoteerd: 06-21987463. Zij ziet de kinderen dagelijks en maakt zich zorgen over "
            "de nieuwe vriend van haar dochter.",
            "Een jongen die we al jaren kennen van het jongerenwerk is opgepakt voor het vervoeren "
            "van drugs. Hij zei later tegen me dat hij dacht dat hij gewoon een pakketje wegbracht "
            "voor 50 euro.",
            "Een ouder vroeg hulp bij de inschrijving voor de middelbare school. Het formulier was "
            "alleen online en alleen in het Nederlands, en ze had geen laptop.",
            "De jeugdverpleegkundige en ik zagen allebei dat een baby niet goed groeide, maar we "
            "dachten allebei dat de ander al iets had gedaan.",
            "Een moeder vertelde dat haar zoon op school een etiket heeft gekregen en dat ze op "
            "elke ouderavond alleen nog over zijn gedrag hoort. Ze zei: 'hij is ook de beste keeper "
            "van zijn team, maar dat vraagt niemand'.",
        ],
        "inzicht": [
            "Jongeren die 'overlast' geven, zoeken vaak gewoon een plek. Als we alleen naar de "
            "overlast kijken, missen we hun vraag.",
            "Een kind dat thuis zorgt, wil vooral dat het gezin bij elkaar blijft. Als wij hulp "
            "aanbieden, moeten we dat als uitgangspunt nemen.",
            "Vaders voelen zich vaak buitengesloten in de hulp. Als we ze rechtstreeks aanspreken, "
            "doen ze veel meer mee dan we dachten.",
            "Meer hulpverleners betekent niet meer hulp. Eén plan met één aanspreekpunt scheelt een "
            "gezin veel energie.",
            "Bij gescheiden ouders moeten we oppassen dat we niet ongemerkt partij kiezen. Het kind "
            "is ons vertrekpunt.",
            "De overgang naar achttien is een klif. Als we er pas op de verjaardag mee beginnen, "
            "zijn we te laat.",
            "Wat we 'niet betrokken ouders' noemen, zijn vaak ouders die vastlopen op taal, "
            "formulieren of het ontbreken van een laptop.",
            "Als twee professionals allebei twijfelen, moet één van hen de telefoon pakken. "
            "Aannemen dat de ander het doet, is gevaarlijk.",
        ],
        "nieuw_gedrag": [
            "Ik nodig bij elk eerste gesprek beide ouders uit, ook de vader als hij niet thuis "
            "woont.",
            "Ik ga op vrijdagavond een uur met het jongerenwerk op het pleintje staan, zonder "
            "agenda.",
            "Met een jongere van zestien begin ik het gesprek over wonen en geld na zijn achttiende "
            "nu al.",
            "Ik vraag een gezin met meerdere hulpverleners voortaan wie van ons zij het liefst als "
            "vast aanspreekpunt hebben.",
            "Als ik een zorg over een kind deel met een collega, spreek ik meteen af wie wat doet en "
            "wanneer.",
            "Ik neem bij huisbezoeken een tablet mee om formulieren samen in te vullen, in plaats "
            "van ze achter te laten.",
            "Ik vraag het meisje dat thuis zorgt eerst wat zij zelf zou willen veranderen, voordat "
            "ik iets voorstel.",
        ],
    },
    "onzekerheid": {
        "niet_weten": [
            "Ik weet niet goed wat ik moet met een geheim dat een jongere me vertelt als ik me "
            "zorgen maak over de veiligheid thuis.",
            "We weten niet hoe groot de groep jongeren is die in de wijk bij drugsrunnen betrokken "
            "raakt.",
            "Wanneer is een kind dat thuis zorgt een jonge mantelzorger, en wanneer helpt het gewoon "
            "mee? Ik vind dat lastig.",
            "Ik kan niet goed inschatten of mijn beeld van een 'goede opvoeding' cultureel gekleurd "
            "is.",
            "We hebben geen zicht op wat er met jongeren gebeurt na hun achttiende; ze verdwijnen "
            "uit onze systemen.",
            "Ik weet niet hoe ik blauwe plekken bespreekbaar maak zonder dat de ouder dichtklapt.",
            "Welke route we lopen bij twijfel over een melding bij Veilig Thuis, is niet voor "
            "iedereen in het team helder.",
            "Ik weet niet hoe je bewoners die overlast ervaren en jongeren die een plek zoeken met "
            "elkaar in gesprek brengt.",
        ],
        "leervraag": [
            "Hoe bouwen we vertrouwen op met jongeren zonder geheimhouding te beloven die we "
            "misschien niet kunnen waarmaken?",
            "Hoe betrekken we vaders echt bij de hulp, ook als ze niet thuis wonen?",
            "Hoe zorgen we dat een gezin met veel hulpverleners één plan en één aanspreekpunt heeft?",
            "Hoe bereiden we jongeren op tijd voor op hun achttiende verjaardag?",
            "Hoe herkennen we jonge mantelzorgers, en wat hebben ze van ons nodig?",
            "Hoe bespreken we zorgen over veiligheid zonder dat ouders zich beschuldigd voelen?",
            "Wat kunnen we leren van ouders uit de wijk over opvoeden tussen twee culturen?",
            "Hoe brengen we jongeren en omwonenden bij elkaar rond het pleintje?",
        ],
    },
    "inductief": {
        "stille_kennis": [
            {"text": "Jongeren vertellen het meest als je samen in de auto zit of iets aan het doen "
                     "bent. Oogcontact voelt voor hen al snel als een verhoor.",
             "source_role": "professional"},
            {"text": "Een moeder uit de wijk vertelde dat ouders elkaar via de appgroep van school "
                     "waarschuwen als er 'mannen met dure auto's' bij het schoolplein staan. Wij "
                     "horen dat vaak pas veel later.",
             "source_role": "bewoner"},
            {"text": "De vrijwilliger van de huiswerkklas ziet aan schoenen en jassen welke kinderen "
                     "het thuis krap hebben. Ze heeft een plank met reservekleding waar niemand over "
                     "praat.",
             "source_role": "vrijwilliger"},
            {"text": "De intern begeleider van de basisschool zei dat kinderen die op maandag extra "
                     "moe zijn, vaak een onrustig weekend achter de rug hebben. Dat patroon houdt ze "
                     "bij in een schrift.",
             "source_role": "partner"},
            {"text": "Als een jongere me iets vertelt en dan vraagt 'je zegt het toch tegen "
                     "niemand?', zeg ik meteen eerlijk wat ik wel en niet kan beloven. Ik verlies "
                     "daar minder jongeren mee dan je zou denken.",
             "source_role": "professional"},
            {"text": "Een vader legde uit dat hij zich schaamt om bij de gemeente hulp te vragen, "
                     "maar wel zijn broer of de imam zou bellen. Bij hem loopt de weg naar hulp via "
                     "de familie.",
             "source_role": "bewoner"},
            {"text": "De trainer van de voetbalclub merkt het als een jongen ineens stopt met "
                     "trainen. Meestal is er dan thuis of op straat iets aan de hand.",
             "source_role": "partner"},
            {"text": "Een vrijwilliger van de speel-o-theek zei dat ouders makkelijker praten als de "
                     "kinderen in dezelfde ruimte spelen. Dan voelt het niet als een gesprek over "
                     "hun opvoeding.",
             "source_role": "vrijwilliger"},
        ],
    },
    "spanningen": {
        "perspectief": [
            {"text": "Als ik haar geheim doorvertel, komt ze nooit meer terug. Dan staat ze er "
                     "helemaal alleen voor met de zorg voor haar broertjes.",
             "position": "vertrouwen jongere"},
            {"text": "Een kind van vijftien hoort niet de zorg voor een gezin te dragen. Ik kan niet "
                     "wachten tot zij toestemming geeft.",
             "position": "veiligheid kind"},
            {"text": "Bewoners hebben recht op rust. Als er elke avond tot middernacht herrie is, "
                     "moeten we dat serieus nemen en niet alleen begrip tonen voor de jongeren.",
             "position": "rust in de buurt"},
            {"text": "Die jongens hebben nergens een plek. Als we ze wegsturen, staan ze morgen op "
                     "een ander plein.",
             "position": "jongeren een plek geven"},
            {"text": "School maakt zich zorgen over blauwe plekken. Ik vind dat we dat direct en "
                     "duidelijk tegen de ouder moeten zeggen.",
             "position": "ouder aanspreken"},
            {"text": "Als ik begin over blauwe plekken, gaat de deur dicht. Ik wil eerst een band "
                     "opbouwen, zodat ze me vertrouwt.",
             "position": "eerst relatie"},
            {"text": "Eén hulpverlener moet de regie hebben, anders wordt het gezin gek van ons "
                     "allemaal.",
             "position": "één regisseur"},
            {"text": "Elke specialist heeft zijn eigen deskundigheid. Als één generalist alles "
                     "coördineert, gaat er kennis verloren.",
             "position": "ieder zijn vak"},
            {"text": "Bij twijfel volg ik de meldcode. Die is er juist om te voorkomen dat ik alleen "
                     "moet beslissen.",
             "position": "meldcode volgen"},
            {"text": "De meldcode is een hulpmiddel, geen automatisme. Ik wil eerst met het gezin "
                     "zelf praten voordat ik een stap zet.",
             "position": "eigen oordeel"},
        ],
        "waarden": [
            {"text": "Bij het meisje dat voor haar broertjes zorgt, staat haar vertrouwen in mij "
                     "tegenover haar veiligheid en die van de kleintjes.",
             "values": ["vertrouwen", "veiligheid"]},
            {"text": "Bij het pleintje willen we rechtvaardig zijn naar de bewoners, en de jongeren "
                     "tegelijk zien als gelijkwaardige buurtgenoten.",
             "values": ["rechtvaardigheid", "gelijkwaardigheid"]},
            {"text": "Als we alleen de moeder aanspreken, nemen we de vader niet serieus als "
                     "gelijkwaardige ouder en ontnemen we hem een deel van zijn regie.",
             "values": ["gelijkwaardigheid", "eigen_regie"]},
            {"text": "Bij de blauwe plekken gaat de veiligheid van het kind voor privacy, maar hoe je "
                     "dat gesprek voert, bepaalt of het gezin in beeld blijft.",
             "values": ["veiligheid", "privacy"]},
            {"text": "De jongen die achttien wordt, moet zelfredzaam worden, maar dat leer je niet "
                     "op je verjaardag. Zorgzaam zijn betekent hem daar nu al in begeleiden.",
             "values": ["zelfredzaamheid", "zorgzaamheid"]},
            {"text": "Bij de gescheiden ouders moeten beide ouders gelijk behandeld worden, ook als "
                     "de een veel overtuigender praat. Tegelijk willen we dat ze zelf afspraken "
                     "maken.",
             "values": ["rechtsgelijkheid", "eigen_regie"]},
        ],
        "gezamenlijk_kader": [
            "Geheimhouding beloven we niet. We zeggen vooraf eerlijk wat we doen als we ons zorgen "
            "maken, en we zetten geen stap zonder het de jongere eerst te vertellen.",
            "Nog niet: over het pleintje blijven we heen en weer gaan tussen rust voor bewoners en "
            "ruimte voor jongeren; eerst willen we met beide groepen praten.",
            "Bij zorgen over veiligheid volgen we de meldcode, en we bespreken elke stap eerst met "
            "de ouder, tenzij dat het kind in gevaar brengt.",
            "Eén plan, één aanspreekpunt, en het gezin kiest wie dat is.",
            "Nog niet gevonden voor de gescheiden ouders. Wel afgesproken dat twee collega's ieder "
            "één ouder spreken en dat we samen naar het kind kijken.",
        ],
    },
    "grenzen": {
        "systeemkwestie": [
            {"text": "Het jongerenwerk op straat wordt nergens geregistreerd. Op papier lijkt het "
                     "alsof we die avonden niets doen.",
             "level": "registratie"},
            {"text": "Jeugdhulp stopt bij achttien en volwassenenhulp begint pas na een nieuwe "
                     "aanvraag. Jongeren vallen precies in dat gat.",
             "level": "gemeente"},
            {"text": "School, jeugdhulp en wijkteam hebben ieder een eigen dossier over hetzelfde "
                     "kind. Niemand heeft het hele beeld.",
             "level": "partner"},
            {"text": "We worden afgerekend op afgesloten trajecten, terwijl vertrouwen opbouwen met "
                     "een jongere maanden duurt.",
             "level": "management"},
            {"text": "Inschrijven voor de middelbare school kan alleen digitaal. Ouders zonder "
                     "computer of met weinig Nederlands lopen daarop vast.",
             "level": "gemeente"},
            {"text": "De politie stuurt overlast naar ons door als zorgmelding, zonder dat we met de "
                     "jongeren of met de melder kunnen praten.",
             "level": "partner"},
        ],
        "uitnodiging": [
            {"text": "De bewoners die over het pleintje klagen en twee van de jongeren uitnodigen "
                     "voor een gesprek in het buurthuis, met het jongerenwerk als gastheer.",
             "invitee_kind": "bewoner"},
            {"text": "De intern begeleider van de basisschool uitnodigen voor een sessie over hoe we "
                     "samen zorgen over een kind bespreken.",
             "invitee_kind": "partner"},
            {"text": "De vrijwilligers van de huiswerkklas vragen wat zij zien en wat ze van ons "
                     "nodig hebben.",
             "invitee_kind": "vrijwilliger"},
            {"text": "De beleidsmedewerker jeugd uitnodigen voor een gesprek over jongeren rond hun "
                     "achttiende, samen met een jongere die het zelf heeft meegemaakt.",
             "invitee_kind": "gemeente"},
            {"text": "Het management vragen om een sessie over wat 'resultaat' is bij jongerenwerk, "
                     "zodat het niet alleen om afgesloten trajecten draait.",
             "invitee_kind": "management"},
        ],
    },
    "actieleren": {
        "les": [
            "Eerlijk zijn over wat je niet kunt beloven, kost minder vertrouwen dan een belofte "
            "breken.",
            "Vaders doen mee als je ze uitnodigt. We moeten stoppen met aannemen dat ze niet willen.",
            "Een vast aanspreekpunt dat het gezin zelf kiest, werkt beter dan een regisseur die wij "
            "aanwijzen.",
            "Twijfel over een kind deel je met een afspraak erbij: wie belt er, en wanneer.",
            "Het gesprek over achttien begint bij zestien. Later is te laat.",
            "Op het plein zijn wij geen handhavers, maar we kunnen wel het gesprek tussen bewoners "
            "en jongeren organiseren.",
        ],
    },
    "trialoog": {
        "kennis": [
            "Jonge mantelzorgers kunnen bij de mantelzorgorganisatie terecht in een eigen groep, "
            "waar ze niets hoeven uit te leggen.",
            "De meldcode huiselijk geweld heeft een afwegingskader; het helpt om die stappen samen "
            "met een collega langs te lopen.",
            "Vanaf zestien kun je met een jongere een toekomstplan maken, zodat de overgang naar "
            "achttien geen verrassing wordt.",
            "Met jonge kinderen werkt het gesprek met drie getekende huizen goed: een huis van "
            "zorgen, een huis van goede dingen en een huis van dromen.",
            "Via fondsen in de stad kunnen kinderen een fiets, een laptop of een sportclub krijgen; "
            "de aanvraag is kort en kan samen met de ouder.",
            "Een jongere die drugs vervoert, is vaak eerst slachtoffer van uitbuiting. Er bestaat "
            "speciale begeleiding voor jongeren die als runner zijn ingezet.",
        ],
        "gevoel": [
            "Ik voelde me verscheurd toen het meisje vroeg niets te zeggen. Ik wilde haar niet "
            "verraden en ook niet wegkijken.",
            "Ik schrok van mezelf, dat ik de ene ouder minder ging geloven na het verhaal van de "
            "andere.",
            "Het pleintje maakt me onrustig: ik sta er met goede bedoelingen, maar bewoners kijken "
            "naar me alsof ik de jongeren verdedig.",
            "Ik werd verdrietig van de jongen die zijn huiswerk op bed maakt. Zo'n klein ding, en "
            "zo veel verschil.",
            "Ik schaam me dat de zorg om de baby zo lang is blijven liggen. Niemand deed iets, ik "
            "ook niet.",
            "Na het gesprek met de vader was ik vooral blij: hij voelde zich voor het eerst gehoord.",
            "Ik ben boos op een systeem dat een jongen op zijn achttiende zomaar laat vallen.",
            "Ik word moe van de hoeveelheid overleg. Soms praat ik meer met collega's dan met "
            "gezinnen.",
        ],
        "contact": [
            "De trainer van de voetbalclub om de hoek wil een vast aanspreekpunt bij ons voor "
            "jongens die hij uit het oog verliest.",
            "Een moeder die veel ouders kent via de appgroep van school wil sleutelfiguur worden "
            "voor ouders die moeilijk de weg vinden.",
            "De eigenaar van de snackbar op de hoek kent alle jongeren bij naam en weet wie er 's "
            "nachts nog buiten loopt.",
            "De imam wil een ouderavond organiseren over opvoeden tussen twee culturen en zoekt "
            "iemand van ons die meepraat.",
            "Een student die helpt bij de huiswerkklas biedt aan om op zaterdag een uur bijles te "
            "geven aan kinderen zonder rustige plek thuis.",
            "De wijkagent wil vaker samen met het jongerenwerk langs het pleintje, om eerst te "
            "praten in plaats van te bekeuren.",
        ],
    },
}

TEXTS: list[dict[str, dict[str, list]]] = [_CRABBEHOF, _STERRENBURG, _OUD_KRISPIJN]

# --------------------------------------------------------------------------------------------
# Actions (actieleren loop): what someone tries, what happened, the lesson, why it may stop.
# --------------------------------------------------------------------------------------------


def _action(title: str, effect: str, lesson: str, drop_reason: str) -> dict[str, str]:
    return {"title": title, "effect": effect, "lesson": lesson, "drop_reason": drop_reason}


ACTIONS: list[list[dict[str, str]]] = [
    [  # Crabbehof
        _action(
            "Ik ga de eerste drie gesprekken met nieuwe aanmelders voeren zonder formulier op tafel.",
            "Twee van de drie mensen vertelden in het eerste gesprek meer dan ik normaal in drie "
            "gesprekken hoor. Bij de derde miste ik het overzicht en moest ik alsnog terugkomen.",
            "Zonder formulier ontstaat eerder vertrouwen; het overzicht kan een gesprek later.",
            "De organisatie wil dat de intake binnen één gesprek compleet is.",
        ),
        _action(
            "Elke dinsdagochtend een uur meelopen bij de uitgifte van de voedselbank.",
            "De eerste weken werd ik vooral aangekeken. In de vierde week kwamen er twee mensen uit "
            "zichzelf naar me toe met een brief.",
            "Aanwezig zijn zonder agenda heeft tijd nodig, maar opent deuren die een spreekuur niet "
            "opent.",
            "Het uur past niet meer in de planning nu twee collega's ziek zijn.",
        ),
        _action(
            "Met de huurconsulent afspreken dat we bij een achterstand eerst samen bellen.",
            "Bij twee huurders hebben we vooraf gebeld en zijn we daarna samen op bezoek gegaan. "
            "Het gesprek was rustig en bij allebei is er een betalingsregeling gekomen.",
            "Eerst de professionals op één lijn, dan pas aan tafel bij de huurder.",
            "De corporatie heeft een nieuwe huurconsulent die deze afspraak niet kent.",
        ),
        _action(
            "Een telefonische tolk inzetten bij het gezin waar de dochter vertaalde.",
            "Moeder was eerst wantrouwig, maar vertelde daarna voor het eerst over de schulden van "
            "haar ex-man. De dochter was die middag gewoon bij een vriendin.",
            "Een professionele tolk beschermt het kind en geeft de ouder ruimte om meer te "
            "vertellen.",
            "Het budget voor tolken is dit kwartaal op.",
        ),
        _action(
            "Bij de gemeente een papieren versie van het aanvraagformulier voor het kindpakket "
            "regelen.",
            "Na vier weken stuurde de gemeente een printbare versie. Op het spreekuur hebben we er "
            "sindsdien zeven samen met ouders ingevuld.",
            "Iets kleins als een papieren formulier maakt een regeling pas echt bereikbaar.",
            "De gemeente wil voortaan alleen nog digitale aanvragen accepteren.",
        ),
        _action(
            "Ik ga een lijstje maken van wat je in de wachttijd voor schuldhulp al samen kunt doen.",
            "Het lijstje heeft acht punten, van post sorteren tot een betalingspauze aanvragen. "
            "Collega's gebruiken het, en cliënten zeggen dat ze zich minder aan hun lot overgelaten "
            "voelen.",
            "Wachttijd wordt werktijd als je weet wat je al kunt doen.",
            "Schuldhulp vindt dat we daarmee op hun terrein komen.",
        ),
        _action(
            "Bij elk huisbezoek waar schulden spelen vragen hoe het met de kinderen gaat.",
            "In drie gezinnen bleek dat de kinderen niet meer naar sport gingen. Bij twee hebben we "
            "dat via een fonds kunnen oplossen.",
            "Armoede bij kinderen zie je pas als je ernaar vraagt.",
            "Een paar ouders voelden de vraag als kritiek op hun opvoeding.",
        ),
        _action(
            "De vrijwillige boekhouder uit de wijk koppelen aan een cliënt die zijn administratie "
            "zelf wil blijven doen.",
            "Ze zitten nu om de week samen aan tafel. De cliënt zegt dat het voelt als hulp van een "
            "buurman, niet van een instantie.",
            "Informele hulp past soms beter bij iemand die zijn eigen regie wil houden dan "
            "professionele begeleiding.",
            "De vrijwilliger heeft nog geen verklaring omtrent het gedrag en de organisatie wil "
            "die eerst zien.",
        ),
        _action(
            "Het bijverdienen in de kapsalon als moreel beraad in de leerkring inbrengen.",
            "Het beraad liet zien dat de helft van het team zou melden en de andere helft niet. Er "
            "kwam geen antwoord, wel de afspraak dat we zulke situaties altijd samen bespreken.",
            "Een gedeeld dilemma is lichter dan een eenzaam geheim, ook zonder oplossing.",
            "De collega die de casus inbracht, wil er liever niet meer over praten.",
        ),
        _action(
            "Een signaal aan het management sturen over de ontbrekende registratiecode voor "
            "collectief werk.",
            "Na zes weken kwam er een reactie dat het 'wordt meegenomen'. Verder is er nog niets "
            "veranderd.",
            "Een signaal heeft iemand nodig die het blijft volgen, anders verdwijnt het.",
            "Volgend jaar komt er een nieuw registratiesysteem, dus niemand wil nog iets aan het "
            "oude veranderen.",
        ),
        _action(
            "Een groepsbijeenkomst organiseren voor mensen die op de wachtlijst voor schuldhulp "
            "staan.",
            "Er kwamen vijf mensen. Ze herkenden veel in elkaars verhaal en twee van hen hebben "
            "telefoonnummers uitgewisseld.",
            "Lotgenoten geven elkaar iets wat wij niet kunnen geven: het gevoel dat je niet de "
            "enige bent.",
            "Niet iedereen wil met buurtgenoten over schulden praten, en de opkomst was te laag om "
            "door te gaan.",
        ),
        _action(
            "Ik ga bij de imam langs om te horen wat hij na het vrijdaggebed tegenkomt.",
            "Hij blijkt elke week mensen met aanmaningen te spreken en wist niet dat ons spreekuur "
            "gratis is. Hij neemt nu onze folder mee en loopt zelf mee als iemand dat wil.",
            "Sleutelfiguren in de wijk bereiken mensen die ons nooit vinden; ze hebben alleen onze "
            "route nodig.",
            "Het contact loopt via één collega, en die vertrekt binnenkort.",
        ),
        _action(
            "Gesprekskaarten met plaatjes over geld uitproberen bij twee cliënten die moeilijk "
            "lezen.",
            "Bij de een werkte het heel goed: ze wees zelf aan waar ze wakker van lag. De ander vond "
            "het kinderachtig.",
            "Een hulpmiddel werkt alleen als je vraagt of iemand het wil; niet iedereen wil "
            "hetzelfde.",
            "Het ontwerpen van de kaarten kost meer tijd dan we nu hebben.",
        ),
        _action(
            "Eén ochtend per maand afstemmen met de coördinator van de kledingbank.",
            "In de eerste twee ochtenden bespraken we vier mensen die wij niet kenden en zij wel. "
            "Eén van hen krijgt nu hulp van ons bij een huurachterstand.",
            "Vast afstemmen met vrijwilligersorganisaties brengt mensen in beeld die anders buiten "
            "beeld blijven.",
            "De kledingbank draait op vrijwilligers, en die hebben geen tijd voor nog een overleg.",
        ),
    ],
    [  # Sterrenburg
        _action(
            "Ik ga de mantelzorger van meneer met dementie een eigen gesprek aanbieden.",
            "Eerst wilde ze niet: 'het gaat niet om mij'. Bij het tweede aanbod zei ze ja, en in "
            "dat gesprek kwam naar boven dat ze al maanden slecht slaapt.",
            "Een mantelzorger moet soms twee keer gevraagd worden voordat ze zichzelf toestaat hulp "
            "te krijgen.",
            "Het gesprek valt buiten de indicatie van haar man en we kunnen het nergens op boeken.",
        ),
        _action(
            "Op maandagochtend samen met de wijkagent langs de seniorenflats lopen.",
            "We troffen een mevrouw die al drie dagen geen eten in huis had. De andere ochtenden "
            "leverden vooral praatjes op, en ook dat bleek waardevol.",
            "Zomaar langslopen lijkt niets op te leveren, tot het ineens heel veel oplevert.",
            "De wijkagent is overgeplaatst en zijn opvolger heeft andere prioriteiten.",
        ),
        _action(
            "De mevrouw die dagelijks belt een vaste belafspraak op woensdag aanbieden.",
            "De eerste week belde ze nog drie keer tussendoor, daarna nog maar één keer. Ze "
            "vertelde dat ze er de hele week naar uitkijkt.",
            "Voorspelbaar contact geeft rust; een grens stellen kan ook door iets te geven.",
            "De collega die belt, gaat met verlof en niemand anders wil het overnemen.",
        ),
        _action(
            "Bij elk keukentafelgesprek met familie erbij tien minuten alleen met de oudere praten.",
            "Bij vier gesprekken heb ik het gedaan. Twee keer kwam er iets heel anders uit dan de "
            "familie had gezegd; één keer voelde de zoon zich gepasseerd.",
            "Apart spreken geeft de oudere een stem, maar de familie moet vooraf horen waarom we "
            "het doen.",
            "Familieleden ervaren het als wantrouwen en haken af.",
        ),
        _action(
            "Vrijwilligers van de maatjesgroep na hun bezoek een belmoment aanbieden.",
            "Drie vrijwilligers maakten er gebruik van, vooral om hun eigen zorgen te delen. Eén "
            "keer leidde het tot een bezoek van de casemanager dementie.",
            "Vrijwilligers willen niet voor ons signaleren, maar wel hun zorgen kwijt. Dat is iets "
            "anders.",
            "De vrijwilligerscentrale wil niet dat vrijwilligers buiten haar om contact hebben met "
            "het wijkteam.",
        ),
        _action(
            "Een alarmknop in de vorm van een horloge voorstellen aan meneer die zijn hanger niet "
            "draagt.",
            "Hij moest erom lachen, maar hij draagt hem nu wel. Zijn dochter is er erg blij mee.",
            "Soms zit het probleem niet in de hulp, maar in hoe die eruitziet.",
            "De zorgverzekeraar vergoedt het horlogemodel niet.",
        ),
        _action(
            "Aanschuiven bij de theemiddag van de oudere mannen in de moskee.",
            "Ik werd hartelijk ontvangen en er werd veel gelachen. Bij mijn derde bezoek vertelde "
            "iemand pas over zijn eenzaamheid sinds zijn vrouw terug is naar Turkije.",
            "Vertrouwen bij oudere migranten groeit via de eigen gemeenschap, niet via ons "
            "spreekuur.",
            "Zonder iemand die Turks spreekt, blijft het contact oppervlakkig.",
        ),
        _action(
            "Met de huismeester van de seniorenflat een maandelijks kwartiertje afspreken.",
            "In het eerste gesprek noemde hij al vijf mensen over wie hij zich zorgen maakte. Bij "
            "drie van hen klopte dat.",
            "Wie elke dag in een gebouw rondloopt, weet meer dan ons hele registratiesysteem.",
            "De corporatie vindt dat de huismeester geen informatie over huurders mag delen.",
        ),
        _action(
            "De man in de vervuilde woning vragen wat het ergste zou zijn aan huishoudelijke hulp.",
            "Hij bleek bang dat ze de spullen van zijn overleden vrouw zouden weggooien. We hebben "
            "afgesproken dat die kast dicht blijft, en hij heeft ja gezegd tegen hulp.",
            "Achter een nee zit vaak een concrete angst die je kunt wegnemen als je ernaar vraagt.",
            "De buren hebben inmiddels een klacht ingediend en de corporatie neemt het over.",
        ),
        _action(
            "De teamleider uitnodigen om mee te denken over het verantwoorden van huisbezoeken "
            "zonder hulpvraag.",
            "Ze kwam en luisterde goed. Er komt een proef met een aparte code voor 'preventief "
            "contact', maar die is nog niet ingevoerd.",
            "Management meenemen in het werk zelf levert meer op dan een signaal op papier.",
            "De urenverantwoording wordt centraal bepaald en kan lokaal niet worden aangepast.",
        ),
        _action(
            "De mantelzorger laten kennismaken met een logeeropvang voor haar man.",
            "Ze durfde het eerst niet, uit schuldgevoel. Na één weekend vertelde ze dat ze voor het "
            "eerst in jaren had doorgeslapen.",
            "Respijtzorg wordt pas bereikbaar als iemand het zichzelf gunt; daar is een gesprek "
            "voor nodig.",
            "Er is een wachtlijst van drie maanden voor de logeeropvang.",
        ),
        _action(
            "Het echtpaar samen met de ergotherapeut een tilhulp laten uitproberen.",
            "Met de tilhulp kan ze hem weer veilig verplaatsen. Ze wonen nog steeds samen thuis, en "
            "iedereen is wat geruster.",
            "Tussen 'samen thuis' en 'naar het verpleeghuis' liggen meer mogelijkheden dan we "
            "dachten.",
            "De aanvraag voor de tilhulp loopt vast bij de indicatiestelling.",
        ),
        _action(
            "Met de bakker afspreken dat hij belt als een vaste klant een paar dagen wegblijft.",
            "De bakker belde twee keer in een maand. Eén keer was iemand bij haar dochter, de "
            "andere keer lag een meneer met griep in bed zonder dat iemand het wist.",
            "Gewone mensen in de wijk helpen graag mee als je ze een eenvoudige rol geeft.",
            "De bakker vraagt zich af of hij dit wel mag, vanwege de privacy.",
        ),
        _action(
            "De koffieochtend één keer verplaatsen naar de hal van de seniorenflat.",
            "Er kwamen acht nieuwe mensen, van wie zes nog nooit in het buurthuis waren geweest.",
            "Als mensen niet naar ons toe komen, kunnen wij naar hen toe. De drempel van een deur is "
            "hoger dan we dachten.",
            "De subsidie is gekoppeld aan het buurthuis als locatie.",
        ),
    ],
    [  # Oud-Krispijn
        _action(
            "Ik ga elke vrijdagavond een uur op het pleintje achter de sporthal staan, samen met "
            "het jongerenwerk.",
            "De jongens herkennen me nu en maken een praatje. Twee van hen vroegen of ik kon helpen "
            "met een bijbaantje.",
            "Op straat aanwezig zijn maakt ons bereikbaar voor vragen die nooit een spreekuur "
            "halen.",
            "De vrijdagavond telt niet als werktijd, en collega's hebben dan hun eigen gezin.",
        ),
        _action(
            "Bij het volgende gezin beide ouders apart uitnodigen voor het eerste gesprek.",
            "De vader kwam en vertelde dat hij altijd dacht dat hulpverleners hem als het probleem "
            "zagen. Hij doet nu mee aan de gesprekken.",
            "Vaders apart uitnodigen laat zien dat we ze als ouder serieus nemen.",
            "Het kost twee keer zoveel gesprekstijd, en die is niet begroot.",
        ),
        _action(
            "Samen met de jongen van zeventien een plan maken voor wonen en geld na zijn "
            "achttiende.",
            "We vonden een kamer in een woonproject voor jongeren en maakten een afspraak bij de "
            "gemeente over zijn inkomen. Hij zei dat hij zich voor het eerst niet in de steek "
            "gelaten voelde.",
            "Een plan voor na achttien werkt alleen als de jongere het zelf trekt en wij eromheen "
            "helpen.",
            "Het woonproject heeft een wachtlijst van een jaar.",
        ),
        _action(
            "Het gezin met drie hulpverleners zelf laten kiezen wie hun vaste aanspreekpunt wordt.",
            "Moeder koos de gezinscoach. De andere hulpverleners waren eerst gepikeerd, maar het "
            "aantal afspraken is gehalveerd.",
            "Als het gezin kiest, voelt de regie als hún regie en niet als onze structuur.",
            "Jeugdhulp wil de casusregie formeel bij zichzelf houden.",
        ),
        _action(
            "Een avond organiseren met omwonenden en jongeren over het pleintje.",
            "Het begon gespannen, tot een jongen vertelde dat hij alleen daar geen ruzie heeft. Nu "
            "is afgesproken dat er na tienen geen muziek meer is en dat de jongeren een ruimte in "
            "het buurthuis mogen gebruiken.",
            "Een gesprek tussen groepen levert meer op dan bemiddelen namens de een bij de ander.",
            "Een deel van de bewoners weigert met de jongeren aan tafel te zitten.",
        ),
        _action(
            "Ik neem een tablet mee om formulieren samen met ouders in te vullen.",
            "Bij vijf gezinnen hebben we samen de schoolinschrijving en een fondsaanvraag "
            "ingevuld. Een moeder had het zo snel door dat ze nu haar buurvrouw helpt.",
            "Naast iemand zitten bij een formulier is soms de beste manier om zelfredzaamheid op te "
            "bouwen.",
            "Om privacyredenen mogen we op een werkapparaat geen gegevens van cliënten invullen "
            "voor hun eigen aanvragen.",
        ),
        _action(
            "Bij twijfel over een kind meteen afspreken wie de eerste stap zet, met een datum "
            "erbij.",
            "Twee zorgen in één maand waren allebei binnen een week opgepakt. Zo snel ging het nog "
            "nooit.",
            "Een zorg zonder eigenaar blijft liggen; een zorg met een naam en een datum wordt "
            "opgepakt.",
            "Collega's vinden het te strak en voelen zich op de vingers gekeken.",
        ),
        _action(
            "Het meisje dat voor haar broertjes zorgt vragen wat zij zelf zou willen veranderen.",
            "Ze wilde vooral één avond per week voor zichzelf, om te sporten. Met een buurvrouw "
            "als oppas is dat gelukt, en ze mocht meebeslissen over de hulp voor haar moeder.",
            "Bij een jonge mantelzorger beginnen bij haar eigen wens opent een deur die een melding "
            "dicht zou gooien.",
            "De zorgen over haar moeder zijn zo gegroeid dat er toch een melding nodig is.",
        ),
        _action(
            "De intern begeleider van de basisschool uitnodigen in onze leerkring.",
            "Ze schrok van hoeveel wij niet wisten van wat school ziet, en andersom. We bellen "
            "elkaar nu bij zorgen binnen een dag.",
            "School en wijkteam kijken door een ander raam naar hetzelfde kind. Samen zie je de "
            "hele kamer.",
            "De school wil alleen nog via het zorgadviesteam contact, niet rechtstreeks.",
        ),
        _action(
            "Samen met de imam een ouderavond voorbereiden over opvoeden tussen twee culturen.",
            "Er kwamen vooral moeders, en veel meer dan verwacht. Na afloop vroegen een paar vaders "
            "of er ook een avond voor hen kan komen.",
            "Samen organiseren met een sleutelfiguur levert vertrouwen op dat wij alleen niet "
            "hebben.",
            "De moskee heeft een nieuw bestuur dat eerst zelf wil bepalen wat het wil.",
        ),
        _action(
            "Met de voetbaltrainer afspreken dat hij belt als een jongen zonder reden stopt.",
            "Hij belde over een jongen die net gestopt was. Het gezin kon de contributie niet meer "
            "betalen; via een fonds traint hij weer mee.",
            "Een trainer ziet veranderingen die wij nooit zouden zien, en een kleine oplossing kan "
            "veel uitmaken.",
            "De trainer stopt aan het eind van het seizoen.",
        ),
        _action(
            "Het gesprek over de blauwe plekken beginnen met wat er goed gaat in het gezin.",
            "Moeder ontspande en vertelde uiteindelijk zelf dat het thuis soms uit de hand loopt "
            "als haar vriend gedronken heeft. Samen hebben we de volgende stap gezet.",
            "Een moeilijk gesprek open je met erkenning, niet met een beschuldiging.",
            "School heeft intussen zelf een melding gedaan en het gezin wil even niemand meer zien.",
        ),
        _action(
            "De jongen die is opgepakt voor drugsvervoer begeleiden naar een programma tegen "
            "uitbuiting.",
            "Hij ging twee keer en stopte toen. Hij zegt dat hij zich er 'een crimineel tussen de "
            "criminelen' voelde.",
            "Hulp moet aansluiten bij hoe een jongere zichzelf ziet; een etiket kan averechts "
            "werken.",
            "Hij wil geen hulp meer en is zeventien, dus we kunnen alleen de deur openhouden.",
        ),
        _action(
            "Op zaterdag een rustige huiswerkplek organiseren met een student als begeleider.",
            "Er komen elke zaterdag zes tot acht kinderen. De jongen die op bed zijn huiswerk "
            "maakte, haalde zijn eerste voldoende voor wiskunde.",
            "Een tafel en een uur rust kunnen meer betekenen dan een heel hulpverleningstraject.",
            "De student vertrekt na zijn stage en er is nog geen opvolger.",
        ),
    ],
]

# --------------------------------------------------------------------------------------------
# Signals to management; response None means still unanswered.
# --------------------------------------------------------------------------------------------

SIGNALS: list[list[dict]] = [
    [  # Crabbehof
        {
            "title": "Collectief werk onzichtbaar in de registratie",
            "text": "Het registratiesysteem kent alleen individuele trajecten. Onze uren bij de "
                    "voedselbank, het inloopspreekuur en de bijeenkomst voor mensen op de wachtlijst "
                    "zijn nergens terug te vinden. Daardoor lijkt het alsof we die tijd niet "
                    "besteden.",
            "response": "Dank voor het signaal, jullie zijn niet het enige team dat dit meldt. We "
                        "nemen het mee in de eisen voor het nieuwe systeem. Tot die tijd vragen we "
                        "jullie het collectieve werk in een kort overzicht bij te houden, zodat we "
                        "het aan de gemeente kunnen laten zien.",
        },
        {
            "title": "Kindpakket alleen digitaal aan te vragen",
            "text": "Het kindpakket kan alleen met DigiD via de website worden aangevraagd. Veel "
                    "ouders in Crabbehof hebben geen DigiD of geen computer en krijgen het dus "
                    "niet. Zo sluiten we juist de doelgroep uit.",
            "response": "We hebben dit besproken met de afdeling inkomen. Vanaf volgend kwartaal is "
                        "er een papieren formulier dat via het wijkteam kan worden ingeleverd. Laat "
                        "ons weten of dat in de praktijk werkt.",
        },
        {
            "title": "Wachtlijst schuldhulpverlening",
            "text": "De wachttijd voor een eerste gesprek bij schuldhulp is opgelopen tot acht "
                    "weken. In die periode nemen de schulden toe en haken mensen af. Wij worden "
                    "geacht door te verwijzen, maar hebben niets om in de tussentijd aan te bieden.",
            "response": None,
        },
        {
            "title": "Meldplicht voor giften in de bijstand",
            "text": "Mensen in de bijstand moeten elke gift melden, ook kleine hulp van familie of "
                    "buren. Aan de keukentafel komen we daardoor in een onmogelijke positie: als we "
                    "boodschappen van de buurvrouw regelen, zouden we eigenlijk moeten waarschuwen "
                    "dat dit gemeld moet worden.",
            "response": "De meldplicht komt uit de Participatiewet, maar de gemeente heeft ruimte om "
                        "giften tot een bepaald bedrag vrij te laten. We gaan met de wethouder in "
                        "gesprek over het verhogen van die grens en komen daar voor de zomer op "
                        "terug.",
        },
    ],
    [  # Sterrenburg
        {
            "title": "Mantelzorger niet te registreren",
            "text": "In ons systeem kan een mantelzorger alleen als contactpersoon van de cliënt "
                    "staan. Gesprekken met haarzelf, over haar eigen belasting, kunnen we nergens "
                    "kwijt. Zo lijkt mantelzorgondersteuning niet te bestaan.",
            "response": "Terecht punt. We onderzoeken of we een aparte registratie voor "
                        "mantelzorgers kunnen toevoegen zonder dat het meer werk wordt. Tot die tijd "
                        "mogen jullie deze gesprekken onder 'preventie' vastleggen.",
        },
        {
            "title": "Lange doorlooptijd Wmo-indicatie",
            "text": "Een indicatie voor huishoudelijke hulp duurt nu gemiddeld zes weken. Ouderen "
                    "die net uit het ziekenhuis komen, zitten die weken zonder hulp, of de familie "
                    "moet alles opvangen. We zien mensen daardoor opnieuw vallen.",
            "response": None,
        },
        {
            "title": "Subsidie koffieochtend afgerekend op aantallen",
            "text": "De subsidie voor de koffieochtend hangt af van het aantal bezoekers. Daardoor "
                    "is er geen ruimte om te experimenteren met kleinere groepen of andere "
                    "locaties, terwijl we juist mensen willen bereiken die niet naar het buurthuis "
                    "komen.",
            "response": "We begrijpen het dilemma. Met de gemeente is afgesproken dat een deel van "
                        "de subsidie volgend jaar naar activiteiten op andere locaties mag, als "
                        "jullie kort beschrijven wie jullie daarmee bereiken.",
        },
        {
            "title": "Huismeester mag geen zorgen delen",
            "text": "De corporatie heeft haar huismeesters gevraagd geen informatie over huurders "
                    "met ons te delen. Daarmee verliezen we een van de beste ogen in de "
                    "seniorenflats. Er is geen werkwijze waarbij het met toestemming van de "
                    "bewoner wel kan.",
            "response": "We gaan met de corporatie in gesprek over een werkwijze waarbij de "
                        "huismeester zorgen kan doorgeven als de bewoner daarmee instemt. De "
                        "privacyfunctionaris kijkt mee, zodat het zorgvuldig gebeurt.",
        },
    ],
    [  # Oud-Krispijn
        {
            "title": "Straatwerk jongerenwerk niet zichtbaar",
            "text": "Het jongerenwerk op straat valt buiten alle registratiecategorieën. Op papier "
                    "lijken onze avonden leeg, terwijl we juist dan de jongeren spreken die nergens "
                    "anders komen.",
            "response": "We nemen dit mee naar het overleg met de gemeente over de nieuwe "
                        "prestatieafspraken. Ons voorstel is om straatwerk te verantwoorden in uren "
                        "en korte verhalen, in plaats van in trajecten.",
        },
        {
            "title": "Gat tussen jeugdhulp en volwassenenhulp",
            "text": "Jeugdhulp stopt op de achttiende verjaardag en volwassenenhulp begint pas na "
                    "een nieuwe aanvraag. Jongeren zonder netwerk staan daardoor weken zonder "
                    "begeleiding, soms zelfs zonder woonplek.",
            "response": None,
        },
        {
            "title": "Afrekenen op afgesloten trajecten",
            "text": "Ons team wordt beoordeeld op het aantal afgesloten trajecten per kwartaal. "
                    "Vertrouwen opbouwen met een jongere of een gezin kost maanden en past niet in "
                    "die telling. Collega's voelen de druk om te snel af te sluiten.",
            "response": None,
        },
        {
            "title": "Drie dossiers over hetzelfde kind",
            "text": "School, jeugdhulp en wijkteam houden ieder een eigen dossier bij over hetzelfde "
                    "kind. Zorgen worden dubbel uitgevraagd of juist helemaal niet gedeeld, en "
                    "ouders moeten hun verhaal telkens opnieuw vertellen.",
            "response": "Dit herkennen we. Er loopt een proef met één gezinsplan dat, met "
                        "toestemming van de ouders, door alle betrokkenen wordt gebruikt. We vragen "
                        "of jullie team daaraan wil meedoen.",
        },
    ],
]

# --------------------------------------------------------------------------------------------
# Anonymous remarks after a session.
# --------------------------------------------------------------------------------------------

EVALUATION_REMARKS: list[str] = [
    "Fijn dat we eindelijk de tijd namen voor één casus in plaats van tien.",
    "Te veel gepraat over het systeem, te weinig over wat we zelf kunnen doen.",
    "Ik durfde vandaag iets in te brengen wat ik al weken meedraag. Dat voelde goed.",
    "Het moreel beraad was zwaar, maar ik ga met een helderder hoofd naar huis.",
    "De vrijwilligers erbij was een verrijking; zij zien echt andere dingen dan wij.",
    "Ik miste een duidelijke afsluiting. Wat spreken we nu eigenlijk af?",
    "Goede vragen van de coach, al ging het tempo wat hard.",
    "Twee uur is te lang aan het eind van de dag.",
    "Goed om te horen wat er van de acties van vorige keer terecht is gekomen.",
    "Ik had het idee dat steeds dezelfde mensen het woord voerden.",
    "Veilige sfeer, ook toen het over fouten ging.",
    "Leerzaam, maar ik weet nog niet wat ik morgen anders ga doen.",
    "De gast van de corporatie maakte het concreet. Graag vaker.",
    "We bleven hangen in het probleem en kwamen niet bij wat we kunnen proberen.",
    "Even wennen dat niet-weten hier mag. Eigenlijk vind ik dat heel prettig.",
    "Met de teamleider erbij voelde ik me niet helemaal vrij om te zeggen wat ik dacht.",
    "Goed dat we de signalen naar het management samen formuleren.",
    "Wat mij betreft minder methode en meer gewoon praten.",
    "Ik neem een concreet idee mee voor mijn huisbezoek van morgen.",
    "De casus raakte me meer dan ik had verwacht; fijn dat daar ruimte voor was.",
    "De stap met de waarden vond ik abstract. Een voorbeeld had geholpen.",
    "Er zat energie in de groep vandaag.",
    "Een beetje rommelig, maar wel eerlijk.",
    "Graag de volgende keer meer tijd voor de terugblik op acties.",
    "Het helpt om te merken dat collega's met dezelfde dilemma's worstelen.",
    "De student stelde vragen die wij onszelf niet meer stellen.",
    "Ik was moe en kon er niet goed bij zijn. Lag niet aan de sessie.",
    "Nuttig, al vond ik het jammer dat de wijkverpleging ontbrak.",
    "Onze verschillen kwamen op tafel zonder dat het ruzie werd.",
    "Voor het eerst het gevoel dat een signaal ook echt ergens aankomt.",
    "Soms voelt dit als nog een overleg erbij. Vandaag gelukkig niet.",
    "Ik mis nog de stem van bewoners zelf in deze sessies.",
    "Prima sessie, maar de ruimte in het buurthuis is te krap en te warm.",
    "Dat de coach zelf ook een twijfel inbracht, maakte het voor mij makkelijker.",
]

# --------------------------------------------------------------------------------------------
# Session titles: SESSION_TOPICS[method_key][kring_index].
# --------------------------------------------------------------------------------------------

SESSION_TOPICS: dict[str, list[list[str]]] = {
    "teamreflectie": [
        [
            "Terugkijken op drie maanden inloopspreekuur",
            "Wat doet armoede met ons als team?",
            "Schaamte aan de keukentafel",
            "Wat de hoge energierekeningen ons in Crabbehof leerden",
        ],
        [
            "Eenzaamheid herkennen achter de voordeur",
            "Mantelzorgers: cliënt of bondgenoot?",
            "Een jaar koffieochtend: wat levert het op?",
            "Samenwerken met de wijkverpleging rond kwetsbare ouderen",
        ],
        [
            "Jongeren op straat: wat zien we eigenlijk?",
            "Werken met gezinnen die veel hulp krijgen",
            "Vaders in beeld",
            "Terugblik op het schooljaar met het jongerenwerk",
        ],
    ],
    "incidentmethode": [
        [
            "Ruzie op de stoep bij de corporatie",
            "Een dochter als tolk",
            "Het schrift van meneer",
            "Enveloppen onder de fruitschaal",
        ],
        [
            "Twee hulpverleners op één ochtend",
            "De zoon die het woord deed",
            "Een nacht op de badkamervloer",
            "Het telefoontje van het maatje",
        ],
        [
            "Een baby die niet groeide",
            "Het geheim van een meisje van vijftien",
            "Twee ouders, twee verhalen",
            "Een pakketje voor vijftig euro",
        ],
    ],
    "moreel_beraad": [
        [
            "Bijverdienen in de kapsalon: melden of zwijgen?",
            "Huurachterstand: ontruiming laten lopen of uitstel vragen?",
            "De tolk die het gezin niet wil",
            "Overnemen of zelf laten doen als iemand verdrinkt in de post",
        ],
        [
            "Hulp weigeren in een vervuilde woning: respecteren of ingrijpen?",
            "Samen thuis blijven ondanks de risico's",
            "Wat mag een maatje ons vertellen?",
            "De mevrouw die elke dag belt: grens stellen of blijven opnemen?",
        ],
        [
            "Een geheim bewaren voor een jonge mantelzorger?",
            "Blauwe plekken: direct benoemen of eerst vertrouwen winnen?",
            "Het pleintje: rust voor bewoners of ruimte voor jongeren?",
            "Partij kiezen bij een vechtscheiding?",
        ],
    ],
    "actieleren_terugblik": [
        [
            "Wat kwam er terecht van onze afspraken met de corporatie?",
            "Terugblik: een uur per week bij de voedselbank",
            "Het wachttijdlijstje na zes weken gebruik",
            "De acties rond het kindpakket nagelopen",
        ],
        [
            "Zomaar langslopen: wat heeft het opgeleverd?",
            "Terugblik op de belafspraak op woensdag",
            "Ouderen apart spreken: eerste ervaringen",
            "Wat deden we met de tips van de huismeester?",
        ],
        [
            "Vrijdagavond op het plein: een tussenstand",
            "Vaders apart uitnodigen, hoe ging dat?",
            "Plannen voor na achttien: wat werkte?",
            "Eén aanspreekpunt per gezin: de eerste maanden",
        ],
    ],
    "grensoverschrijdend": [
        [
            "Met de voedselbank over signalen van armoede",
            "Huurachterstanden samen met de corporatie aanpakken",
            "Ervaringsdeskundigen over uit de schulden komen",
            "Wat gemeente en wijkteam van elkaar leren over het kindpakket",
        ],
        [
            "Met maatjes en mantelzorgers rond de tafel",
            "De huismeester en de bakker als ogen in de wijk",
            "Oudere migranten: in gesprek met de seniorenvereniging",
            "Samen met de huisartsenpraktijk over kwetsbare ouderen",
        ],
        [
            "Bewoners en jongeren over het pleintje",
            "School en wijkteam: één kind, twee dossiers",
            "De huiswerkklas en het wijkteam",
            "Met de voetbalclub over jongeren die uit beeld raken",
        ],
    ],
}

# --------------------------------------------------------------------------------------------
# Dilemmas for moreel beraad: a case and the moral question as a choice between A and B.
# --------------------------------------------------------------------------------------------

DILEMMAS: list[dict[str, str]] = [
    {
        "case": "Aan de keukentafel vertelt een moeder met een bijstandsuitkering dat ze op "
                "zaterdag in een kapsalon werkt en contant wordt betaald. Van dat geld betaalt ze "
                "de zwemles van haar kinderen. De hulp bij haar schulden en de opvoeding draait "
                "volledig op het vertrouwen dat ze ons geeft.",
        "question": "Moet ik het zwarte werk melden bij de afdeling inkomen, of het binnen ons "
                    "hulpcontact houden?",
        "option_a": "Melden bij de afdeling inkomen, omdat de regels voor iedereen gelijk moeten "
                    "gelden.",
        "option_b": "Niet melden, en samen met haar zoeken naar een manier om het werk legaal te "
                    "maken.",
    },
    {
        "case": "Een man van 81 woont in een sterk vervuilde woning en weigert elke vorm van "
                "huishoudelijke hulp. De buren klagen over stank en ongedierte en dreigen naar de "
                "corporatie te stappen. Volgens de huisarts is hij wilsbekwaam.",
        "question": "Moet ik zijn weigering respecteren, of samen met de corporatie en de GGD "
                    "ingrijpen?",
        "option_a": "Zijn weigering respecteren en blijven langskomen om het contact te houden.",
        "option_b": "Samen met de corporatie en de GGD een interventie in gang zetten.",
    },
    {
        "case": "Een meisje van vijftien zorgt thuis voor haar twee broertjes, omdat haar moeder "
                "ernstig depressief is. Ze vertelt het aan de jongerenwerker en vraagt "
                "uitdrukkelijk om het aan niemand door te vertellen. Ze is bang dat de kinderen "
                "uit huis worden geplaatst.",
        "question": "Moet ik haar geheim bewaren, of de zorg over het gezin delen met jeugdhulp?",
        "option_a": "Het geheim bewaren en eerst haar vertrouwen verdiepen.",
        "option_b": "De zorg delen met jeugdhulp, ook zonder haar toestemming.",
    },
    {
        "case": "Een alleenstaande vader heeft vijf maanden huurachterstand en de corporatie wil "
                "de ontruiming doorzetten. Hij heeft net een baan gevonden en kan vanaf volgende "
                "maand weer betalen. Met de corporatie hebben we afgesproken dat we lopende "
                "procedures niet doorkruisen.",
        "question": "Moet ik de corporatie om uitstel vragen, of de afspraak respecteren en hem "
                    "helpen met andere woonruimte?",
        "option_a": "Uitstel van de ontruiming vragen, ook al gaat dat tegen onze afspraak in.",
        "option_b": "De afspraak met de corporatie nakomen en hem helpen bij het zoeken naar "
                    "andere woonruimte.",
    },
    {
        "case": "Een maatje van de vrijwilligerscentrale vertelt dat de oudere vrouw die zij "
                "bezoekt geld geeft aan een neef die steeds vaker langskomt. De vrouw heeft het "
                "maatje gevraagd het tegen niemand te zeggen. Het maatje heeft geen beroepsgeheim "
                "en weet niet wat ze moet doen.",
        "question": "Moeten we zelf in actie komen, of het maatje helpen om eerst met de vrouw "
                    "zelf te praten?",
        "option_a": "Zelf onderzoeken of er sprake is van financiële uitbuiting.",
        "option_b": "Het maatje ondersteunen om het gesprek eerst met de vrouw zelf aan te gaan.",
    },
    {
        "case": "Een moeder spreekt weinig Nederlands en wil dat haar dochter van twaalf vertaalt "
                "bij de gesprekken over schulden. Een professionele tolk wijst ze af, omdat ze "
                "geen vreemde in haar zaken wil. Zo hoort het meisje alles over de geldzorgen van "
                "het gezin.",
        "question": "Moet ik het gesprek voeren met de dochter als tolk, of erop staan dat er een "
                    "professionele tolk komt?",
        "option_a": "Het gesprek voeren met de dochter als tolk, omdat de moeder dat wil.",
        "option_b": "Erop staan dat er een professionele tolk komt, om het kind te beschermen.",
    },
    {
        "case": "Een mevrouw van 86 belt elke dag naar het wijkteam. Het kost het team veel tijd, "
                "terwijl bewoners die minder mondig zijn nauwelijks aandacht krijgen. Voor haar is "
                "het telefoontje het enige contact van de dag.",
        "question": "Moeten we haar telefoontjes beperken, of haar de aandacht blijven geven die "
                    "ze vraagt?",
        "option_a": "De telefoontjes beperken, zodat er tijd overblijft voor bewoners die zich "
                    "niet melden.",
        "option_b": "Blijven opnemen, omdat dit contact voor haar de hulp is.",
    },
    {
        "case": "Omwonenden vragen het wijkteam om de namen van jongeren die op het pleintje "
                "overlast geven, zodat ze die aan de politie kunnen doorgeven. Het jongerenwerk "
                "kent de jongens goed en heeft met moeite hun vertrouwen gewonnen.",
        "question": "Moeten we de bewoners helpen met hun melding, of de vertrouwensband met de "
                    "jongeren beschermen?",
        "option_a": "De bewoners helpen, omdat hun klachten over de overlast terecht zijn.",
        "option_b": "Geen namen geven en in plaats daarvan een gesprek tussen bewoners en "
                    "jongeren organiseren.",
    },
]
