"""A generator of invented wire news: outlets, events, articles, republished
copies. Every name, place and sentence is made up here (templates with
alternatives, names from syllables); nothing is copied from a real outlet.

Used to build the labelled set (build.py) and the benchmark corpus
(bench/wire.py). Deterministic for a given ``random.Random``.

An *event* has its names, places and numbers fixed. Each *article* about it is
written independently (its own headline, lede, choice and order of sentences,
wording alternatives), so two articles about one event share names and
subject words but few word sequences. A *copy* is an article republished by
another outlet with the edits outlets make: another headline, a sentence cut
or added, their boilerplate, typographic quotes and dashes, a truncation.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

# --- names ---------------------------------------------------------------

_ONSETS = [
    "b",
    "br",
    "d",
    "dr",
    "f",
    "g",
    "gr",
    "k",
    "kr",
    "l",
    "m",
    "n",
    "p",
    "pr",
    "r",
    "s",
    "st",
    "t",
    "tr",
    "v",
    "z",
    "h",
    "j",
]
_VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ia", "ei", "ou"]
_CODAS = ["n", "r", "l", "s", "th", "m", "nd", "rn", "st", "k", "v"]
_ENDINGS = ["a", "o", "ia", "ino", "ev", "ar", "en", "or", "ova", "ek", "is", "ur", "an", "ay"]
FIRST_NAMES = [
    "Mira",
    "Tomas",
    "Elena",
    "Ruben",
    "Ines",
    "Marek",
    "Sana",
    "Jonah",
    "Lidia",
    "Oskar",
    "Nadia",
    "Felix",
    "Irena",
    "Pavel",
    "Leona",
    "Dario",
    "Anouk",
    "Caspar",
    "Zofia",
    "Teodor",
    "Amira",
    "Bruno",
    "Hana",
    "Emil",
    "Selma",
    "Viktor",
    "Ilse",
    "Noor",
    "Aron",
    "Greta",
]
ROLES = [
    "the regional governor",
    "the interior minister",
    "a police spokesperson",
    "the mayor",
    "the head of the emergency service",
    "the transport minister",
    "a government spokesperson",
    "the chief executive",
    "the union's general secretary",
    "the opposition leader",
]


def _word(rng: random.Random, syllables: int) -> str:
    parts = [rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables)]
    return ("".join(parts) + rng.choice(_CODAS) + rng.choice(_ENDINGS)).capitalize()


def place(rng: random.Random) -> str:
    return _word(rng, rng.randint(1, 2))


def surname(rng: random.Random) -> str:
    return _word(rng, rng.randint(1, 2))


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {surname(rng)}"


# --- templates -------------------------------------------------------------
# {slot} is filled from the event; [a|b|c] picks one alternative per use.

_TOKEN = re.compile(r"\{(\w+)\}|\[([^\]]*)\]")


Pieces = list[Any]  # literal str, ("slot",) or [alternative pieces, ...]
_SLOT = re.compile(r"\{(\w+)\}")


def _slots(text: str) -> Pieces:
    pieces: Pieces = []
    pos = 0
    for match in _SLOT.finditer(text):
        if match.start() > pos:
            pieces.append(text[pos : match.start()])
        pieces.append((match.group(1),))
        pos = match.end()
    if pos < len(text):
        pieces.append(text[pos:])
    return pieces


def _compile(template: str) -> Pieces:
    pieces: Pieces = []
    pos = 0
    for match in _TOKEN.finditer(template):
        if match.start() > pos:
            pieces.append(template[pos : match.start()])
        if match.group(1):
            pieces.append((match.group(1),))
        else:
            pieces.append([_slots(alt) for alt in match.group(2).split("|")])
        pos = match.end()
    if pos < len(template):
        pieces.append(template[pos:])
    return pieces


def _fill(pieces: Pieces, slots: dict[str, str], rng: random.Random, out: list[str]) -> None:
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        elif isinstance(piece, tuple):
            out.append(slots[piece[0]])
        else:
            _fill(piece[int(rng.random() * len(piece))], slots, rng, out)


def expand(pieces: Pieces, slots: dict[str, str], rng: random.Random) -> str:
    out: list[str] = []
    _fill(pieces, slots, rng, out)
    text = "".join(out)
    return text[0].upper() + text[1:]


@dataclass
class Kind:
    name: str
    slots: dict[str, tuple[int, int]]  # numeric slots and their ranges
    headlines: list[str]
    ledes: list[str]
    body: list[str]
    compiled: dict[str, list[Pieces]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for part in ("headlines", "ledes", "body"):
            self.compiled[part] = [_compile(t) for t in getattr(self, part)]


KINDS = [
    Kind(
        "quake",
        {"magnitude": (4, 7), "dead": (2, 60), "injured": (20, 400), "depth": (5, 40)},
        [
            "Earthquake of magnitude {magnitude} strikes near {place}, killing at least {dead}",
            "{dead} dead after strong quake hits {region}",
            "Quake shakes {place}: rescuers search collapsed buildings",
            "{region} earthquake: death toll rises to {dead}",
        ],
        [
            "A magnitude {magnitude} earthquake struck near {place} on {day}, killing at least "
            "{dead} people and injuring {injured}, [officials said|authorities said|"
            "according to the emergency service].",
            "At least {dead} people were killed when a strong earthquake [hit|struck|shook] "
            "{region} early on {day}, [officials said|the authorities reported].",
            "Rescue teams in {place} were [searching|digging] through rubble on {day} after an "
            "earthquake of magnitude {magnitude} [flattened|damaged] homes across {region}.",
        ],
        [
            "The quake's epicentre was about {depth} kilometres below the surface, [the "
            "seismological institute said|according to the national seismology centre].",
            "{person}, {role}, said [rescuers were|crews were] still [searching for survivors|"
            "pulling people from collapsed buildings] in the old town.",
            "Several aftershocks [rattled|shook] {place} [during the night|through the morning], "
            "sending residents [into the streets|out of their homes].",
            "Hospitals in {region} said they had treated {injured} people, [many of them|most] "
            "with [broken bones|head injuries|cuts from glass].",
            "Schools across {region} [will stay|were ordered to stay] closed [until further "
            "notice|for the rest of the week].",
            "[Television pictures|Images shared online|Footage] showed [cracked roads|collapsed "
            "walls|a church tower] in the centre of {place}.",
            "The government [sent|dispatched] army units and field kitchens to {region}.",
            "\u201cWe felt the ground move for almost a minute,\u201d said a shopkeeper in "
            "{place}.",
            "Engineers were [inspecting|checking] bridges and the dam above {place} for damage.",
            "{region} sits on a fault line and [has suffered|was hit by] a deadly quake [two "
            "decades ago|in the past]. ",
            "Power and water were cut in [parts of|several districts of] {place}.",
            "{person} [urged|asked] residents [not to return|to stay away from] damaged buildings.",
        ],
    ),
    Kind(
        "flood",
        {"rain": (80, 300), "evacuated": (300, 9000), "dead": (1, 25), "rivers": (2, 9)},
        [
            "Floods force {evacuated} from their homes in {region}",
            "{place} under water as {river} bursts its banks",
            "Heavy rain floods {region}; {dead} reported dead",
            "Thousands evacuated as flood waters rise in {place}",
        ],
        [
            "[Floods|Flood waters] forced {evacuated} people from their homes in {region} on "
            "{day} after {rain} millimetres of rain fell in two days, [officials said|"
            "the civil protection agency said].",
            "The {river} burst its banks in {place} on {day}, [flooding|submerging] streets and "
            "[cutting off|isolating] villages across {region}.",
            "At least {dead} people have died in flooding in {region}, where {rivers} rivers "
            "rose above their warning levels on {day}.",
        ],
        [
            "{person}, {role}, said the water level in the {river} [was still rising|had not "
            "yet peaked] and could [crest|peak] on {day}.",
            "[Boats|Rescue boats|Army trucks] [carried|ferried] elderly residents out of the "
            "lower districts of {place}.",
            "Rail services between {place} and the coast were [suspended|halted] after the line "
            "was [washed away|flooded] near {place2}.",
            "Forecasters [warned|said] that [more rain|further heavy rain] was expected over "
            "{region} [until|through] the weekend.",
            "Emergency shelters [opened|were set up] in schools and sports halls in {place2}.",
            "Farmers [said|reported] that [harvests|crops|fields] across {region} had been ruined.",
            "\u201cThe water came in so fast that we could only save the children,\u201d one "
            "resident of {place} said.",
            "Volunteers [filled|stacked] sandbags along the {river} embankment through the night.",
            "The government [declared|announced] a state of emergency in {rivers} districts.",
            "Insurers [estimated|said] the damage could run into [hundreds of millions|the "
            "billions].",
            "Drinking water was [being delivered|trucked in] to {place2} after the treatment "
            "plant flooded.",
        ],
    ),
    Kind(
        "fire",
        {"workers": (20, 300), "dead": (0, 12), "engines": (8, 60), "hours": (3, 20)},
        [
            "Fire destroys {org} factory in {place}",
            "Blaze at {place} chemical plant: residents told to keep windows shut",
            "{dead} killed in factory fire near {place}",
            "Firefighters battle huge fire at {org} site",
        ],
        [
            "A fire [destroyed|tore through] a factory run by {org} in {place} on {day}, "
            "[sending a column of black smoke over the city|forcing {workers} workers to "
            "flee], [officials said|the fire service said].",
            "Firefighters [spent|took] {hours} hours [bringing under control|putting out] a "
            "blaze at the {org} plant in {place}, [which killed|that killed] {dead} people.",
            "Residents of {place} were told to keep [windows and doors|their windows] shut on "
            "{day} as a fire burned at a chemical plant owned by {org}.",
        ],
        [
            "{engines} fire engines were [sent|deployed] to the site, [the fire service said|"
            "according to the fire brigade].",
            "{person}, {role}, said the cause of the fire [was not yet known|was under "
            "investigation].",
            "{org} said in a statement that [all|most of] its {workers} workers on the site "
            "had been [accounted for|evacuated].",
            "[Air quality|Pollution] monitors were [placed|set up] around {place} and "
            "[readings|early readings] were [within safe limits|being analysed].",
            "The plant [produces|makes] [paints and solvents|plastic packaging|car parts] and "
            "[employs|has] about {workers} people.",
            "Witnesses said they heard [several explosions|a loud bang] before the [roof|main "
            "hall] collapsed.",
            "Police closed the [motorway|ring road] near {place} while the fire burned.",
            "Inspectors had [raised concerns|warned] about [fire safety|storage of chemicals] at "
            "the site [last year|two years ago], [local media reported|records show].",
            "The fire was [declared out|brought under control] early on {day}.",
            "\u201cThe sky turned black within minutes,\u201d said a resident of {place2}.",
        ],
    ),
    Kind(
        "rail",
        {"passengers": (80, 600), "dead": (1, 30), "injured": (10, 120), "speed": (60, 160)},
        [
            "Train derails near {place}, killing {dead}",
            "{dead} dead, {injured} hurt as passenger train leaves tracks in {region}",
            "Rail crash near {place}: investigators examine signals",
            "Derailment on {place}-{place2} line",
        ],
        [
            "A passenger train [carrying|with] {passengers} people derailed near {place} on "
            "{day}, killing {dead} and injuring {injured}, [the rail operator said|officials "
            "said].",
            "At least {dead} people died when a train [left the tracks|came off the rails] on "
            "the line between {place} and {place2} on {day}.",
            "Investigators [were examining|began examining] the signals on the {place}-{place2} "
            "line on {day} after a derailment that killed {dead} people.",
        ],
        [
            "The train was travelling at about {speed} kilometres an hour when it [left the "
            "tracks|derailed] on a curve, [the operator said|according to {org}].",
            "{person}, {role}, said [the driver survived|the driver was among the injured] and "
            "would be questioned.",
            "[Three|Four|Two] carriages [overturned|rolled down an embankment] near the village "
            "of {place2}.",
            "The line will [remain|stay] closed for [several days|at least a week], {org} said.",
            "Rescuers [cut|worked to cut] passengers free from the [wreckage|carriages] through "
            "the night.",
            "Unions [have long warned|said they had warned] about the state of the tracks on the "
            "line.",
            "The government [ordered|announced] an [independent inquiry|investigation] into "
            "the crash.",
            "\u201cThere was a jolt and then everything went sideways,\u201d a passenger told "
            "[local radio|reporters].",
            "Buses [will replace|are replacing] trains between {place} and {place2}.",
            "It is the [deadliest|worst] rail accident in {region} in [a decade|twenty years].",
        ],
    ),
    Kind(
        "election",
        {"share": (31, 58), "turnout": (41, 78), "seats": (40, 160), "rival": (18, 35)},
        [
            "{person} wins {place} mayoral election with {share}% of the vote",
            "{region} vote: {party} claims victory",
            "{person} declares victory in {region} election",
            "Turnout of {turnout}% as {region} elects new council",
        ],
        [
            "{person} of the {party} won the election for mayor of {place} on {day} with {share} "
            "percent of the vote, [according to official results|the electoral commission "
            "said].",
            "The {party} [won|secured] {seats} seats in the {region} assembly in {day}'s "
            "election, [preliminary results showed|according to preliminary results].",
            "Voters in {region} [handed|gave] the {party} a [clear|narrow] victory on {day}, "
            "with turnout at {turnout} percent.",
        ],
        [
            "{person2}, the main rival, [won|took] {rival} percent and [conceded|said she would "
            "not concede] [late on {day}|on {day} evening].",
            "Turnout was {turnout} percent, [up from|compared with] the last election.",
            "{person} [campaigned|ran] on [cheaper public transport|housing|lower local taxes] "
            "and [promised|pledged] to [cut waiting lists|build new homes].",
            "\u201cThis is a victory for everyone in {place},\u201d {person} told supporters.",
            "Observers [said|reported] the vote was [orderly|largely orderly] despite "
            "[long queues|complaints about queues] in {place2}.",
            "The {party} will need a coalition partner to [govern|control the council], "
            "[analysts said|according to analysts].",
            "The electoral commission will publish final results on {day}.",
            "The result [ends|breaks] [a decade|years] of rule by the opposition in {region}.",
            "Counting [continued|went on] through the night in [rural|outlying] districts.",
        ],
    ),
    Kind(
        "strike",
        {"workers": (2000, 40000), "days": (1, 5), "pay": (4, 15), "offer": (2, 6)},
        [
            "{union} begins {days}-day strike over pay",
            "Strike halts {service} across {region}",
            "{service} disrupted as workers walk out in {place}",
            "Workers reject {offer}% pay offer, strike goes ahead",
        ],
        [
            "About {workers} {service} workers in {region} began a {days}-day strike on {day} "
            "[over pay|in a dispute over pay], [disrupting|halting] services [across the "
            "region|in {place}].",
            "The {union} [walked out|went on strike] on {day} after rejecting a {offer} percent "
            "pay offer, [demanding|seeking] {pay} percent.",
            "{service} across {region} [came to a halt|were disrupted] on {day} as members of "
            "the {union} [began|started] a strike.",
        ],
        [
            "{person}, {role}, said the offer [did not cover|fell far short of] rising prices.",
            "Employers [said|argued] that a {pay} percent rise [was unaffordable|would mean cuts].",
            "Talks [broke down|collapsed] [late on {day}|on {day} night] after [ten|twelve|"
            "nine] hours.",
            "Commuters in {place} [queued|waited] for [hours|buses] as [few|only a handful of] "
            "services ran.",
            "The {union} said further strikes [could follow|were planned] [next month|in the "
            "spring] if no deal was reached.",
            "\u201cWe do not want to strike, but we have been left with no choice,\u201d "
            "{person} said.",
            "{person2}, {role}, [called on|urged] both sides to return to talks.",
            "Schools and hospitals [stayed open|were not affected], officials said.",
            "It is the [first|largest] strike in the sector in [fifteen years|a decade].",
        ],
    ),
    Kind(
        "rates",
        {"rate": (2, 9), "inflation": (2, 11), "bp": (1, 3), "growth": (0, 4)},
        [
            "{bank} raises interest rate to {rate}%",
            "{bank} holds rates as inflation eases to {inflation}%",
            "Central bank surprises markets with rate cut",
            "{bank} governor {person} signals pause in rate rises",
        ],
        [
            "The {bank} [raised|increased] its main interest rate to {rate} percent on {day}, "
            "[citing|pointing to] inflation of {inflation} percent.",
            "The {bank} [held|kept] its benchmark rate at {rate} percent on {day}, saying "
            "inflation [was easing|had started to fall].",
            "{person}, governor of the {bank}, said on {day} that interest rates [would stay|"
            "were likely to stay] at {rate} percent [for some time|until inflation falls].",
        ],
        [
            "Inflation [stood at|was] {inflation} percent [last month|in the latest figures], "
            "[above|well above] the bank's target.",
            "{person} told a news conference that [the economy was slowing|growth was weak] "
            "and [forecast|expected] growth of {growth} percent.",
            "The [currency|national currency] [rose|strengthened] against the euro after the "
            "decision.",
            "[Most|Nearly all] economists [had expected|polled had forecast] the decision.",
            "[Mortgage|Loan] rates [are likely to|could] [rise|follow], [lenders said|analysts "
            "said].",
            "{person2}, an economist at {org}, said the bank [had little choice|was right to act].",
            "The next rate decision [is due|will be announced] in [six weeks|March|June].",
            "[Two|Three] of the board's members voted for a [larger|smaller] move.",
        ],
    ),
    Kind(
        "trial",
        {"years": (2, 14), "million": (2, 90), "defendants": (2, 9), "weeks": (6, 40)},
        [
            "Former minister {person} jailed for {years} years for corruption",
            "{person} found guilty in {place} bribery trial",
            "Court convicts {defendants} in {org} fraud case",
            "{person} to appeal after {years}-year sentence",
        ],
        [
            "A court in {place} [sentenced|jailed] former minister {person} to {years} years "
            "in prison on {day} for taking bribes [worth|totalling] {million} million.",
            "{person} was found guilty on {day} of [accepting bribes|corruption] over contracts "
            "awarded to {org}, [the court ruled|judges ruled].",
            "Judges in {place} convicted {defendants} defendants on {day} in a fraud case "
            "involving {org} that lasted {weeks} weeks.",
        ],
        [
            "Prosecutors said {person} had [steered|awarded] [road-building|hospital] "
            "contracts to {org} in return for payments.",
            "{person}'s lawyer, {person2}, said [his client|they] would appeal.",
            "The trial lasted {weeks} weeks and heard [evidence from|testimony from] "
            "[dozens of|more than forty] witnesses.",
            "{person} [denied|has always denied] wrongdoing.",
            "The court also ordered the [confiscation|seizure] of property [worth|valued at] "
            "{million} million.",
            "\u201cNo one is above the law,\u201d the presiding judge said.",
            "Anti-corruption campaigners [welcomed|praised] the verdict.",
            "{org} said it was [co-operating|cooperating fully] with investigators.",
            "Supporters of {person} [gathered|protested] outside the court in {place}.",
        ],
    ),
    Kind(
        "merger",
        {"billion": (1, 40), "premium": (10, 45), "jobs": (200, 5000), "stores": (40, 900)},
        [
            "{org} agrees {billion} billion takeover of {org2}",
            "{org} to buy rival {org2}",
            "{org2} shares jump on {org} bid",
            "{org}-{org2} merger to cut {jobs} jobs",
        ],
        [
            "{org} [agreed|has agreed] to buy {org2} for {billion} billion, the companies said "
            "on {day}, [creating|in a deal that creates] the region's largest [grocer|"
            "telecoms group|logistics company].",
            "Shares in {org2} [jumped|rose sharply] on {day} after {org} offered {billion} "
            "billion, a {premium} percent premium.",
            "{org} and {org2} [announced|said] on {day} that they would merge in a {billion} "
            "billion deal expected to cut {jobs} jobs.",
        ],
        [
            "The offer [values|represents] a premium of {premium} percent to {org2}'s closing "
            "price.",
            "{person}, {role} of {org}, said the deal would [save|bring savings of] "
            "[hundreds of millions|a great deal] a year.",
            "The combined group will have [about|around] {stores} [stores|branches|depots].",
            "Competition regulators [are expected to|will] [examine|scrutinise] the deal.",
            "Unions [warned|said] that up to {jobs} jobs could go.",
            "{org2}'s board [recommended|backed] the offer.",
            "The deal is expected to close [next year|by the end of the year].",
            "Analysts at {org3} said the price was [generous|fair|low].",
        ],
    ),
    Kind(
        "protest",
        {"crowd": (1000, 60000), "arrests": (3, 90), "injured": (2, 40), "days": (2, 9)},
        [
            "Thousands march in {place} against {cause}",
            "Police detain {arrests} at {place} protest",
            "Protests over {cause} enter day {days}",
            "{place} protesters demand resignation of {person}",
        ],
        [
            "[Thousands of people|About {crowd} people] marched through {place} on {day} "
            "[to protest against|in protest at] {cause}, [police said|organisers said].",
            "Police [detained|arrested] {arrests} people in {place} on {day} as protests "
            "against {cause} [entered|reached] their {days}th day.",
            "Protesters in {place} [demanded|called for] the resignation of {person}, {role}, "
            "on {day}, in the {days}th day of demonstrations against {cause}.",
        ],
        [
            "Police [used|fired] tear gas [near|outside] the parliament building, and {injured} "
            "people were [hurt|treated in hospital].",
            "{person}, {role}, said the government [would not back down|was ready to talk].",
            "Organisers said [about|some] {crowd} people took part; police [gave|put] a lower "
            "figure.",
            "Protesters [carried|waved] banners [reading|that said] \u201cNot in our name\u201d.",
            "Shops along the main avenue in {place} [closed early|stayed shut].",
            "Similar protests [took place|were held] in {place2} and [other cities|several towns].",
            "The opposition [called for|demanded] an inquiry into the police response.",
            "\u201cWe will be back every day until they listen,\u201d said {person2}, a student.",
        ],
    ),
    Kind(
        "outage",
        {"homes": (20000, 900000), "hours": (2, 30), "substations": (2, 12), "age": (20, 60)},
        [
            "Power cut leaves {homes} homes in the dark across {region}",
            "Blackout hits {place}; trams and traffic lights stop",
            "{org} restores power after {hours}-hour outage",
            "Grid failure in {region}: what we know",
        ],
        [
            "About {homes} homes across {region} lost power on {day} after a fault at a "
            "substation near {place}, [the grid operator said|{org} said].",
            "A blackout [hit|struck] {place} on {day}, [stopping|halting] trams and traffic "
            "lights [for|during] [rush hour|the evening rush hour].",
            "{org} said on {day} it had restored power to [most|nearly all] of the {homes} "
            "homes cut off [for up to|for as long as] {hours} hours.",
        ],
        [
            "The fault [spread|cascaded] to {substations} substations, [{org} said|according to "
            "the operator].",
            "{person}, {role}, [ordered|demanded] an investigation into the cause.",
            "Hospitals [switched to|ran on] backup generators, [officials said|and reported no "
            "problems].",
            "Some of the equipment is [more than|about] {age} years old, engineers said.",
            "Mobile networks [were patchy|went down] in [parts of|much of] {place}.",
            "[Shops|Supermarkets] [threw away|lost] chilled food as refrigerators stopped.",
            "{org} [apologised|said it was sorry] and said [customers|households] could claim "
            "compensation.",
            "Trains [were stopped|stood] between stations for [up to an hour|hours].",
        ],
    ),
    Kind(
        "outbreak",
        {"cases": (12, 400), "dead": (0, 9), "wards": (2, 8), "vaccinated": (500, 20000)},
        [
            "Measles outbreak in {place}: {cases} cases confirmed",
            "{region} health authority reports rise in cases",
            "Hospital in {place} closes wards after infection outbreak",
            "Vaccination drive begins in {region} after outbreak",
        ],
        [
            "Health officials in {region} [have confirmed|confirmed] {cases} cases of measles "
            "[in|around] {place}, [most of them|many of them] in children.",
            "A hospital in {place} closed {wards} wards on {day} after an outbreak of "
            "[infection|a stomach bug] among patients, [the health authority said|officials "
            "said].",
            "{region} began a vaccination drive on {day} after {cases} cases [were recorded|"
            "were confirmed] in {place} [in three weeks|this month].",
        ],
        [
            "{person}, {role}, urged parents to [check|make sure] their children were vaccinated.",
            "{vaccinated} people [have been|were] vaccinated [since|in] the first week.",
            "Visits to the hospital [were restricted|have been suspended] [until further "
            "notice|for two weeks].",
            "Vaccination rates in {place} [have fallen|fell] [in recent years|below the target].",
            "[Clinics|Pharmacies] in {place2} [extended|are extending] their opening hours.",
            "Officials said {dead} [patients|people] had died [with|of] the infection.",
            "The health authority [set up|opened] a telephone line for worried parents.",
        ],
    ),
]

CAUSES = ["fuel prices", "a new mining law", "pension cuts", "rent rises", "the election result"]
SERVICES = ["rail services", "bus services", "port operations", "airport ground services"]
BANK_WORDS = ["Central Bank of {region}", "National Bank of {region}", "{region} Reserve Bank"]
ORG_WORDS = ["Holdings", "Group", "Industries", "Energy", "Logistics", "Foods", "Telecom"]
PARTY_WORDS = ["Civic Union", "People's Alliance", "Green Front", "Liberal Movement"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

NOUNS = {
    "quake": "earthquake",
    "flood": "flooding",
    "fire": "fire",
    "rail": "derailment",
    "election": "election",
    "strike": "strike",
    "rates": "rate decision",
    "trial": "verdict",
    "merger": "takeover",
    "protest": "protests",
    "outage": "blackout",
    "outbreak": "outbreak",
}

# Sentences any report may carry, about anything (context, housekeeping).
GENERIC = [
    _compile(t)
    for t in [
        "{place} is [the largest city|the capital] of {region}, with about [half a million|"
        "two hundred thousand|a million] inhabitants.",
        "[The news agency|Reporters] could not [independently verify|confirm] the figures.",
        "[More details are|Further details will be] [expected|released] [later on {day}|in the "
        "coming days].",
        "The [ministry|office] did not [respond to|answer] a request for comment.",
        "[Officials|The authorities] said they would [give an update|hold a news conference] "
        "[on {day}|later].",
        "It was not immediately clear [how many people were affected|what caused it].",
        "[Local|Regional] media [reported|said] [similar figures|a higher figure].",
        "[This is|It is] the second such [incident|event] in {region} this year.",
        "The {noun} [dominated|led] [the evening news|front pages] across {region} on {day}.",
        "[Opposition politicians|Critics] said the government had been [slow|too slow] to "
        "respond to the {noun}.",
        "[Neighbouring regions|The neighbouring region] [offered|sent] help after the {noun}, "
        "{person2} said.",
        "The {noun} [comes|came] at a difficult time for {region}, which [has struggled|is "
        "struggling] with [high prices|unemployment|an ageing population].",
        "Social media [filled|was filled] with [pictures|videos|messages] about the {noun} "
        "within [minutes|the hour].",
        "A [parliamentary committee|council committee] [will|is due to] [discuss|look into] "
        "the {noun} [next week|on {day}].",
        "[Residents|People] in {place2} said they had [heard|learned] of the {noun} from "
        "[the radio|their phones|neighbours].",
        "[Foreign|International] [governments|embassies] [said they were following|were "
        "following] the {noun} closely.",
        "The last [comparable|similar] {noun} in {region} [was|happened] [in the 1990s|more "
        "than a decade ago].",
        "{person2}, [a professor|an analyst|a researcher] in {place2}, said the {noun} "
        "[showed|exposed] [long-standing|deep] [problems|weaknesses] in the region.",
        "[Markets|Share prices] in {region} [were little changed|barely moved] after the {noun}.",
        "Our correspondent in {place} said the mood in the city was [tense|calm|sombre].",
    ]
]

BOILERPLATE = [
    "Reporting by {a}; editing by {b}.",
    "Sign up for our morning newsletter to get the day's news before breakfast.",
    "This article has been updated with new information.",
    "Follow our live coverage on the app.",
    "Additional reporting by {a} in {p}.",
    "Copyright {o}. All rights reserved. Not to be republished without permission.",
    "Read more: the week's top stories from {p}.",
    "Have a news tip? Contact our desk.",
]


@dataclass
class Outlet:
    name: str
    host: str
    footer: str  # appended to every item it publishes (or empty)
    republishes: bool  # a syndication client, not an originator


def outlets(rng: random.Random, count: int) -> list[Outlet]:
    suffixes = ["Herald", "Courier", "Post", "Daily", "Telegraph", "Observer", "Times", "News"]
    result = []
    used = set()
    for n in range(count):
        while True:
            name = f"The {place(rng)} {rng.choice(suffixes)}"
            if name not in used:
                used.add(name)
                break
        host = re.sub(r"[^a-z]", "", name.lower()[4:]) + ".example"
        footer = ""
        if rng.random() < 0.5:
            footer = rng.choice(BOILERPLATE).format(
                a=person(rng), b=person(rng), p=place(rng), o=name
            )
        result.append(Outlet(name, host, footer, republishes=n % 3 != 0))
    return result


@dataclass
class Event:
    key: str
    kind: Kind
    slots: dict[str, str]
    start: datetime


def event(rng: random.Random, key: str, start: datetime, kind: Kind | None = None) -> Event:
    kind = kind or rng.choice(KINDS)
    region = place(rng)
    slots = {
        "place": place(rng),
        "place2": place(rng),
        "region": region,
        "day": rng.choice(DAYS),
        "person": person(rng),
        "person2": person(rng),
        "role": rng.choice(ROLES),
        "org": f"{surname(rng)} {rng.choice(ORG_WORDS)}",
        "org2": f"{surname(rng)} {rng.choice(ORG_WORDS)}",
        "org3": f"{surname(rng)} {rng.choice(ORG_WORDS)}",
        "river": f"{place(rng)} river",
        "union": f"{place(rng)} Workers' Union",
        "party": rng.choice(PARTY_WORDS),
        "bank": rng.choice(BANK_WORDS).format(region=region),
        "cause": rng.choice(CAUSES),
        "service": rng.choice(SERVICES),
        "noun": NOUNS[kind.name],
    }
    for name, (low, high) in kind.slots.items():
        slots[name] = str(rng.randint(low, high))
    return Event(key, kind, slots, start)


@dataclass
class Article:
    title: str
    lede: str
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n\n".join([self.lede, *self.paragraphs])


def write(rng: random.Random, ev: Event, sentences: tuple[int, int] = (12, 22)) -> Article:
    """One reporter's article about ``ev``."""
    k = ev.kind.compiled
    slots = ev.slots
    title = expand(rng.choice(k["headlines"]), slots, rng)
    lede = expand(rng.choice(k["ledes"]), slots, rng)
    count = rng.randint(*sentences)
    body = rng.sample(k["body"], min(count, int(len(k["body"]) * rng.uniform(0.5, 0.9))))
    body += rng.sample(GENERIC, max(2, count - len(body)))
    rng.shuffle(body)
    style = {word: rng.choice(variants) for word, variants in STYLE.items()}
    lines = [_restyle(expand(pieces, slots, rng), style) for pieces in body]
    paragraphs = []
    while lines:
        take = rng.randint(1, 3)
        paragraphs.append(" ".join(lines[:take]))
        lines = lines[take:]
    return Article(title, lede, paragraphs)


