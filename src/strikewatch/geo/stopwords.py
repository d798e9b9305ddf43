"""Word lists for the geoparser: words that must never be taken as toponyms, and demonyms.

A capitalised word at the start of a sentence ("Forces shelled…", "Police said…") or in a title is
not a place even when some town somewhere bears that name, so single-word candidates whose lower
case form is in :data:`STOPWORDS` are skipped. The list is spaCy's English stop words plus
hand-written lists of frequent English words, conflict-reporting vocabulary, titles, organisation
acronyms, armed-group name parts, frequent personal names of leaders, months and weekdays.
Multi-word names ("New York", "South Sudan", "Gulf of Aden") are not affected.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

__all__ = [
    "DEMONYMS",
    "DIRECTION_WORDS",
    "FACILITY_WORDS",
    "FUNCTION_WORDS",
    "PERSON_NAMES",
    "PERSON_TITLES",
    "STOPWORDS",
    "is_stopword",
]


def _word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``."""
    return frozenset(text.split())


def _spacy_stop_word_set() -> frozenset[str]:
    """spaCy's English stop words, read from its source file without importing spaCy (slow)."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - spaCy missing
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "lang" / "en" / "stop_words.py"
    try:
        namespace: dict[str, object] = {}
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
        words = namespace.get("STOP_WORDS")
        return frozenset(str(w) for w in words) if isinstance(words, set | frozenset) else frozenset()
    except (OSError, SyntaxError):  # pragma: no cover - unexpected spaCy layout
        return frozenset()


_SPACY_STOP_WORDS = _spacy_stop_word_set()

_COMMON = """
a about above across act action actions add added after afternoon again against age ago agreed agreement
ahead aid aim air airstrike airstrikes alarm alert all allegedly allow allowed almost alone along already
also although always am amid among an and another answer any anyone anything apart appeal appear april
are area areas arm armed arms army around arrest arrested arrests arrival arrive arrived as ask asked at
attack attacked attacks attempt august authorities authority autumn available away back bad base based
bases battle battles be beat became because become been before began begin behind being believe best
better between big bill black blast blasts blew block blocked blood blow blown board bodies body bomb
bombed bombing bombings bombs book border borders both box boy boys break bridge brief bring broke
brought brown build building buildings built burn burned bus business but buy by call called calls came
camp camps can capital car care carried carry case cases cause caused cell cells center central centre
certain chance change charge chief child children church city civil civilian civilians claim claimed
claims clash clashes clear close closed coalition cold come comes command commander commanders
committee common company condition confirmed conflict control convoy cost could council count country
course court cover crisis cross crossing current cut daily damage damaged danger dark data date day days
dead deal death deaths december decided defence defense deny denied department desert despite destroyed
detained development did die died different direct director district do does dog done door down draft
drone drones drove due during each early earlier east eastern economic effort eight either election
else emergency end enemy enough entire entry escape even evening event events ever every evidence
exchange exit explosion explosions explosive extra face fact factory fail fall family far fast father
fear february federal fell felt few field fight fighter fighters fighting figure final fire fired first
five flag flat flight floor follow following food for force forced forces foreign form former forward
found four free friday friend from front full further future gas gave general get girl give given go
god going gone good got government great green ground group groups guard guards gun gunmen guns had half
hall hand hands happy hard has have he head health hear heard heavy held hello help her here high hill
him his history hit hold home hope hospital hot hour hours house how however human hundred i idea if
ii iii important in incident include including independent information injured injuries injury inside
instead intelligence interior international into iron is islamic issue it its january job join joint
july june just keep kept key kill killed killing killings kills kind king knew know known labour lack
land large last late later law lay lead leader leaders leading least leave left less let level liberty
life light like line lines list little live local long look lord lost lot love low made main major
make man many march market mass matter may mayor me means media medical meet meeting member members men
met middle might military militia militias mine mines minister ministry minute miss missile missiles
monday money month months more morning most mother move movement mr mrs ms much must my name national
near nearby need never new news next night nine no none noon nor normal north northern not note nothing
november now number october of off office officer officers official officials often oil ok old on once
one only open operation operations opposition or order other others our out outside over own page paid
part party pass past patrol peace people per period person place plan plane planes play point police
policy political poor popular port position possible post power president press pressure price prime
prison private probably problem process program project protest protesters protests public put quarter
question quiet quite race raid raids range rather read ready real reason rebel rebels received recent
red region regime regional release released remain remained remote report reported reports republic
rescue residential rest result return returned right rights river road rocket rockets room round rule
run rural safe said same saturday saw say says school sea second secretary security see seen send sent
september service set seven several shell shelled shelling shells ship shot should show side since
single site six small so soldier soldiers some someone something son soon source sources south
southern special spokesman spring square staff start started state statement states station still
stop street strike strikes strong struck student study such summer sunday support supported sure
system table take taken talk target targeted targets team ten than that the their them then there these
they thing think third this those though thought thousand three through thursday time times to today
together told too took top total toward town towns track trade train troops truck true try tuesday
turn two under union unit united units unknown until up upon us use used very victim victims view village
villages violence vote wall want war was watch water way we weapon weapons wednesday week weekend weeks
well went were west western what when where which while white who whole whom whose why wife will win
winter with within without woman women word work worker workers world would wounded wounding year
years yes yesterday yet you young your zone
"""

_REPORT = """
boko haram shabaab shabab fano
ceasefire truce offensive counteroffensive frontline frontlines checkpoint checkpoints outpost outposts
airbase airport barracks headquarters hq brigade brigades battalion battalions division divisions
regiment corps squad cell platoon garrison militiamen jihadist jihadists insurgent insurgents
mortar mortars artillery airstrikes drone uav uavs warplane warplanes helicopter helicopters jet jets
tank tanks grenade grenades landmine landmines ied ieds vbied svbied rpg atgm mlrs sniper snipers
ambush assassination assassinated abducted abduction kidnapped kidnapping detention detainee detainees
prisoner prisoners hostage hostages refugee refugees displaced idp idps evacuation reinforcements
reconciliation settlement surrender withdrawal deployment deployed patrols raided stormed seized
captured recaptured advanced repelled repulsed retaliation retaliated targeted targeting shelled
bombarded bombardment mortared exploded detonated planted dismantled defused neutralised neutralized
militant militants extremist extremists terrorist terrorists fighter fighters gunman gunmen assailants
unidentified unidentified armed forces regime loyalist loyalists government governmental opposition
rebel rebels faction factions coalition alliance allied allies backed led pro anti
province provinces governorate governorates countryside outskirts suburb suburbs vicinity neighborhood
neighbourhood neighborhoods quarter district subdistrict municipality region regions territory
territories homeland north south east west northeast northwest southeast southwest northeastern
northwestern southeastern southwestern northward southward eastward westward central upper lower
greater inner outer old new airfield crossing border road highway motorway street bridge dam plain
valley mountain mountains hill hills desert river lake gulf strait bay island islands coast coastal
sea ocean camp base prison hospital clinic school mosque church market bakery factory field fields
farm farmland oilfield well wells pipeline refinery station plant port harbor harbour airport
president prime minister ministers general colonel lieutenant major captain sergeant commander emir
sheikh imam governor mayor spokesperson spokesman envoy ambassador chief head leader director
deputy official officials mp senator congress parliament cabinet king prince queen pope
ministry foreign defence defense interior justice health education
observatory monitor monitors agency network correspondent reporter reporters activist activists
journalist journalists media outlet channel newspaper website statement communique announcement
human rights humanitarian red crescent cross white helmets civil defence unicef unhcr ocha who wfp
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
spring summer autumn winter ramadan eid christmas easter
morning afternoon evening night midnight dawn dusk noon today yesterday tomorrow midweek weekend
looting destruction measures established disrupted transfer activity agreement agreements arrests riots
riot demonstration demonstrations protest protests movement movements headquarters property violent
non-violent sexual abduction forced disappearance excessive mob suicide chemical grenade remote
explosive landmine explosions battles battle clash armed strategic developments development other size
victory independence freedom unity justice progress friendship paradise harmony prosperity welcome
dignity glory pride honor honour faith hope charity mercy grace destiny fortune triumph success
image images university universities story stories maybe schools supreme gate rail photo caption credit
getty reuters afp ap copyright sport sports weather tv radio online digital
update breaking exclusive analysis opinion editorial live photo video photos videos watch read
english arabic french kurdish turkish persian russian hebrew
un nato eu au osce icrc msf hrw amnesty opcw iaea imf unsc unga
is isis isil daesh hts sdf qsd ypg ypj pkk pyd fsa sna saa ndf irgc idf hamas hezbollah hizbollah
houthi houthis ansarallah taliban wagner al qaeda qaida nusra jabhat ahrar jaish jaysh faylaq failaq
liwa ansar tahrir hayat hayat tawhid islam islamic sham muslim muslims mujahideen jihad jihadi
ahl sunna sunnah hurras din kataib asaib haq nujaba fatemiyoun zainabiyoun hashd shaabi popular
mobilization mobilisation asayish sanadid sultan murad hamza hamzat sharqiya amaq qasad operation
operations room army brigade revolutionary revolution democratic republican national liberation front
people peoples party movement council command group organisation organization authority
arab arabs kurd kurds kurdish turkmen alawite alawites sunni sunnis shia shiite shiites shi'ite druze
christian christians yazidi yazidis assyrian armenian circassian bedouin tribal tribe tribes clan clans
"""

_PERSONS = """
assad bashar hafez maher putin erdogan erdoğan trump biden obama netanyahu khamenei rouhani raisi
zelensky zelenskyy lavrov shoigu pompeo nasrallah baghdadi julani jolani makhlouf mazloum ocalan
macron merkel scholz blinken guterres pedersen jeffrey soleimani
mohammed mohammad muhammad ahmed ahmad ali hassan hussein hussain mahmoud khaled khalid omar umar
abdullah abdul abd said saeed ibrahim youssef yusuf mustafa mostafa
"""

#: Names of people frequent in conflict reporting: never toponyms, and a neighbour of one of them
#: ("Vladimir Putin") marks the candidate as part of a personal name.
PERSON_NAMES: frozenset[str] = _word_set(_PERSONS)

STOPWORDS: frozenset[str] = frozenset(
    {w.lower() for w in _SPACY_STOP_WORDS} | set(_COMMON.split()) | set(_REPORT.split()) | set(_PERSONS.split())
)

_CALENDAR = """
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december
"""

#: Function words, months and weekdays: a multi-word candidate made only of these is no name.
FUNCTION_WORDS: frozenset[str] = frozenset({w.lower() for w in _SPACY_STOP_WORDS} | set(_CALENDAR.split()))

#: Titles that make the following capitalised word(s) a person's name.
PERSON_TITLES: frozenset[str] = _word_set(
    """
    mr mrs ms miss dr prof president minister pm gen general col colonel sen senator rep governor gov
    king queen prince princess sheikh pope judge coach lt lieutenant capt captain sgt sergeant brig
    brigadier maj major mayor chancellor ambassador imam commander emir sultan saint st
    """
)

#: Demonyms and adjectives of nationality (lower case) → ISO 3166-1 alpha-2 code; they steer the
#: document's country focus but are never toponyms themselves.
DEMONYMS: dict[str, str] = {}
for _cc, _words in {
    "SY": "syrian syrians",
    "IQ": "iraqi iraqis",
    "TR": "turkish turks turk",
    "RU": "russian russians",
    "IR": "iranian iranians",
    "IL": "israeli israelis",
    "LB": "lebanese",
    "JO": "jordanian jordanians",
    "PS": "palestinian palestinians",
    "SA": "saudi saudis",
    "AE": "emirati emiratis",
    "QA": "qatari qataris",
    "KW": "kuwaiti",
    "BH": "bahraini",
    "OM": "omani",
    "YE": "yemeni yemenis",
    "EG": "egyptian egyptians",
    "LY": "libyan libyans",
    "TN": "tunisian",
    "DZ": "algerian",
    "MA": "moroccan",
    "SD": "sudanese",
    "SS": "southsudanese",
    "SO": "somali somalis",
    "ET": "ethiopian ethiopians",
    "ER": "eritrean",
    "KE": "kenyan",
    "NG": "nigerian nigerians",
    "NE": "nigerien",
    "ML": "malian malians",
    "BF": "burkinabe",
    "TD": "chadian",
    "CM": "cameroonian",
    "CF": "centrafrican",
    "CD": "congolese",
    "UG": "ugandan",
    "RW": "rwandan",
    "BI": "burundian",
    "MZ": "mozambican",
    "AF": "afghan afghans",
    "PK": "pakistani pakistanis",
    "IN": "indian",
    "BD": "bangladeshi",
    "MM": "burmese",
    "UA": "ukrainian ukrainians",
    "BY": "belarusian",
    "GE": "georgian",
    "AM": "armenian",
    "AZ": "azerbaijani azeri",
    "US": "american americans",
    "GB": "british briton britons",
    "FR": "french",
    "DE": "german germans",
    "IT": "italian",
    "ES": "spanish",
    "GR": "greek",
    "CY": "cypriot",
    "NL": "dutch",
    "CN": "chinese",
    "CO": "colombian",
    "MX": "mexican",
    "VE": "venezuelan",
    "PH": "filipino filipinos",
    "CA": "canadian canadians",
    "JP": "japanese",
    "AU": "australian australians",
    "CU": "cuban cubans",
    "BR": "brazilian brazilians",
    "AR": "argentine argentinian",
    "CL": "chilean",
    "PE": "peruvian",
    "HT": "haitian haitians",
    "JM": "jamaican",
    "IE": "irish",
    "KR": "korean koreans",
    "VN": "vietnamese",
    "TH": "thai",
    "ID": "indonesian indonesians",
    "MY": "malaysian",
    "NP": "nepalese nepali",
    "TW": "taiwanese",
    "PL": "polish",
    "SE": "swedish",
    "NO": "norwegian",
    "DK": "danish",
    "FI": "finnish",
    "CZ": "czech",
    "HU": "hungarian",
    "RO": "romanian",
    "BG": "bulgarian",
    "RS": "serbian serbs",
    "HR": "croatian",
    "AT": "austrian",
    "CH": "swiss",
    "BE": "belgian",
    "PT": "portuguese",
    "ZW": "zimbabwean",
    "GH": "ghanaian",
    "SN": "senegalese",
    "LR": "liberian",
    "TZ": "tanzanian",
    "ZM": "zambian",
    "AO": "angolan angolans",
    "LK": "lankan",
    "NZ": "zealander",
    "GN": "guinean guineans",
    "CI": "ivorian ivorians",
    "TG": "togolese",
    "BJ": "beninese",
    "GA": "gabonese",
    "MW": "malawian malawians",
    "NA": "namibian namibians",
    "MG": "malagasy",
    "MR": "mauritanian mauritanians",
    "GM": "gambian gambians",
    "SL": "leonean leoneans",
    "DJ": "djiboutian",
    "TJ": "tajik tajiks",
    "KG": "kyrgyz",
    "KZ": "kazakh kazakhs",
    "UZ": "uzbek uzbeks",
    "TM": "turkmen",
    "MN": "mongolian mongolians",
    "KH": "cambodian cambodians",
    "LA": "laotian",
    "BT": "bhutanese",
    "SV": "salvadoran salvadorans salvadorian",
    "GT": "guatemalan guatemalans",
    "HN": "honduran hondurans",
    "NI": "nicaraguan nicaraguans",
    "PA": "panamanian panamanians",
    "EC": "ecuadorian ecuadorians",
    "BO": "bolivian bolivians",
    "PY": "paraguayan paraguayans",
    "UY": "uruguayan uruguayans",
    "TT": "trinidadian trinidadians",
    "AL": "albanian albanians",
    "BA": "bosnian bosnians",
    "MK": "macedonian macedonians",
    "SK": "slovak slovaks",
    "SI": "slovenian slovenians",
    "LT": "lithuanian lithuanians",
    "LV": "latvian latvians",
    "EE": "estonian estonians",
    "MD": "moldovan moldovans",
    "XK": "kosovar kosovars",
}.items():
    for _w in _words.split():
        DEMONYMS[_w] = _cc

#: Compass words that make a following country a region ("northern Syria").
DIRECTION_WORDS: frozenset[str] = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
        "north-eastern",
        "north-western",
        "south-eastern",
        "south-western",
    }
)

#: Capitalised words naming a facility or feature: an unmatched neighbour like this ("Hama Airbase",
#: "Rukban Camp") does not make the matched name look like part of a person's name.
FACILITY_WORDS: frozenset[str] = _word_set(
    """
    airbase airport base camp prison crossing checkpoint road highway street square bridge dam field
    gasfield oilfield plain mountain mountains hill hills valley river lake desert station plant factory
    hospital school university mosque church market roundabout gate border area countryside city town
    village district province governorate subdistrict neighbourhood neighborhood quarter suburb outskirts
    island islands strait bay gulf sea coast refinery port harbour harbor military air defence defense
    academy college barracks compound complex hq headquarters farm farms valley heights canal junction
    """
)


def is_stopword(word: str) -> bool:
    """True when ``word`` (any case) must not be taken as a toponym on its own."""
    low = word.lower().replace("’", "'")
    return low in STOPWORDS or low in DEMONYMS
