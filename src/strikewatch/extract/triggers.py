"""Event triggers: the words that say something happened, mapped to ACLED's taxonomy.

A trigger is a verb or noun ("shelled", "airstrikes", "clashes", "arrested") with the ACLED
sub-event type it most often means. The type is refined later with the arguments (an attack on
civilians is Violence against civilians, on soldiers a Battle) by :mod:`strikewatch.extract.events`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from strikewatch.extract._regex import WordPattern
from strikewatch.model import PARENT_TYPE, EventType, SubEventType

S = SubEventType


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word or phrase that reports an event."""

    start: int
    end: int
    text: str
    sub_event_type: SubEventType
    rule: str

    @property
    def event_type(self) -> EventType:
        """The ACLED event type of this trigger's sub-event type."""
        return PARENT_TYPE[self.sub_event_type]


# (rule name, sub-event type, pattern). Order matters only for equal-length overlaps: the
# earlier rule wins. Patterns are matched case-insensitively on word boundaries.
_RULES: list[tuple[str, SubEventType, str]] = [
    # -- exchanges of fire are battles even when the weapon is artillery
    (
        "exchange",
        S.ARMED_CLASH,
        r"(?:shelling|artillery|fire|gunfire|rocket)[- ]exchanges?|exchanges? of (?:shelling|fire|gunfire|shots|"
        r"artillery(?: fire)?)|exchang(?:ed|ing) (?:fire|shelling|gunfire|shots|artillery fire)|"
        r"(?:ceasefire|cease-fire|truce) violations?|violat(?:ed|ing|ions? of) the (?:ceasefire|cease-fire|truce)",
    ),
    # ceasefire monitors: "recorded 25 explosions and 40 bursts", "heard shots"; the count and the
    # verb say it is fire between the sides, which the weapon then types (see events)
    (
        "observed",
        S.SHELLING,
        r"(?:observed|recorded|registered|heard|counted|reported) (?:at least |about |around |some )?"
        r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens of|several|many|multiple|numerous)?\s*"
        r"(?:undetermined |unidentified |probable |possible )?(?:explosions|blasts|impacts|projectiles|rounds)",
    ),
    (
        "bursts",
        S.ARMED_CLASH,
        r"(?:observed|recorded|registered|heard|counted) (?:at least |about |around |some )?"
        r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens of|several|many|multiple|numerous)?\s*"
        r"(?:bursts|shots|rounds of (?:small[- ]arms|heavy[- ]machine[- ]gun) fire)|"
        r"bursts of (?:small[- ]arms |heavy[- ]machine[- ]gun |automatic |machine[- ]gun )?fire",
    ),
    # -- explosions / remote violence
    (
        "suicide",
        S.SUICIDE_BOMB,
        r"suicide[- ](?:bomb(?:ing|er)?s?|attacks?|car[- ]bomb(?:ing)?s?|vests?|blasts?|"
        r"vbieds?)|blew (?:himself|herself|themselves) up",
    ),
    (
        "chemical",
        S.CHEMICAL_WEAPON,
        r"chemical (?:attacks?|weapons? attacks?|strikes?)|(?:chlorine|sarin|mustard) gas attacks?|"
        r"gas attacks?",
    ),
    (
        "ied",
        S.REMOTE_EXPLOSIVE,
        r"(?:vb|pb)?ieds?|improvised explosive devices?|(?:land ?|anti-(?:tank|personnel) )mines?|"
        r"explosive devices?|roadside bombs?|car[- ]bombs?|(?:booby|boobie)[- ]trap(?:ped|s)?|"
        r"bomb(?:s)? (?:exploded|detonated|went off)|explosions?|exploded|detonat(?:ed|ion)|blasts?|"
        r"(?:unexploded ordnance|uxo|remnants? of war|war remnants?)",
    ),
    ("grenade", S.GRENADE, r"(?:hand[- ])?grenades?"),
    (
        "air",
        S.AIR_DRONE_STRIKE,
        r"air ?strikes?|air[- ]raids?|air campaign|air operations?|aerial (?:bombardments?|attacks?|"
        r"strikes?|bombing|campaign)|drone (?:strikes?|attacks?)|kamikaze drones?|loitering munitions?|"
        r"(?:bombing|bombardment) (?:raids?|runs?|sorties?)|sorties|barrel bombs?|airstrikes?|"
        r"(?:was|were) shot down|shot down|downing|bombed|bombing|bombings|bombarded from the air|"
        r"(?:warplanes?|jets?|aircraft|helicopters?|drones?) (?:\w+ ){0,3}?(?:carried out|conducted|launched) "
        r"(?:\w+ ){0,2}?raids?|(?:warplanes?|jets?|aircraft|helicopters?|drones?|uavs?|planes) (?:\w+ ){0,2}?"
        r"(?:hit|pounded|targeted|attacked|raided|bombed|dropped)",
    ),
    (
        "labour",
        S.PEACEFUL_PROTEST,
        r"(?:general|hunger|labou?r|workers['’]?|teachers['’]?|doctors['’]?|nurses['’]?|drivers['’]?|truckers['’]?|"
        r"miners['’]?|transport|nationwide|national|indefinite|wildcat|sit-down|token|warning|\w+-day|\w+-hour) "
        r"strikes?|(?:went|go|going|gone|are|were|was|is|remain(?:ed)?|been|stay(?:ed)?) on (?:an? )?(?:\w+ )?strike|"
        r"strike action|(?:staged|called|declared|held|began|launched|started|announced|joined|observed) "
        r"(?:an? |the )?(?:\w+ ){0,2}?strikes?(?! (?:on|against|at|targeting|in)\b)",
    ),
    (
        "strike",
        S.AIR_DRONE_STRIKE,
        r"strikes?(?! (?:groups?|forces?|fighters?|packages?|capabilit(?:y|ies)|aircraft|teams?|action|"
        r"by (?:workers|teachers|employees|staff|drivers|unions?|doctors|nurses|miners|truckers)|over (?:pay|wages|"
        r"salar)|for (?:higher )?(?:pay|wages|salar)))|struck",
    ),
    (
        "shelling",
        S.SHELLING,
        r"shell(?:ed|ing|s)?(?! (?:compan(?:y|ies)|casings?|game))|"
        r"artillery (?:fire|attacks?|strikes?|barrages?|bombardments?)|"
        r"mortar(?:ed|s| (?:fire|attacks?|shells?|rounds?))?|rocket(?:ed|s| (?:fire|attacks?))?|"
        r"missiles?(?: (?:strikes?|attacks?))?|bombard(?:ed|ment|ments)|shellfire|"
        r"(?:fired|launched) (?:rockets?|missiles?|mortars?|shells?|artillery)|targeted with artillery",
    ),
    # -- battles
    (
        "retake",
        S.GOVERNMENT_REGAINS_TERRITORY,
        r"recaptured|retook|regained (?:full )?control|took back|recaptur(?:e|ing)|liberated",
    ),
    (
        "overtake",
        S.NON_STATE_ACTOR_OVERTAKES_TERRITORY,
        r"(?:seized|took|captured|gained) (?:full )?control|overran|overtook|stormed",
    ),
    (
        "fire_at",
        S.ARMED_CLASH,
        r"(?:fired|firing|opened fire|shot) (?:[\w-]+ ){0,4}?(?:on|at|upon|towards?|against) (?:the )?"
        r"(?:[\w-]+ )?(?:positions|posts?|outposts?|trenches|checkpoints?|military bases?|bases|barracks)",
    ),
    (
        "clash",
        S.ARMED_CLASH,
        r"shoot-?outs?|shootouts?|gun ?fights?|gun ?battles?|(?:an?|the) (?:armed )?encounters? with|"
        r"encounters? (?:broke out|took place|ensued|erupted)|"
        r"ground (?:attacks?|assaults?)|assaults? on|offensive operations?|clash(?:ed|es)?|"
        r"(?<!previous )(?<!past )(?<!earlier )(?<!of )fighting|firefights?|gunfights?|"
        r"gun battles?|battles?|battled|fought|"
        r"engaged in combat|ambush(?:ed|es)?|infiltrat(?:ed|ion|ions)(?: attempts?)?|"
        r"(?:attack|assault|offensive|raid)s? on (?:the )?(?:\w+ )?(?:positions|posts?|checkpoints?|bases?|"
        r"headquarters)|"
        r"repell?(?:ed)? an? (?:attack|assault|infiltration)|counter-?attacks?|assassinat(?:ed|ion|ions)|"
        r"(?:captured|took prisoner) (?:\w+ ){0,3}?(?:operatives|fighters|members|soldiers|militants|rebels|"
        r"elements|militiamen|troops)",
    ),
    # -- violence against civilians
    (
        "abduct",
        S.ABDUCTION,
        r"abduct(?:ed|ion|ions|s)?|kidnap(?:ped|ping|pings|s)?|forcibly disappeared|"
        r"enforced disappearances?|taken hostage|held hostage",
    ),
    ("sexual", S.SEXUAL_VIOLENCE, r"raped|rape|sexual(?:ly)? (?:assault(?:ed)?|violence|abuse(?:d)?)"),
    (
        "violence",
        S.ATTACK,
        r"murdered|executed|executions?|massacred?|tortur(?:ed|e)|stabbed|beat(?:en)?(?: to death)?|"
        r"gunned down|bod(?:y|ies) (?:of (?:[\w'’-]+ ){1,6}?)?(?:was|were|had been|has been|have been) (?:\w+ )?"
        r"(?:found|discovered|recovered|dumped|retrieved|located)|(?:corpses?|remains) (?:of (?:[\w'’-]+ ){1,6}?)?"
        r"(?:was|were|had been|has been|have been) (?:\w+ )?(?:found|discovered|recovered|dumped|left)|"
        r"found (?:\w+ ){0,3}?dead|dead (?:[\w'’-]+ ){0,4}?(?:was|were) found|"
        r"(?:found|discovered|recovered) (?:the )?(?:\w+ )?(?:bod(?:y|ies)|corpses?|remains) of|"
        r"died (?:as a result of|under|in custody)|throats? (?:slit|cut)|beheaded|decapitated|dismembered",
    ),
    # people in a crowd turning on someone: coded as a riot or as an attack by who did it (see events)
    (
        "lynch",
        S.MOB_VIOLENCE,
        r"lynch(?:ed|ing|ings)?|mob justice|jungle justice|vigilante justice|set (?:\w+ ){0,3}?alight|"
        r"burn(?:ed|t) (?:\w+ ){0,2}?alive",
    ),
    # weak triggers: consequences ("killed", "attacked") that only make an event of their own
    # when no stronger trigger is in the sentence (see WEAK_RULES)
    (
        "attack",
        S.ATTACK,
        r"shot (?:and killed|dead)|shot|killed|killing|attack(?:ed|s)?|assault(?:ed|s)?|open(?:ed)? fired?|"
        r"fired (?:on|at|upon|into)|(?:drive-by |mass |shooting )?shootings?|shooting attack|"
        r"targeted|targeting",
    ),
    # -- protests and riots
    ("riot", S.VIOLENT_DEMONSTRATION, r"riot(?:s|ed|ing|ers)?|violent (?:protests?|demonstrations?)"),
    (
        "stones",
        S.VIOLENT_DEMONSTRATION,
        r"(?:pelt(?:ed|ing)?|thr(?:ew|owing|own)|hurl(?:ed|ing)?|lob(?:bed|bing)?) (?:[\w-]+ ){0,2}?(?:stones|rocks|"
        r"bricks|"
        r"bottles|molotov cocktails|petrol bombs|fire ?bombs|firecrackers|fireworks|objects|projectiles|eggs)|"
        r"with burning (?:[\w-]+ ){0,2}?(?:tyres|tires|objects|vehicles?|cars?|barricades|debris|mattresses|branches|"
        r"logs|wood|trash|garbage|rubbish|materials?)|burning (?:tyres|tires|barricades)|turned violent|broke into|"
        r"forced (?:their|its) way into|tried to force|attempted to force|set (?:[\w-]+ ){1,3}?on fire|"
        r"setting fire to|stone[- ]pelting|pelted|vandali[sz](?:ed|ing|m)|ransack(?:ed|ing)|smash(?:ed|"
        r"ing) (?:[\w-]+ ){0,3}?"
        r"(?:windows|glass|cars|vehicles|shops)|(?:burn(?:ed|t|ing)?|set fire to|torch(?:ed|ing)?) (?:[\w-]+ ){0,2}?"
        r"(?:tyres|tires)|set (?:[\w-]+ ){0,2}?(?:tyres|tires) (?:on fire|alight|ablaze)|barricad(?:ed|es|"
        r"ing) (?:[\w-]+ ){0,2}?with|(?:brawl|scuffle|fistfight|fight)s? (?:broke out|"
        r"erupted|ensued)|scuffled|physical fight|came to blows|fought (?:one another|each other|with each other)",
    ),
    ("mob", S.MOB_VIOLENCE, r"mob(?:s)?|vigilantes?"),
    (
        "protest",
        S.PEACEFUL_PROTEST,
        r"protest(?:ed|s|ing)?|demonstrat(?:ed|ion|ions|ing)|rall(?:y|ies|ied|ying)|vigils?|sit-ins?|"
        r"marched|march(?:es)? (?:through|to|in|on|from|against|for)|took to the streets|motorcades?|caravans? of|"
        r"car (?:rall(?:y|ies)|caravans?)|picket(?:ed|ing|s)?|walk-?outs?|walked out|boycott(?:ed|s)?|"
        r"chant(?:ed|ing) (?:[\w-]+ ){0,2}?slogans|rais(?:ed|ing) slogans|shouted (?:[\w-]+ ){0,2}?slogans|"
        r"(?:held|holding|carried|carrying|displayed) (?:[\w-]+ ){0,2}?(?:banners|placards|signs)|dharnas?|"
        r"gheraos?|hartals?|shutdown strikes?",
    ),
    # road blocks: a protest when people block (coded further with who did it, see events)
    (
        "block",
        S.PEACEFUL_PROTEST,
        r"(?:block(?:ed|ing|aded|ading)?|closed|shut|barricad(?:ed|ing)|obstruct(?:ed|ing)) (?:off )?(?:the |a |an |"
        r"several |"
        r"all |two |three |main |\d+ )?(?:[\w'’-]+ ){0,3}?(?:roads?|streets?|highways?|motorways?|bridges?|railways?|"
        r"rail lines?|train tracks|tracks|traffic|intersections?|junctions?|roundabouts?|avenues?|entrances?|routes?)|"
        r"road ?blocks?|blockades?",
    ),
    # a crowd's gathering or demand is a protest only when nothing stronger happens (see WEAK_RULES)
    ("gather", S.PEACEFUL_PROTEST, r"gather(?:ed|ing)|assembled|congregated|demand(?:ed|ing)|denounc(?:ed|ing)"),
    (
        "disperse",
        S.PROTEST_WITH_INTERVENTION,
        r"dispers(?:e|ed|ing)(?: the)? (?:\w+ ){0,3}?(?:protest(?:ers|s)?|demonstrat(?:ors|ions?)|crowds?|"
        r"rall(?:y|ies)|sit-ins?|them|the group|participants|gathering|people)|(?:was|were|been) dispersed|"
        r"(?:fired|used|lobbed|with|using) (?:\w+ )?(?:tear ?gas|water cannons?|rubber bullets|batons|pepper spray|"
        r"stun grenades|sound grenades|plastic bullets|live (?:ammunition|fire|rounds))|"
        r"(?:baton|lathi|cane)[- ]charg(?:ed|e|ing)|used (?:excessive )?force (?:against|on|to)|intervened|"
        r"(?:forcibly )?removed (?:the )?(?:protesters|demonstrators|participants)|"
        r"moved (?:the )?(?:protesters|demonstrators|participants) (?:out|away)|broke up (?:the )?(?:\w+ )?"
        r"(?:protest|demonstration|rally|gathering|sit-in|march)",
    ),
    # the people of a protest: an event of their own only when nothing else happens to them
    # ("hundreds of protesters gathered" vs "police fired on protesters")
    ("protesters", S.PEACEFUL_PROTEST, r"protesters|demonstrators"),
    # -- strategic developments
    (
        "agreement",
        S.AGREEMENT,
        r"agreed|agreements?|ceasefires?|cease-fires?|truces?|peace (?:deal|talks|accord)|"
        r"signed (?:a|an) (?:deal|accord|agreement|memorandum)|prisoner(?:s)? (?:exchange|swap)|"
        r"exchange of (?:prisoners|detainees|bodies)|reconciliation (?:deal|agreement)|normali[sz]e relations",
    ),
    (
        "arrest",
        S.ARRESTS,
        r"arrest(?:ed|s|ing)?|detain(?:ed|s|ing)?|detention campaign|rounded up|apprehended|"
        r"took into custody|taken into custody",
    ),
    (
        "hq",
        S.HEADQUARTERS_ESTABLISHED,
        r"(?:established|set up|built|opened) (?:a |an |the )?(?:new )?(?:military )?(?:base|headquarters|"
        r"outpost|post|position|point)s?",
    ),
    (
        "disrupt",
        S.DISRUPTED_WEAPONS_USE,
        r"defused|dismantled|intercepted|foiled|thwarted|seized (?:a |an )?(?:weapons|arms|ammunition|"
        r"explosives)|(?:weapons|arms|ammunition) (?:cache|depot) (?:was )?(?:found|seized)",
    ),
    (
        "loot",
        S.LOOTING,
        r"loot(?:ed|ing|s)?|pillag(?:ed|ing)|plunder(?:ed)?|set fire to|torched|burn(?:ed|t) (?:down )?"
        r"(?:houses|homes|crops|fields|shops|vehicles|a house|the house)|demolish(?:ed|ing)|bulldoz(?:ed|ing)|"
        r"razed|confiscat(?:ed|ing)|seized (?:property|houses|homes|land|crops)|extort(?:ed|ion)|"
        r"seiz(?:ed|ing) (?:(?:about|over|more than|nearly|around|some|at least|almost) )?(?:an? |the |their |his |"
        r"\d[\d,.]* )?"
        r"(?:[\w'’-]+ ){0,3}?(?:of )?(?:vehicles?|cars?|trucks?|motorcycles?|motorbikes?|boats?|property|land|cattle|"
        r"livestock|goods|money|cash|drugs|marijuana|cannabis|cocaine|heroin|cigarettes|fuel|crops|equipment|phones|"
        r"plantations?|houses?)|destroy(?:ed|ing) (?:[\w'’-]+ ){0,4}?(?:houses?|homes?|property|crops|plantations?|"
        r"fields|shops?|buildings?|farms?|trees|airstrips?|laborator(?:y|ies)|labs?|seedlings|"
        r"orchards?|homesteads?|huts|granar(?:y|ies)|stores?)|uproot(?:ed|ing) (?:[\w'’-]+ ){0,4}?(?:trees|seedlings|"
        r"crops|saplings|vines)|"
        r"cut down (?:[\w'’-]+ ){0,4}?trees|"
        r"imposed (?:\w+ )?(?:royalties|levies|taxes|fees)|stole|robbed",
    ),
    (
        "transfer",
        S.NON_VIOLENT_TRANSFER,
        r"handed over (?:control|the town|the village|positions)|took over (?:without|after)|"
        r"withdrew and handed",
    ),
    (
        "movement",
        S.CHANGE_TO_GROUP_ACTIVITY,
        r"patroll?(?:ed|ing|s)?|reinforcements?|(?:re)?deploy(?:ed|ment|ments|s)|convoys?|"
        r"withdr(?:ew|awal)|pulled out|military (?:build-?up|exercises?|drills?)|"
        r"recruit(?:ed|ment|ing)|defect(?:ed|ion|ions)|merg(?:ed|er)|imposed (?:a )?curfew|"
        r"(?:brought|sent) (?:in )?(?:\w+ )?(?:reinforcements|troops|fighters|vehicles|trucks)|"
        r"carrier strike group|(?:set up|established|erected|installed|placed|opened) (?:\w+ ){0,2}?"
        r"(?:checkpoints?|check points?|barriers)",
    ),
    (
        "other",
        S.OTHER,
        r"sent a letter|letter to|apologi[sz]ed|prevented|expelled|summoned|"
        r"issued a proposal|proposal",
    ),
]

# Rules whose triggers step aside when a stronger trigger shares their sentence.
WEAK_RULES = frozenset({"attack", "protesters", "gather"})

_PATTERN = WordPattern("|".join(f"(?P<r{i}>(?:{pattern})\\b)" for i, (_, _, pattern) in enumerate(_RULES)))


# A category label opening a report ("Looting: On 1 May ...", "Security measures: ...") is a
# heading, not a trigger: the sentence after it says what happened.
_LABEL = re.compile(r"^\s*[A-Z][A-Za-z /&-]{2,40}:\s")


def find_triggers(text: str) -> list[Trigger]:
    """Return the event triggers in ``text``, left to right, without overlaps."""
    found: list[Trigger] = []
    label = _LABEL.match(text)
    for match in _PATTERN.finditer(text, label.end() if label else 0):
        name, sub_type, _ = _RULES[int(match.lastgroup[1:])]  # type: ignore[index]
        found.append(Trigger(match.start(), match.end(), text[match.start() : match.end()], sub_type, name))
    return found
