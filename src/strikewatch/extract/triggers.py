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
        r"(?:shelling|artillery|fire|gunfire|rocket)[- ]exchanges?|exchanges? of (?:shelling|fire|gunfire|"
        r"artillery(?: fire)?)|exchanged (?:fire|shelling|gunfire|artillery fire)",
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
        r"(?:\w+ ){0,2}?raids?",
    ),
    (
        "strike",
        S.AIR_DRONE_STRIKE,
        r"strikes?(?! (?:groups?|forces?|fighters?|packages?|capabilit(?:y|ies)|aircraft|teams?))|"
        r"struck",
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
        "clash",
        S.ARMED_CLASH,
        r"ground (?:attacks?|assaults?)|assaults? on|offensive operations?|clash(?:ed|es)?|"
        r"(?<!previous )(?<!past )(?<!earlier )(?<!of )fighting|firefights?|gunfights?|"
        r"gun battles?|battles?|battled|fought|"
        r"engaged in combat|ambush(?:ed|es)?|infiltrat(?:ed|ion|ions)(?: attempts?)?|"
        r"(?:attack|assault|offensive)s? on (?:the )?(?:positions|posts?|checkpoints?|bases?|headquarters)|"
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
        r"gunned down|lynched|bod(?:y|ies) (?:was|were) found|found dead|"
        r"died (?:as a result of|under|in custody)",
    ),
    # weak triggers: consequences ("killed", "attacked") that only make an event of their own
    # when no stronger trigger is in the sentence (see WEAK_RULES)
    (
        "attack",
        S.ATTACK,
        r"shot (?:and killed|dead)|shot|killed|killing|attack(?:ed|s)?|assault(?:ed|s)?|opened fire|fired (?:on|at)|"
        r"targeted|targeting",
    ),
    # -- protests and riots
    ("riot", S.VIOLENT_DEMONSTRATION, r"riot(?:s|ed|ing|ers)?|violent (?:protests?|demonstrations?)"),
    ("mob", S.MOB_VIOLENCE, r"mob(?:s)?|vigilantes?"),
    (
        "protest",
        S.PEACEFUL_PROTEST,
        r"protest(?:ed|s|ing)?|demonstrat(?:ed|ion|ions)|rall(?:y|ies|ied)|vigils?|sit-ins?|"
        r"marched|took to the streets|general strike|went on strike|hunger strike",
    ),
    (
        "disperse",
        S.PROTEST_WITH_INTERVENTION,
        r"dispers(?:e|ed|ing)(?: the)? (?:\w+ ){0,3}?(?:protest(?:ers|s)?|demonstrat(?:ors|ions?)|crowds?|"
        r"rall(?:y|ies)|sit-ins?)|"
        r"(?:fired|used) (?:tear ?gas|water cannons?|rubber bullets|live (?:ammunition|fire|rounds))",
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
        r"carrier strike group",
    ),
    (
        "other",
        S.OTHER,
        r"sent a letter|letter to|apologi[sz]ed|prevented|blocked|expelled|summoned|"
        r"issued a proposal|proposal",
    ),
]

# Rules whose triggers step aside when a stronger trigger shares their sentence.
WEAK_RULES = frozenset({"attack", "protesters"})

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
