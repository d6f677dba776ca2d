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

#: Ordinary Dutch words that are also in deduce's first-name or surname lookups ("roos", "mark", "bas",
#: "bakker", "winter"). Written in capitals or lower case they are a name only with strong context
#: (see :mod:`leerkring.privacy.names`); capitalised, deduce decides as before. Made once from the
#: words of a Dutch frequency list (more frequent than its baseline for names) that deduce's
#: ``first_name`` and ``surname`` lookups hold, less the words that are chiefly names (hans, piet, eva),
#: plus a few that list ranks lower (duin, berk, linde) and English words used in Dutch (dean, will).
NAME_WORDS: frozenset[str] = frozenset("duin berk linde dean will sky joy faith".split()) | frozenset(
    """
    achten adel adelaar admiraal advocaat ai akker alien alleman amber angel anno appel appelboom appels arend aria
    assen aurora avontuur baan baar baars baart baas bah bak baken bakker bakkers bal balk ballast bank banken
    banning barbier baron bars bas bast baten bazen beek beentjes beer beertje bek beker bekers belle beren berg
    bergen bes besten beugels beuk beulen bevers bijen bijl bijster bil bin bink bisschop bitter blanche blank
    blanke blanken blauw blik bloem bloemen blok blonk bloos bloot bo bob bod bode boef boek boel boer boeren
    boertje boet bok boks bol bolle bollen bolwerk bom bon bond bono bons bont bonte bood boog boom boomgaard boon
    boontje boontjes boor boot bootsman borg bos boss botje bots botte bout bouten bouw bouwer bouwers boven box boy
    braaf braak brak brand brander brandjes brandt brandy broeder broeders broek broeken broers brok brokken brommer
    bron brons broos bruin brunette buddy bui buil buit buitenhuis bul bulk bult bulten burgemeester burger burgers
    burggraaf bus buur buurman caesar camp candy centen charisma chi chow commandeur constant cools dal dam das
    dassen deejay degen degens dek deken dekens denkers derby dia diender diesel dijk dikker dim dimmen dingen dino
    disco ditje dobbelsteen doek does doetje dol dolk dolly domino don donders dons doosje dop doppen dot drijver
    drijvers droog drop drummen duif duiker duister duisters duiven dwars edel edelman eerde eisen elan eland emmers
    engel engelen engels engeltje eren ernst erven fabriek fake fan fee feller femme ferry fikse fine fleur flik
    flip flos fluit fok fontein fortuin fox franc frank fris frissen gaal gans gast geilen geluk gene genesis
    geurtje geven glas gloria glorie go goedkoop goor gordijn gort goud graaf gras graven groen groener grond gros
    groters gul gunst haag haak haan haas haast hack hagen hak ham hamer hamers handels hang har harder haring harte
    hartjes haven haver havik hazen hee heerschap hees hei heil heilig hek held helen heling helling hengst henna
    hens herder herfst hertog heus heuvel heuvels ho hobbel hobo hoedjes hoek hoepel hoes hoeve hoeven hof hok hol
    holst holster holt hommel honing hoogmoed hooi hoorn hop hope hout huisjes huls hup hut hutten iet immers iris
    islam jack jade jager jagers jas jasmijn jazz jeep jen jet jeuken jihad job joe jongeling jongens jongste jonker
    junior kaal kaars kabel kader kalf kalk kam kamp kampen kanon kant kap kapel kaper kapitein kappen kappers kar
    karen kas kasteel kat kater katoen keet kegel keizer keizers kelder kelders ken kerkhof kerkhoven kern kers
    ketel ketels ketting keuken keukens keur keus kick kicken kiel kiem kier kik kil kin kinds king kip kist kit
    kits klap klaver kleingeld klep klerk kling klink klinker klinkers klip klok klomp klooster klop klos knaap knap
    knapen knapper knevel knip knol knoop knop koek koekoek koel koele koelen koers koets koetsier koevoet kok koks
    kolen kommer konijn koning koningen kooi kool koop koopman koos kop koper koppen koren korf korporaal korrel
    korst korsten korten kost kostelijk kraai kraak kraal kraan krab krabben kranen krap kreeft krekels krijger
    krijt krikken kris krom kroon kruidenier kruik kruis kruit kruk krul kuiken kuil kuip kuis kuit kunst kwak kwast
    laan lam lamme land lander landheer lans lava law leen leenheer leeuw leeuwerik lei lek lelie lens lente levels
    levering lex liefhebber lier lieve lijntje lila link lint list lock loef loer lof loggen lok lokken lont loof
    loos lotje lotus louter lucky luik luiken luis luit luitjes lust maan maas maat maatje madonna mager majoor mak
    maneschijn mank mans margarita marine mark mars mast matje mats max mazen mees meester meesters melodie mensje
    merel mes meter metselaar metten middag mignon mijnen mik milder mille mine minnaar mint moed moes mok molenaar
    mollen mom monden monster mooi moraal mors mos mossel mosterd mouw mouwen muis mulder munten mus nagel nanny
    neef neefjes netten nevels neven nies niezen niks ninja nobel noot nota noten nova olie onderwater ooms oord
    oosten oranje otter oud ouwe overweg pak paling palm palmen pan pap pardon parel pas pastoor pastor pater paus
    pauw peer peetoom pegels pelgrim pels pen penning penny pep peper pepers pieper piepers pier pijl pijnen ping
    pit plak planken plas plat plet ploeg plug pluim pluis pluk poel poelen poll pompen pont pool poolen poort poos
    poot pop poppen portier pot prak prent priester prijs prins prinsen profijt proost proper provoost pruim puck
    punt put raaf raap ram ramp ras rave raven rebel regeer rein reine rem remmen rentmeester rep reus rex richel
    ridder riem rijk rijke rijken rijmpje rip rob robijn roes roest roet roman rook roos root ros rots rouw rover
    rovers rozemarijn ruis ruiten ruiter ruiters rune sabel sage sake sap satijn savanne schaap schaar schaft
    schakel schakelaar schat scheel scheen scheer schenk schets schijf schijven schild schilder schilders schimmel
    schipper schoen schoenmaker scholing schoof schoon schoor schoot schop schot schotel schots schotten schram
    schreven schrijver schrijvers schrik schuil schuit schut schutter schuur seinen servet si sim sip slager slagman
    slangen sliepen slijpen slik slim slinger slof slok sloof sloot slot sluis smal smelt smet smid snellen snoep
    snoeren sok sol soldaat spa spaan span speet spek spel spelde spelt spies spijker spijkers spike spil spin spit
    spits splinter spoel springer sprong staats stad stal stam stammen stans stap stapel star steeg steen steentjes
    stek stelling sterken sterling stevens stijf stil stip stoel stok stomp stoof storm stout straten streng strijk
    strik stroop struik stuiver stuurman sukkel sultan super tabak taco tai tak take takken talen tam tamme tang tap
    tas taverne tea teddy tempel tempels tent terra tiara timmer timmerman tin tip tobben tol ton tool toren touw
    touwen treffers treur treuren trip trommel trommelen troost tros trouw truitje tuin tuinier tuinman tuit tuk
    tulp uil valk vallen veer veerman veld velt verbaas verberg verhoog vermaak verschoof versnel verwijs verwijst
    vijgen vin viola violet vis visser vissers vleugel vleugels vlieg vliegen vlieger vlug vogel vogels volk volken
    vondeling vonk vonken voorbij vork vorst vos vossen vrede vree vriend vries vriezen vroom vrouwtje vu waas
    walker wals wanten waterval weerman wei weide weiland welp wen wende wendt went westen westers wezel wijfje
    wijfjes wijn wijnen wijngaard wijngaarden wijntje wijs wille win wind windt winkel winkels winter winters wisse
    witter wolf woord worm worst wortel woud yang yen yin yuan zaal zalm zee zeeman zen ziel zier zinken zoet zomer
    zomers zwaan zwaard zwager zwart zwarts zweep zwemmer zwerver
    """.split()
)