# A writer's habits: the same word, one way or another, throughout an article.
STYLE = {
    " said": [" said", " said", " stated"],
    " people": [" people", " people", " residents"],
    " about ": [" about ", " about ", " around "],
    " after ": [" after ", " after ", " following "],
    " across ": [" across ", " throughout "],
    " began ": [" began ", " started "],
}
_STYLE_WORD = re.compile("|".join(re.escape(w) for w in STYLE))


def _restyle(text: str, style: dict[str, str]) -> str:
    return _STYLE_WORD.sub(lambda m: style[m.group(0)], text)


_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2019": "'"})


def _retype(text: str, plain: bool) -> str:
    if plain:
        return text.translate(_QUOTES).replace(" - ", " -- ")
    return text.replace(", ", " , ").replace("percent", "per cent")


def republish(rng: random.Random, original: Article, ev: Event, outlet: Outlet) -> Article:
    """``original`` as another outlet runs it: the same copy, with edits."""
    title = original.title
    paragraphs = list(original.paragraphs)
    lede = original.lede
    edits = rng.sample(["headline", "cut", "add", "typography", "truncate", "prefix"], 2)
    if rng.random() < 0.3:
        edits.append(rng.choice(["cut", "add"]))
    for edit in edits:
        if edit == "headline":
            title = expand(rng.choice(ev.kind.compiled["headlines"]), ev.slots, rng)
        elif edit == "prefix":
            title = rng.choice(["UPDATE 1-", "UPDATE 2-", "BREAKING: ", "WRAPUP "]) + title
        elif edit == "cut" and len(paragraphs) > 2:
            paragraphs.pop(rng.randrange(len(paragraphs)))
        elif edit == "add":
            extra = expand(rng.choice(GENERIC), ev.slots, rng)
            paragraphs.insert(rng.randint(0, len(paragraphs)), extra)
        elif edit == "typography":
            plain = rng.random() < 0.5
            lede, paragraphs = _retype(lede, plain), [_retype(p, plain) for p in paragraphs]
        elif edit == "truncate" and len(paragraphs) > 3:
            paragraphs = paragraphs[: max(2, int(len(paragraphs) * rng.uniform(0.6, 0.85)))]
    if outlet.footer:
        paragraphs.append(outlet.footer)
    return Article(title, lede, paragraphs)


def own(article: Article, outlet: Outlet) -> Article:
    """An outlet's own article, with its footer."""
    if not outlet.footer:
        return article
    return Article(article.title, article.lede, [*article.paragraphs, outlet.footer])


def jitter(rng: random.Random, start: datetime, hours: float) -> datetime:
    return start + timedelta(seconds=int(rng.uniform(0, hours) * 3600))