#: Verbs of speaking and meeting, and "met": a lower-case first name right before or after one is a
#: name ("ik sprak sanne", "sanne belde", "kent dewi de groot", "samen met karim").
NAME_VERBS: frozenset[str] = frozenset(
    """
    sprak spreek spreekt spraken gesproken praat praatte praatten belde bel belt belden gebeld zei zeg
    zegt zeiden gezegd vertelde vertelt vertelden verteld vroeg vraagt vroegen gevraagd antwoordde
    antwoordt reageerde reageert mailde mailt mailden gemaild appte appt appten geappt schreef schrijft
    hoorde hoort kent ken kende kenden gekend zag ziet zie zagen gezien bezocht bezoekt bezochten
    ontmoette ontmoet ontmoetten hielp helpt geholpen begeleidt begeleidde begeleidden coacht coachte
    meldde meldt vond vindt wil wilde wilden kwam komt lachte lacht huilde huilt woont woonde werkt
    werkte twijfelt twijfelde weet wist vertrouwt vertrouwde sms'te whatsappte groette groet met
    """.split()
)

#: People nouns ("zoon", "buurvrouw", "papa"): never taken for a name themselves, even where deduce's
#: first-name lookup has them.
RELATION_NOUNS: frozenset[str] = frozenset(
    """
    zoon dochter moeder vader broer zus zusje broertje man vrouw partner vriend vriendin vriendje
    oma opa kleinzoon kleindochter neef nicht buurman buurvrouw buurjongen buurmeisje collega cliënt
    client tante oom schoonzoon schoondochter schoonmoeder schoonvader stiefvader stiefmoeder kind
    baby jongen meisje bewoner bewoonster mantelzorger vrijwilliger consulent buurtcoach
    wijkverpleegkundige huisarts juf meester ex echtgenoot echtgenote papa mama pappa mamma
    """.split()
)

#: Words before which a lower-case word is a noun, not a name ("de roos", "een mark", "haar post").
#: Not "dat", "die", "wat": they are conjunctions and pronouns too ("ze zei dat sanne ...").
NOT_BEFORE_NAME: frozenset[str] = frozenset(
    """
    de het een 't deze dit elke ieder iedere geen veel weinig mijn jouw zijn ons onze hun uw
    jullie welke enkele sommige alle beide zoveel meer minder haar z'n m'n d'r hele
    nieuwe oude goede grote kleine mooie rode witte eigen andere
    """.split()
)
