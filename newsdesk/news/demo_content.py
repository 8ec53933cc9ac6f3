"""Original demo content for newsdesk: fictional places, people and outlets."""

from __future__ import annotations

AUTHORS: list[dict[str, str]] = [
    {
        "name": "Maren Achterberg",
        "slug": "maren-achterberg",
        "bio": (
            "Maren Achterberg reports from Ostrel and the towns along the Averre. She has covered "
            "the war from the front line since its first week."
        ),
        "contact": "Signal +00 555 0141 · maren.achterberg@newsdesk.example",
    },
    {
        "name": "Tobias Ekwueme-Lund",
        "slug": "tobias-ekwueme-lund",
        "bio": (
            "Tobias Ekwueme-Lund covers diplomacy, the Aubrel talks and the Concord Tribunal. He "
            "previously reported on border disputes and international courts."
        ),
        "contact": "tobias.ekwueme-lund@newsdesk.example",
    },
    {
        "name": "Priya Castellane",
        "slug": "priya-castellane",
        "bio": (
            "Priya Castellane writes about energy, grain, sanctions and markets. Before joining "
            "the desk she spent eight years covering commodity trading in Tirren."
        ),
        "contact": "priya.castellane@newsdesk.example · Signal +00 555 0177",
    },
    {
        "name": "Felix Oduya",
        "slug": "felix-oduya",
        "bio": (
            "Felix Oduya covers humanitarian affairs, refugees and prisoners of war. He is based "
            "in Dorvallen, near the border with Lorvania."
        ),
        "contact": "felix.oduya@newsdesk.example",
    },
    {
        "name": "Sunniva Rask",
        "slug": "sunniva-rask",
        "bio": (
            "Sunniva Rask is the live desk's verification editor and runs our fact checks. She "
            "also writes our weather and logistics briefings."
        ),
        "contact": "Signal +00 555 0192 · verify@newsdesk.example",
    },
]

TAGS: list[str] = [
    "Front line",
    "Ceasefire talks",
    "Humanitarian",
    "Energy",
    "Refugees",
    "Sanctions",
    "Grain exports",
    "Prisoners",
    "Courts",
    "Markets",
    "Weather",
    "Diplomacy",
    "Casualties",
    "Fact check",
    "Nuclear safety",
]

OUTLETS: list[dict[str, str]] = [
    {"name": "the Harbour Gazette", "url": "https://harbour-gazette.example/"},
    {"name": "the Sorvanne Ledger", "url": "https://sorvanne-ledger.example/"},
    {"name": "the Vell Morning Post", "url": "https://vell-morning-post.example/"},
    {"name": "the Stavroth Courier", "url": "https://stavroth-courier.example/"},
    {"name": "Halvardian State Television", "url": "https://hst.example/"},
    {"name": "the Estmark Observer", "url": "https://estmark-observer.example/"},
    {"name": "Continental Wire", "url": "https://continental-wire.example/"},
    {"name": "Radio Ostrel", "url": "https://radio-ostrel.example/"},
    {"name": "the Grainmarket Bulletin", "url": "https://grainmarket-bulletin.example/"},
    {"name": "Lorvanian Public Radio", "url": "https://lorvanian-public-radio.example/"},
]

STORIES: list[dict[str, object]] = [
    {
        "headline": "Overnight shelling hits eastern districts of Ostrel, three people injured",
        "lede": (
            "Artillery fire struck residential streets on Ostrel's east bank shortly after "
            "midnight, injuring three civilians and damaging a tram depot, according to the city's "
            "military administration."
        ),
        "body": (
            "Mayor Jonah Krell said the shells landed in the Quarry and Saltyard districts, about "
            "two kilometres from the Averre river. Two of the injured were taken to the city's No. "
            "3 hospital; the third was treated at the scene.\n\n"
            "Tram services on lines 4 and 9 will not run until engineers inspect the overhead "
            "cables. The city asked residents to avoid the depot area while bomb disposal teams "
            "work there.\n\n"
            "Halvardy's defence ministry did not comment on the strike."
        ),
        "tags": ["Front line", "Casualties"],
        "authors": ["maren-achterberg"],
        "sources": [
            {"outlet": 7, "how": "reported by", "path": "/2026/11/night-shelling-east-bank"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Rolling power cuts return to Tolbrenn after strike on a key substation",
        "lede": (
            "Calvenne National Grid has introduced four-hour rolling outages across Tolbrenn and "
            "its suburbs after a missile damaged the Fennick substation, the operator's chief "
            "executive said."
        ),
        "body": (
            "Hedda Lorne, chief executive of Calvenne National Grid, said two of Fennick's three "
            "transformers were out of action and that crews could not begin repairs until the site "
            "had been checked for unexploded munitions.\n\n"
            "“We are prioritising hospitals, water pumping and heating plants,” Lorne said. "
            "“Households should expect at least two outages a day for the coming week.”\n\n"
            "Outage schedules are being posted on the grid operator's website and read out on "
            "regional radio."
        ),
        "tags": ["Energy"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Estmark offers to host talks between Calvenne and Halvardy in Aubrel",
        "lede": (
            "The neutral Principality of Estmark says it is ready to host direct or indirect talks "
            "between the warring governments in its capital, Aubrel, “at any level and at short "
            "notice”."
        ),
        "body": (
            "Foreign Minister Lucien Arbel made the offer in a statement read to reporters at the "
            "foreign ministry. He said Estmark had passed the proposal to both embassies and would "
            "not set preconditions.\n\n"
            "Calvenne's foreign ministry said it “welcomed any initiative that leads to the "
            "withdrawal of Halvardian forces”. There was no immediate response from Stavroth.\n\n"
            "Estmark has previously brokered the return of bodies of fallen soldiers and helped "
            "arrange two small prisoner swaps earlier in the war."
        ),
        "tags": ["Diplomacy", "Ceasefire talks"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 5, "how": "according to", "path": "/2026/11/arbel-offers-aubrel-talks"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Fact check: viral video of a “collapsed Stelling Bridge” was filmed years ago",
        "lede": (
            "A clip shared widely overnight as proof that the Stelling Bridge over the Averre had "
            "been destroyed shows flood damage to a different bridge, our verification desk found."
        ),
        "body": (
            "The video, viewed hundreds of thousands of times, shows a partly submerged road "
            "bridge with a collapsed central span. Accounts sharing it said it showed the Stelling "
            "Bridge after Halvardian strikes.\n\n"
            "We matched the riverbank, a distinctive water tower and a roadside chapel to the old "
            "Tamsen Mill bridge near Harnveld, which was damaged in a flood and has since been "
            "rebuilt. The earliest copy we found was posted long before the war began.\n\n"
            "**Verdict: false.** Drivers crossing the Stelling Bridge this morning told our "
            "correspondent it was open, though under a night-time traffic ban."
        ),
        "tags": ["Fact check"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Queues stretch for kilometres at the Dorvallen–Sarrow crossing into Lorvania",
        "lede": (
            "Families leaving the east are waiting up to nine hours to cross from Dorvallen into "
            "Lorvania, border officials on both sides said, as the latest wave of shelling pushes "
            "more people west."
        ),
        "body": (
            "Most of those in the queue were women, children and older people travelling by car or "
            "on buses chartered by volunteer groups. Calvennese border guards said about 6,200 "
            "people crossed in the past 24 hours, roughly double the daily average last month.\n\n"
            "Volunteers handed out tea and blankets along the road. Lorvania's interior ministry "
            "said it had opened an extra lane for pedestrians and buses."
        ),
        "tags": ["Refugees"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Grain carrier held outside Vell after crew report a drifting sea mine",
        "lede": (
            "A bulk carrier loaded with wheat has been ordered to drop anchor outside the port of "
            "Vell after its crew spotted what appeared to be a drifting mine, the port authority "
            "said."
        ),
        "body": (
            "Navy divers were sent to the area and traffic through the outer channel was paused "
            "for several hours. Two other vessels waiting to load were told to remain at their "
            "berths.\n\n"
            "The port authority said the corridor through the Gannet Sea remained open and that it "
            "expected normal operations to resume once the object had been identified."
        ),
        "tags": ["Grain exports"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Thick fog grounds drones along the Averre, commanders on both sides say",
        "lede": (
            "Dense fog along the Averre valley has sharply reduced drone flights and artillery "
            "spotting, officers on both sides of the front told reporters, bringing a rare lull to "
            "some sectors."
        ),
        "body": (
            "A Calvennese battalion commander near Marrin Ford said visibility had dropped below "
            "fifty metres at dawn. Halvardian military bloggers reported similar conditions on the "
            "east bank.\n\n"
            "Forecasters expect the fog to lift by early afternoon. Commanders warned that such "
            "lulls are often followed by heavy shelling once visibility improves."
        ),
        "tags": ["Weather", "Front line"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Missile strike hits Tolbrenn thermal power station; fire brought under control"
        ),
        "lede": (
            "A missile struck the Tolbrenn thermal power station before dawn, starting a fire in "
            "the turbine hall that burned for three hours, the State Emergency Service said. No "
            "casualties have been reported so far."
        ),
        "body": (
            "Firefighters contained the blaze shortly after 7 a.m., said Ottilie Farr, spokeswoman "
            "for the State Emergency Service. Sixty staff on the night shift were evacuated to "
            "shelters on site.\n\n"
            "The plant supplies most of the electricity and district heating for Tolbrenn's "
            "300,000 residents. Calvenne National Grid said it was too early to say how long "
            "repairs would take.\n\n"
            "We will update this post as more information comes in."
        ),
        "tags": ["Energy", "Front line"],
        "authors": ["maren-achterberg", "priya-castellane"],
        "sources": [
            {"outlet": 1, "how": "reported by", "path": "/2026/11/tolbrenn-power-station-strike"},
        ],
        "breaking": True,
        "correction": "",
    },
    {
        "headline": "Calven slides to a three-month low after attack on Tolbrenn power station",
        "lede": (
            "Calvenne's currency weakened sharply in early trading after the strike on the "
            "Tolbrenn power station, before the National Bank stepped in to limit the fall, "
            "dealers in Sorvanne said."
        ),
        "body": (
            "The calven fell as much as 2.8% against the Meridian merid before recovering part of "
            "the loss. Shares in Calvenne's largest utility, Calven Energo, dropped 9% on the "
            "Sorvanne Stock Exchange.\n\n"
            "One currency dealer said markets were reacting less to the damage itself than to "
            "fears of a long winter of outages. The National Bank said it had “sufficient reserves "
            "to smooth excessive volatility”."
        ),
        "tags": ["Markets"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Halvardy says it is “studying” Estmark's offer to host talks, sets no date",
        "lede": (
            "Halvardy's foreign ministry says it is reviewing Estmark's proposal to host "
            "negotiations in Aubrel, but has not committed to sending a delegation, according to a "
            "ministry statement."
        ),
        "body": (
            "Foreign Minister Oriane Stahl told the Stavroth Courier that any talks would have to "
            "“reflect the situation on the ground”, a phrase Calvennese officials have long read "
            "as a demand to keep captured territory.\n\n"
            "A Calvennese presidential adviser called the response “predictable, but not a closed "
            "door”."
        ),
        "tags": ["Ceasefire talks"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {
                "outlet": 3,
                "how": "according to",
                "path": "/2026/11/foreign-ministry-studying-aubrel",
            },
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Red Lantern convoy reaches Tessary with medicine and water filters",
        "lede": (
            "A Red Lantern Society convoy of six trucks has delivered medical supplies, water "
            "filters and generator fuel to Tessary, the frontline town that has been almost cut "
            "off for three weeks."
        ),
        "body": (
            "The convoy travelled the last twelve kilometres on a dirt road under drone "
            "surveillance, the society said. It was the first delivery to reach the town in nine "
            "days.\n\n"
            "Tessary's hospital has been operating with one surgeon and intermittent electricity. "
            "The society said it had also brought insulin, dressings and 4,000 water purification "
            "tablets."
        ),
        "tags": ["Humanitarian"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Meridian Union ministers to weigh a new sanctions package against Halvardy",
        "lede": (
            "Foreign ministers of the fourteen-member Meridian Union will meet in the coming days "
            "to discuss fresh sanctions on Halvardy targeting shipping, banks and technology "
            "imports, diplomats said."
        ),
        "body": (
            "A draft seen by diplomats would add more Halvardian banks to a payments ban and bar "
            "ships that have carried Halvardian oil from Meridian ports. At least two member "
            "states have asked for exemptions for fertiliser trade.\n\n"
            "Ines Valcourt, the bloc's foreign policy chief, said she hoped for “swift agreement”. "
            "Decisions on sanctions require unanimity."
        ),
        "tags": ["Sanctions"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 6, "how": "citing", "path": "/2026/11/meridian-ministers-sanctions-package"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Halvardy claims capture of the village of Kirrow; Calvennese army denies it",
        "lede": (
            "Halvardian state television reported that its forces had taken the village of Kirrow "
            "north of Tessary. Calvenne's General Staff said fighting was continuing and the "
            "village remained contested."
        ),
        "body": (
            "Halvardian State Television broadcast footage of soldiers raising a flag beside a "
            "damaged shop. We were able to confirm that the footage was filmed on Kirrow's main "
            "street, but not when.\n\n"
            "Colonel Aurel Stane, spokesman for Calvenne's General Staff, said Calvennese units "
            "still held positions in the village's western half. Neither claim could be "
            "independently verified."
        ),
        "tags": ["Fact check", "Front line"],
        "authors": ["sunniva-rask"],
        "sources": [
            {"outlet": 4, "how": "as quoted by", "path": "/2026/11/kirrow-claim"},
            {"outlet": 7, "how": "citing", "path": "/2026/11/kirrow-residents-contested"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Ostrel moves school classes underground as shelling intensifies",
        "lede": (
            "Schools in Ostrel will teach in basements and metro station shelters from next week, "
            "the city's education department said, after shelling damaged three school buildings "
            "this month."
        ),
        "body": (
            "About 11,000 pupils are still enrolled in the city. Lessons will be shortened to four "
            "hours, with online classes for those unable to reach a shelter.\n\n"
            "“Children need routine and they need friends,” said a head teacher in the Saltyard "
            "district. “A basement is not ideal, but it is better than a screen.”"
        ),
        "tags": ["Humanitarian"],
        "authors": ["maren-achterberg"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Partial power restored in Tolbrenn; hospitals still running on generators",
        "lede": (
            "Grid engineers have restored electricity to about half of Tolbrenn's households, but "
            "the city's hospitals remain on backup generators while the damaged power station is "
            "assessed."
        ),
        "body": (
            "Energy Minister Lukas Brennic said power was being routed in from the west through "
            "lines that were already close to capacity. District heating is working at reduced "
            "temperature.\n\n"
            "The ministry asked residents not to use electric heaters during evening peak hours."
        ),
        "tags": ["Energy"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Concord Council to meet in emergency session on the situation in Tessary",
        "lede": (
            "The Concord of Nations' Security Council will hold an emergency session on Tessary at "
            "Calvenne's request, with a humanitarian briefing from the Concord's relief "
            "coordinator."
        ),
        "body": (
            "Calvenne wants the council to demand a humanitarian corridor for civilians still in "
            "the town. Halvardy, a permanent council member, is expected to object to any text "
            "that assigns blame for the siege.\n\n"
            "Teodor Annslie, the Concord's humanitarian coordinator, will present the latest "
            "assessment from agencies working in the area."
        ),
        "tags": ["Diplomacy", "Humanitarian"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Lorvania opens a second refugee reception centre in the border town of Sarrow",
        "lede": (
            "Lorvanian authorities have opened a second reception centre in Sarrow, in a converted "
            "exhibition hall, to cope with the rising number of arrivals from Calvenne, Lorvanian "
            "Public Radio reported."
        ),
        "body": (
            "The centre has 1,400 beds, a medical point and a desk for registering temporary "
            "protection. Officials said most new arrivals were moving on within two days to "
            "relatives elsewhere in Lorvania or further west.\n\n"
            "Sarrow's mayor said volunteers and local businesses had provided most of the "
            "furniture and bedding."
        ),
        "tags": ["Refugees"],
        "authors": ["felix-oduya"],
        "sources": [
            {"outlet": 9, "how": "reported by", "path": "/2026/11/sarrow-second-centre"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Calvennese army says 14 soldiers killed near Marrin Ford in two days of fighting"
        ),
        "lede": (
            "Calvenne's General Staff said 14 of its soldiers had been killed and 37 wounded near "
            "Marrin Ford over 48 hours, a rare public disclosure of losses in a single sector of "
            "the front."
        ),
        "body": (
            "Colonel Aurel Stane said the losses came during repeated Halvardian infantry assaults "
            "supported by armoured vehicles. He said Halvardian losses were “several times higher” "
            "but gave no figure.\n\n"
            "Neither side regularly publishes its own military casualties and the figures could "
            "not be independently verified."
        ),
        "tags": ["Casualties", "Front line"],
        "authors": ["maren-achterberg"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Vell port says drifting mine was destroyed and grain traffic has resumed",
        "lede": (
            "Navy divers destroyed the mine spotted near Vell's outer channel in a controlled "
            "explosion and ships have resumed loading, the port authority said, according to the "
            "Vell Morning Post."
        ),
        "body": (
            "The bulk carrier that reported the mine, loaded with 48,000 tonnes of wheat, left the "
            "anchorage under naval escort. Port officials said the delay would cost about a day of "
            "exports.\n\n"
            "Two vessels that had been told to stay at their berths have resumed loading maize."
        ),
        "tags": ["Grain exports"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 2, "how": "according to", "path": "/2026/11/mine-destroyed-outer-channel"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Explainer: who holds what along the Averre, and why the river matters",
        "lede": (
            "The Averre river has become the spine of the war. Here is a short guide to the front "
            "line, the crossings, and why control of the river's banks shapes everything from "
            "artillery to grain shipments."
        ),
        "body": (
            "The Averre runs roughly north to south for about 600 kilometres, from the hills above "
            "the Ormund Valley to the delta at Lunmouth, where it meets the Gannet Sea. For most "
            "of its length it now marks the line of contact.\n\n"
            "**What each side holds**\n\n"
            "- Halvardian forces occupy most of the east bank between the Ormund Valley and the "
            "outskirts of Tessary, including the Varnhold Nuclear Station on the Varnhold "
            "reservoir.\n"
            "- Calvenne holds the entire west bank and a bridgehead on the east bank around "
            "Tessary, which is now surrounded on three sides.\n"
            "- Further south, the front bends away from the river, leaving Ostrel's eastern "
            "districts within range of Halvardian artillery.\n"
            "- The delta around Lunmouth is contested, with small islands changing hands "
            "repeatedly.\n\n"
            "**The crossings**\n\n"
            "Only three road bridges over the river remain usable: the Stelling Bridge north of "
            "Ostrel, a rail bridge near Harnveld and a narrow bridge at Marrin Ford that is under "
            "regular fire. Both armies also use pontoons and boats, especially at night. "
            "Calvennese officers say a pontoon can be assembled in under two hours, but rarely "
            "survives more than a few days once it has been spotted by drones. Winter matters too: "
            "in cold years the river has frozen in the north, though rarely near the delta.\n\n"
            "**Why it matters**\n\n"
            "The river is a natural defensive line. Crossing it under fire is costly, which is one "
            "reason why the front has moved little in recent months. But it also means towns on "
            "the west bank, including Ostrel and Tolbrenn, sit within easy artillery range.\n\n"
            "The Averre also carries barges of grain from the interior to Vell, a trade that has "
            "mostly stopped since the war began. And the reservoir at Varnhold cools the nuclear "
            "station's reactors, which is why any fighting near the dam worries international "
            "inspectors.\n\n"
            "**What to watch**\n\n"
            "Analysts say the key questions for the coming weeks are whether Tessary can be held, "
            "whether Halvardy attempts a push in the delta before winter storms, and whether the "
            "Estmark talks can produce even a local agreement on the river, such as a safe zone "
            "around Varnhold.\n\n"
            "We will update this explainer as the situation changes. Our maps rely on statements "
            "from both militaries, local officials and our own reporting; where claims conflict, "
            "we say so."
        ),
        "tags": ["Front line"],
        "authors": ["sunniva-rask", "maren-achterberg"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Prosecutor General opens war crimes inquiry into strike on Tolbrenn power station"
        ),
        "lede": (
            "Calvenne's Prosecutor General has opened a criminal investigation into the strike on "
            "the Tolbrenn power station, saying attacks on civilian energy infrastructure may "
            "amount to war crimes."
        ),
        "body": (
            "Prosecutor General Gerold Wendt said investigators had collected missile fragments "
            "from the site and would share evidence with the Concord Tribunal.\n\n"
            "Halvardy's defence ministry has said its strikes target “military-related energy "
            "facilities” and has denied hitting civilian objects."
        ),
        "tags": ["Courts", "Energy"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Drone attack on Vell damages grain warehouses at the port",
        "lede": (
            "A wave of drones struck Vell overnight, setting fire to two grain warehouses and "
            "damaging a loading crane, regional governor Sabine Ardel said. One port worker was "
            "lightly injured."
        ),
        "body": (
            "Air defences shot down most of the 23 drones launched at the region, Ardel said, but "
            "debris and at least three direct hits caused fires in the port's eastern terminal.\n\n"
            "An estimated 20,000 tonnes of maize and sunflower seeds were stored in the damaged "
            "warehouses. The port said loading at other berths would continue."
        ),
        "tags": ["Grain exports", "Front line"],
        "authors": ["priya-castellane", "maren-achterberg"],
        "sources": [
            {"outlet": 2, "how": "reported by", "path": "/2026/11/drones-hit-port-warehouses"},
            {"outlet": 8, "how": "via", "path": "/2026/11/vell-terminal-fire"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Wheat futures jump in Tirren after overnight strike on Vell port",
        "lede": (
            "Wheat prices on the Tirren commodity exchange rose for a second day after the drone "
            "attack on Vell, with traders pricing in the risk of further disruption to Calvennese "
            "exports."
        ),
        "body": (
            "The most-traded wheat contract rose 4.1% before easing to close 3.2% higher. Maize "
            "rose 2.5%.\n\n"
            "Analysts quoted by the Grainmarket Bulletin said buyers in importing countries were "
            "already booking cargoes from other suppliers for the coming months.\n\n"
            "“The market can live with one attack,” one broker said. “What it cannot price is a "
            "port that stops working.”"
        ),
        "tags": ["Markets", "Grain exports"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 8, "how": "citing", "path": "/2026/11/tirren-wheat-jumps-on-vell"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Concord Council emergency session on Tessary ends without a resolution",
        "lede": (
            "An emergency session of the Concord Council on the siege of Tessary ended without a "
            "resolution after Halvardy said it would block any text that named it as responsible."
        ),
        "body": (
            "Eleven council members backed a draft calling for “immediate, safe and unimpeded” "
            "civilian evacuation. Halvardy's envoy said the draft was “one-sided” and that "
            "Calvennese forces were using the town as a fortress.\n\n"
            "The council's president said members would keep working on a shorter statement."
        ),
        "tags": ["Diplomacy", "Humanitarian"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Concord relief coordinator urges both sides to agree a corridor out of Tessary"
        ),
        "lede": (
            "Teodor Annslie, the Concord's humanitarian coordinator, has called on Calvenne and "
            "Halvardy to agree a time-limited corridor for civilians from Tessary, warning that "
            "the town's water supply is close to failing."
        ),
        "body": (
            "In his briefing, Annslie said the town's last working water pump depended on a single "
            "generator. He estimated that between 1,000 and 1,500 civilians remained, most of them "
            "elderly.\n\n"
            "> “A corridor is not a concession by either side. It is the minimum the law "
            "requires,” he said.\n\n"
            "Annslie said the Red Lantern Society had offered to escort convoys and register "
            "evacuees."
        ),
        "tags": ["Humanitarian"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Calvenne says about 1,200 civilians remain in the besieged town of Tessary",
        "lede": (
            "Calvennese officials estimate that about 1,200 civilians are still living in Tessary, "
            "mostly in basements, according to the regional military administration."
        ),
        "body": (
            "The administration said at least 38 civilians had been killed in the town since the "
            "encirclement began, a figure it said was likely to rise as areas become accessible. "
            "The number could not be independently verified."
        ),
        "tags": ["Humanitarian", "Casualties"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": (
            "An earlier version of this update said 12,000 civilians remained in Tessary; the "
            "figure given by officials was 1,200."
        ),
    },
    {
        "headline": "Tolbrenn residents can now check their power cut schedule street by street",
        "lede": (
            "Calvenne National Grid has published street-by-street outage schedules for Tolbrenn "
            "online and by text message, after complaints that residents had no warning before the "
            "lights went out."
        ),
        "body": (
            "The schedules divide the city into six groups, each without power for about four "
            "hours twice a day. The operator warned that emergency shutdowns may still happen "
            "without notice if the network is overloaded.\n\n"
            "Residents can check their group on [the grid operator's outage "
            "page](https://calvenne-grid.example/outages/tolbrenn)."
        ),
        "tags": ["Energy"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Prisoner exchange talks continue “at technical level”, Calvenne's coordinator says"
        ),
        "lede": (
            "Discussions on a new exchange of prisoners of war are continuing between technical "
            "teams, with Estmark acting as intermediary, said Yara Benning, head of Calvenne's "
            "prisoner coordination bureau."
        ),
        "body": (
            "Benning would not say how many prisoners might be included, but said the lists under "
            "discussion prioritised the wounded and seriously ill.\n\n"
            "She urged families not to trust people offering paid information about captured "
            "relatives, saying the bureau had received reports of fraud."
        ),
        "tags": ["Prisoners"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Heavy rain turns frontline roads to mud and slows supply convoys",
        "lede": (
            "Two days of heavy rain have turned dirt tracks along the Averre into deep mud, "
            "slowing supply convoys and armoured movements, soldiers and local officials said."
        ),
        "body": (
            "A logistics officer near Drellin said fuel trucks were taking twice as long to reach "
            "forward positions. Tractors were being used to tow stuck vehicles.\n\n"
            "Forecasters expect more rain through the week before temperatures drop."
        ),
        "tags": ["Weather", "Front line"],
        "authors": ["maren-achterberg"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Estmark's foreign minister arrives in Sorvanne to discuss possible talks",
        "lede": (
            "Lucien Arbel, Estmark's foreign minister, arrived in Sorvanne for meetings with "
            "President Ilsa Marrend and Foreign Minister Dorian Vasko on the format of possible "
            "talks with Halvardy."
        ),
        "body": (
            "Arbel travelled overland from the Lorvanian border. Officials said the discussions "
            "would cover a possible agenda, security arrangements in Aubrel and whether the first "
            "round should be direct or through mediators.\n\n"
            "Vasko said after the meeting that Calvenne was “ready to talk about prisoners, "
            "humanitarian issues and nuclear safety immediately”. He said territorial questions "
            "could not be separated from the withdrawal of Halvardian troops."
        ),
        "tags": ["Diplomacy", "Ceasefire talks"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 5, "how": "reported by", "path": "/2026/11/arbel-in-sorvanne"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "National Bank of Calvenne sells reserves to steady the calven",
        "lede": (
            "The National Bank of Calvenne sold foreign currency for a second day to support the "
            "calven, Governor Anselm Rook said, adding that the bank's reserves remained "
            "comfortable."
        ),
        "body": (
            "Rook said the bank had sold the equivalent of 410 million merids over two days. The "
            "calven recovered to about 1.5% below its level before the Tolbrenn strike.\n\n"
            "He told reporters the bank would not hesitate to act again but would let the currency "
            "adjust “in line with fundamentals”."
        ),
        "tags": ["Markets"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 1, "how": "according to", "path": "/2026/11/national-bank-intervention"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Families of missing soldiers rally in Sorvanne, urging faster prisoner exchanges"
        ),
        "lede": (
            "Several hundred relatives of soldiers listed as missing or captured gathered outside "
            "the presidential office in Sorvanne, calling for faster exchanges and more "
            "information from the authorities."
        ),
        "body": (
            "Many held photographs of husbands, sons and daughters. Some said they had had no news "
            "for more than a year.\n\n"
            "A representative of the prisoner coordination bureau spoke to the crowd and promised "
            "monthly meetings with families. The rally ended peacefully after two hours."
        ),
        "tags": ["Prisoners"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Fact check: no evidence of Calvennese artillery at the Varnhold nuclear plant",
        "lede": (
            "Halvardian State Television said Calvennese forces had placed artillery near the "
            "Varnhold Nuclear Station to provoke return fire. We found no evidence for the claim, "
            "which Calvenne denies."
        ),
        "body": (
            "The broadcast showed satellite images that it said showed gun positions “within two "
            "kilometres of the plant”. The plant and its surroundings are under Halvardian "
            "control, which makes it implausible that Calvennese artillery could operate there.\n\n"
            "The locations shown in the broadcast match open fields on the west bank about 14 "
            "kilometres from the plant. Commercial satellite images from the same period show no "
            "artillery at those locations.\n\n"
            "Inspectors from the Concord Atomic Safety Agency stationed at the plant have not "
            "reported any Calvennese military presence.\n\n"
            "**Verdict: unsupported.**"
        ),
        "tags": ["Fact check", "Nuclear safety"],
        "authors": ["sunniva-rask"],
        "sources": [
            {"outlet": 4, "how": "as quoted by", "path": "/2026/11/varnhold-artillery-claim"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Varnhold nuclear plant is down to its last external power line, inspectors say"
        ),
        "lede": (
            "The occupied Varnhold Nuclear Station is relying on a single external power line "
            "after a second line was cut by shelling, the Concord Atomic Safety Agency said, "
            "calling the situation “fragile”."
        ),
        "body": (
            "The agency's director-general, Odile Ferrand, said all six reactors were in cold "
            "shutdown but still needed power to cool fuel and run safety systems. The plant has "
            "diesel generators as a backup.\n\n"
            "Ferrand said she was prepared to travel to the region to discuss “practical measures” "
            "with both sides."
        ),
        "tags": ["Nuclear safety"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Two killed as shelling hits the ferry landing in Lunmouth, officials say",
        "lede": (
            "Two people were killed and four injured when shells struck the ferry landing in "
            "Lunmouth as residents queued for the crossing to the delta islands, regional "
            "officials said."
        ),
        "body": (
            "The ferry is the only link for about 800 people living on the islands. The Harbour "
            "Gazette said the victims were a ferry worker and a retired teacher.\n\n"
            "Ferry services were suspended for the rest of the day."
        ),
        "tags": ["Casualties", "Front line"],
        "authors": ["maren-achterberg"],
        "sources": [
            {"outlet": 0, "how": "as quoted by", "path": "/2026/11/ferry-landing-shelling"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Meridian Union agrees new sanctions on Halvardian shipping, banks and tech imports"
        ),
        "lede": (
            "Meridian Union foreign ministers have agreed a new package of sanctions on Halvardy, "
            "barring tankers that carry its oil from Meridian ports and cutting six more banks off "
            "from the bloc's payment system."
        ),
        "body": (
            "The package also bans exports of machine tools and some electronic components that "
            "officials say have been found in Halvardian drones.\n\n"
            "Ines Valcourt said the measures were designed to “reduce the revenue that pays for "
            "this war”. Fertiliser shipments were exempted after objections from two member "
            "states.\n\n"
            "The measures take effect in ten days."
        ),
        "tags": ["Sanctions"],
        "authors": ["priya-castellane", "tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 6, "how": "reported by", "path": "/2026/11/meridian-sanctions-agreed"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Halvardy calls new sanctions “economic siege” and promises a response",
        "lede": (
            "Halvardy's foreign ministry said the Meridian Union's new sanctions amounted to an "
            "“economic siege” and promised “proportionate measures”, without saying what they "
            "would be."
        ),
        "body": (
            "Foreign Minister Oriane Stahl told the Stavroth Courier that previous sanctions had "
            "“made Halvardy more self-reliant”. Officials have in the past threatened to restrict "
            "exports of fertiliser and metals in response to Meridian measures."
        ),
        "tags": ["Sanctions", "Diplomacy"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 3, "how": "as quoted by", "path": "/2026/11/stahl-economic-siege"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Red Lantern says it is relaying messages on a corridor out of Tessary",
        "lede": (
            "The Red Lantern Society says it is passing messages between Calvennese and Halvardian "
            "military officers on a possible evacuation route from Tessary, and that both sides "
            "are engaging."
        ),
        "body": (
            "A society spokesperson said discussions covered timing, the route and how to "
            "guarantee that buses would not be fired on. No agreement has been reached.\n\n"
            "The society said it had buses and medical staff ready in Harnveld, about 30 "
            "kilometres west of Tessary."
        ),
        "tags": ["Humanitarian"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Ostrel's central market reopens after repairs to shell damage",
        "lede": (
            "Ostrel's covered central market has reopened after two weeks of repairs, with traders "
            "selling vegetables, fish and winter clothing under a newly patched roof."
        ),
        "body": (
            "About half of the market's stalls are operating. Traders said customers were fewer "
            "than before but grateful to have somewhere to shop close to home. A sign at the "
            "entrance lists the nearest shelters."
        ),
        "tags": ["Humanitarian"],
        "authors": ["maren-achterberg"],
        "sources": [
            {"outlet": 7, "how": "via", "path": "/2026/11/central-market-reopens"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "First frost of the season forecast; grid operator warns of evening demand peaks"
        ),
        "lede": (
            "Forecasters expect the first frost of the season across eastern Calvenne this week, "
            "and the national grid operator has warned that rising demand could force more outages "
            "in evening hours."
        ),
        "body": (
            "Night temperatures are expected to fall to minus 3C in Ostrel and Tolbrenn. Calvenne "
            "National Grid asked households to avoid running washing machines, ovens and heaters "
            "at the same time between 6 p.m. and 10 p.m."
        ),
        "tags": ["Weather", "Energy"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Halvardian thal falls to a record low after new Meridian sanctions",
        "lede": (
            "The Halvardian thal fell to a record low against the merid after the Meridian Union "
            "announced new sanctions, despite the Halvardian Reserve Bank's efforts to slow the "
            "decline."
        ),
        "body": (
            "The currency lost 3.4% in a day in Stavroth's official market. The central bank said "
            "it would temporarily require exporters to convert a larger share of foreign earnings "
            "into thals.\n\n"
            "Economists said the measure could slow the fall but would not change the pressure on "
            "Halvardy's budget."
        ),
        "tags": ["Markets", "Sanctions"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Concord Tribunal sets date to hear Calvenne's request for emergency measures",
        "lede": (
            "The Concord Tribunal in Lissane will hold hearings within days on Calvenne's request "
            "for provisional measures requiring Halvardy to allow humanitarian access to occupied "
            "areas, the court said."
        ),
        "body": (
            "Calvenne's application asks the tribunal to order immediate access for Concord "
            "agencies to the occupied Ormund Valley and to prohibit attacks on water and power "
            "facilities.\n\n"
            "Halvardy has not said whether it will take part. It has previously argued that the "
            "tribunal has no jurisdiction over the conflict."
        ),
        "tags": ["Courts"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Varnhold nuclear plant loses last external power line; backup generators running"
        ),
        "lede": (
            "The Varnhold Nuclear Station has lost its last external power connection and is "
            "running on diesel generators, the Concord Atomic Safety Agency said. Inspectors at "
            "the site report no rise in radiation."
        ),
        "body": (
            "It is the fourth time the plant has lost all external power since it was occupied. "
            "The agency said all 20 diesel generators had started as designed and that eight were "
            "needed to keep cooling systems running.\n\n"
            "Director-general Odile Ferrand urged both sides to stop all military activity near "
            "the plant's power lines and allow repairs “without delay”.\n\n"
            "Calvenne's energy ministry blamed Halvardian shelling for the damage. Halvardy's "
            "defence ministry said the line was hit by Calvennese artillery. Neither account could "
            "be verified."
        ),
        "tags": ["Nuclear safety"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 6, "how": "citing", "path": "/2026/11/varnhold-loses-last-line"},
        ],
        "breaking": True,
        "correction": "",
    },
    {
        "headline": "Varnhold has about ten days of diesel fuel, plant management says",
        "lede": (
            "Fuel stocks for the backup generators at Varnhold are enough for about ten days of "
            "operation, according to the plant's Halvardian-appointed management, as talks on "
            "repairs begin."
        ),
        "body": (
            "Calvenne's state nuclear company, which ran the plant before the occupation, said its "
            "own estimate was closer to eight days. Concord inspectors said more fuel could be "
            "delivered if needed, but that each delivery has to cross an area close to the front."
        ),
        "tags": ["Nuclear safety", "Energy"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 4, "how": "according to", "path": "/2026/11/varnhold-fuel-stocks"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Both sides agree “in principle” to send delegations to Aubrel, Arbel says",
        "lede": (
            "Estmark's foreign minister says Calvenne and Halvardy have agreed in principle to "
            "send delegations to Aubrel for talks, though the date, format and agenda are still "
            "being discussed."
        ),
        "body": (
            "Lucien Arbel told the Estmark Observer that both governments had confirmed their "
            "willingness “in writing”. He said Estmark was proposing a first round focused on "
            "humanitarian issues, prisoners and the Varnhold plant.\n\n"
            "Calvenne's foreign ministry confirmed it had replied positively. Halvardy's foreign "
            "ministry said only that it was “in contact with the Estmark side”."
        ),
        "tags": ["Ceasefire talks", "Diplomacy"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 5, "how": "as quoted by", "path": "/2026/11/arbel-agreement-in-principle"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Army says a Halvardian assault near Drellin was repelled with heavy losses",
        "lede": (
            "Calvennese troops repelled an assault by two Halvardian companies near Drellin, "
            "destroying several armoured vehicles, Calvenne's General Staff said. Halvardy said it "
            "had improved its positions in the area."
        ),
        "body": (
            "Colonel Aurel Stane said the attack began at first light, after the fog lifted, and "
            "lasted about four hours. He showed drone video of burning vehicles in a field, which "
            "we were able to locate to an area about three kilometres east of Drellin.\n\n"
            "Halvardy's defence ministry spokesman, Major General Kasimir Dreel, said Halvardian "
            "units had taken “advantageous lines” but did not name any locations."
        ),
        "tags": ["Front line"],
        "authors": ["maren-achterberg"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Fact check: posts claiming a radiation spike near Varnhold are not backed by data"
        ),
        "lede": (
            "Posts shared on messaging apps claim radiation levels around the Varnhold plant have "
            "risen sharply since it lost external power. Monitoring data published by inspectors "
            "and Calvennese authorities show no change."
        ),
        "body": (
            "The posts include a screenshot of a map with red dots around the plant. The image "
            "comes from a public radiation-monitoring website, but the red dots indicate sensors "
            "that are offline, not high readings.\n\n"
            "- The Concord Atomic Safety Agency says readings at the site are normal.\n"
            "- Calvenne's nuclear regulator says its 14 monitoring stations on the west bank show "
            "normal background levels.\n"
            "- Independent monitors in Lorvania also report no change.\n\n"
            "**Verdict: false.** Offline sensors are a real problem for monitoring, but they do "
            "not indicate a leak."
        ),
        "tags": ["Fact check", "Nuclear safety"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Lorvania registers 41,000 arrivals from Calvenne in a single week",
        "lede": (
            "Lorvania recorded 41,000 arrivals from Calvenne over the past seven days, the highest "
            "weekly figure since the early months of the war, its interior ministry said."
        ),
        "body": (
            "Officials said about a third were children. Most arrivals came from Ostrel, Tolbrenn "
            "and villages along the Averre.\n\n"
            "Lorvania's interior minister said the country could cope but called on Meridian Union "
            "partners to share the costs of housing and schooling."
        ),
        "tags": ["Refugees"],
        "authors": ["felix-oduya"],
        "sources": [
            {"outlet": 9, "how": "according to", "path": "/2026/11/weekly-arrivals-record"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Calvenne's grain exports fell by a third this week after port attacks",
        "lede": (
            "Calvennese grain exports through Vell fell by about a third this week compared with "
            "the previous week, after the drone attack on the port and the mine scare, agriculture "
            "ministry data show."
        ),
        "body": (
            "Ships loaded about 520,000 tonnes of grain and oilseeds, down from 790,000 the week "
            "before. Maize accounted for most of the decline.\n\n"
            "Exporters said some shipowners were waiting for clarity on insurance before sending "
            "vessels to Vell."
        ),
        "tags": ["Grain exports", "Markets"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 8, "how": "citing", "path": "/2026/11/weekly-exports-fall-third"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Line crews reconnect Ostrel's left-bank districts after a night of repairs",
        "lede": (
            "Electricity has been restored to Ostrel's left-bank districts after line crews worked "
            "through the night to replace damaged cables, the city's military administration said."
        ),
        "body": (
            "Crews worked in the dark and in freezing temperatures, with air raid alerts "
            "interrupting the work twice. About 60,000 households had been without power for 30 "
            "hours.\n\n"
            "Calvenne National Grid said some streets close to the river would remain on generator "
            "power because the area is still being shelled."
        ),
        "tags": ["Energy"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 7, "how": "reported by", "path": "/2026/11/left-bank-power-back"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Calvenne names veteran diplomat Renata Skell to lead any talks in Aubrel",
        "lede": (
            "President Ilsa Marrend has appointed Deputy Foreign Minister Renata Skell as "
            "Calvenne's chief negotiator for possible talks in Aubrel, the presidential office "
            "said in a short statement."
        ),
        "body": (
            "Skell, a former ambassador to Estmark, led the technical negotiations that produced "
            "the first exchanges of prisoners and bodies earlier in the war. The delegation will "
            "include officials from the defence, energy and reintegration ministries.\n\n"
            "Marrend's office said Skell had a mandate to discuss “all humanitarian questions "
            "immediately” and to report back on any political proposals."
        ),
        "tags": ["Ceasefire talks"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "A night in Ostrel's Harbour Street metro station, the city's largest shelter",
        "lede": (
            "When the sirens sound in Ostrel, about 2,000 people head down the escalators at "
            "Harbour Street station. Our correspondent spent a night there with families, "
            "volunteers and a cat called Admiral."
        ),
        "body": (
            "The first people arrive before the sirens. By 9 p.m., the platforms at Harbour Street "
            "are lined with camping mats, folding chairs and plastic crates that families leave "
            "here during the day. Some have been sleeping underground for weeks.\n\n"
            "“At home we are on the ninth floor. When it starts, you hear everything,” said "
            "Halina, 67, a retired bookkeeper, pouring tea from a flask. “Here you hear nothing. "
            "That is a kind of luxury.”\n\n"
            "Trains stopped running through the station at night months ago. Now the tunnel "
            "entrance is blocked off with a rope, and a volunteer checks that children do not "
            "wander onto the tracks. A paediatric nurse holds a surgery twice a week on a bench "
            "near the ticket barrier.\n\n"
            "The station has a rhythm. At about 10 p.m. volunteers hand out soup from large pots. "
            "By 11, the lights are dimmed to half. Older men play cards on an upturned crate. "
            "Teenagers gather near the single power strip, rationing phone charging in "
            "fifteen-minute turns.\n\n"
            "Admiral, a grey cat belonging to a family from the Saltyard district, has become the "
            "station's unofficial mascot. Children compete to feed him.\n\n"
            "Some families come only when the alerts warn of missiles; others because their "
            "building has no heating. A man in his eighties says he comes mostly for the "
            "company.\n\n"
            "Just after 2 a.m. a series of dull thuds reaches the platform — so much for hearing "
            "nothing. Conversations stop. A baby starts crying. Someone checks a channel that "
            "posts alerts and reads aloud: strikes on the east bank again, no information yet on "
            "damage.\n\n"
            "**What the city provides**\n\n"
            "- Drinking water and toilets, cleaned twice a day\n"
            "- A first-aid point staffed by volunteers\n"
            "- Wi-Fi, which works most nights\n"
            "- Heating from a diesel generator when the grid is down\n\n"
            "Mayor Jonah Krell says the city has about 600 shelters of various kinds, but that "
            "metro stations are by far the most popular because they feel safest. Officials want "
            "to add bunk beds and more toilets before the coldest weeks.\n\n"
            "By 6 a.m., as the all-clear sounds, people fold their blankets and head back up into "
            "the cold. Halina says she will go home, shower if the water is on, and sleep for "
            "three hours before her shift at a volunteer kitchen.\n\n"
            "“Then tonight,” she says, “the same again.”"
        ),
        "tags": ["Humanitarian", "Front line"],
        "authors": ["maren-achterberg"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Red Lantern begins listing Tessary residents who want to leave",
        "lede": (
            "Red Lantern Society staff in contact with Tessary's remaining residents have begun "
            "compiling a list of people who want to be evacuated if a corridor is agreed, a "
            "society spokesperson said."
        ),
        "body": (
            "About 300 people had registered by the evening, including 40 who would need "
            "stretchers. The society is using a network of volunteers in the town and a single "
            "satellite phone to collect names.\n\n"
            "The spokesperson stressed that no agreement had yet been reached and that the list "
            "was being prepared “so that no time is lost”."
        ),
        "tags": ["Humanitarian"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Meridian sanctions package targets 35 Halvardian-linked tankers and six banks",
        "lede": (
            "Published details of the Meridian Union's new sanctions show 35 tankers banned from "
            "the bloc's ports, six banks cut off from its payment system and 48 new export "
            "restrictions."
        ),
        "body": (
            "The tankers are registered in several countries outside the bloc but, according to "
            "the Meridian Union, have repeatedly carried Halvardian crude. Their owners can "
            "challenge the listing in the bloc's general court.\n\n"
            "The six banks include Halvardy's second-largest lender by assets. Energy payments "
            "through one other bank remain exempt for now."
        ),
        "tags": ["Sanctions"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 6, "how": "according to", "path": "/2026/11/sanctions-package-details"},
        ],
        "breaking": False,
        "correction": (
            "An earlier version of this update said the package added nine banks to the payments "
            "ban; the correct number is six."
        ),
    },
    {
        "headline": "Halvardy names Deputy Foreign Minister Matthis Korr to head its delegation",
        "lede": (
            "Halvardy has named Deputy Foreign Minister Matthis Korr to lead its delegation to "
            "possible talks in Aubrel, the Stavroth Courier reported, citing a decree signed by "
            "Chancellor Erland Vost."
        ),
        "body": (
            "Korr is a career diplomat known for taking a hard line in earlier negotiations on "
            "border demarcation. The decree says the delegation will also include officers from "
            "the general staff and an adviser on energy."
        ),
        "tags": ["Ceasefire talks"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 3, "how": "reported by", "path": "/2026/11/korr-heads-delegation"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Remains of 40 fallen Calvennese soldiers returned in an Estmark-mediated transfer"
        ),
        "lede": (
            "The bodies of 40 Calvennese soldiers have been returned by Halvardy in a transfer "
            "mediated by Estmark, Calvenne's prisoner coordination bureau said. Halvardy received "
            "the remains of 22 of its soldiers."
        ),
        "body": (
            "The remains will be identified through DNA testing, which can take several weeks. "
            "Relatives of missing soldiers are being asked to provide samples at regional "
            "centres.\n\n"
            "Yara Benning said such transfers helped to “end the uncertainty” for families and "
            "built some trust ahead of any prisoner exchange."
        ),
        "tags": ["Prisoners", "Casualties"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Tessary evacuation corridor to open at dawn, Red Lantern Society says",
        "lede": (
            "Calvenne and Halvardy have agreed to a six-hour corridor to evacuate civilians from "
            "Tessary starting at dawn, the Red Lantern Society said, the first such agreement for "
            "the town since the siege began."
        ),
        "body": (
            "Buses escorted by Red Lantern staff will leave from the town's central square and "
            "travel west towards Harnveld. Both militaries have committed to halting fire along "
            "the route for the six hours, the society said.\n\n"
            "The first convoy will prioritise the sick, the elderly and families with children. "
            "The society urged people not to gather in large groups while waiting."
        ),
        "tags": ["Humanitarian"],
        "authors": ["felix-oduya"],
        "sources": [
            {"outlet": 6, "how": "citing", "path": "/2026/11/tessary-corridor-agreed"},
        ],
        "breaking": True,
        "correction": "",
    },
    {
        "headline": "First buses leave Tessary under escort as shelling is heard nearby",
        "lede": (
            "The first convoy of eleven buses and four ambulances has left Tessary, Red Lantern "
            "staff said. Explosions could be heard a few kilometres to the north, but the route "
            "itself was not hit."
        ),
        "body": (
            "Our correspondent at the checkpoint outside Harnveld saw the first buses arrive "
            "shortly before 10 a.m. Many passengers carried only a bag each. Some older residents "
            "had to be lifted from the buses onto stretchers.\n\n"
            "A woman in her seventies said she had lived in her cellar for five weeks. “We counted "
            "the days by the candles,” she said."
        ),
        "tags": ["Humanitarian", "Front line"],
        "authors": ["maren-achterberg"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "412 evacuees from Tessary reach the reception centre in Harnveld",
        "lede": (
            "A total of 412 civilians from Tessary have reached the reception centre in Harnveld, "
            "including 63 children and 48 people needing medical care, regional officials said "
            "after the corridor closed."
        ),
        "body": (
            "Officials said the corridor closed on time. About 200 people registered for "
            "evacuation did not make it to the departure point, some because of shelling in their "
            "districts and some because they decided to stay.\n\n"
            "Evacuees are being offered temporary housing in Harnveld and Dorvallen. Some said "
            "they planned to continue to Lorvania."
        ),
        "tags": ["Humanitarian", "Refugees"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Fact check: claim that Calvennese troops fired on the Tessary convoy is unfounded"
        ),
        "lede": (
            "Halvardian State Television said Calvennese forces had fired on the evacuation route "
            "to “sabotage” the corridor. Red Lantern staff travelling with the convoy say no "
            "incident occurred on the route."
        ),
        "body": (
            "The broadcast showed smoke rising over fields, which it said was near the route. We "
            "geolocated the footage to a spot about nine kilometres north of the route, in an area "
            "where fighting has been reported for days.\n\n"
            "The Red Lantern Society said all buses and ambulances completed the trip without "
            "damage. It did not attribute blame for shelling elsewhere.\n\n"
            "**Verdict: unfounded.**"
        ),
        "tags": ["Fact check", "Humanitarian"],
        "authors": ["sunniva-rask"],
        "sources": [
            {"outlet": 4, "how": "as quoted by", "path": "/2026/11/convoy-fire-claim"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Sorvanne stocks rise 3% on hopes for talks in Aubrel",
        "lede": (
            "Shares on the Sorvanne Stock Exchange rose for a second day on hopes that talks in "
            "Aubrel could lead to a humanitarian agreement, with utilities and bank shares leading "
            "the gains."
        ),
        "body": (
            "The SVX-40 index closed 3.1% higher. Calven Energo recovered most of the losses it "
            "made after the Tolbrenn strike.\n\n"
            "Analysts cautioned that markets had rallied on diplomatic hopes before and fallen "
            "back when talks failed."
        ),
        "tags": ["Markets"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 1, "how": "citing", "path": "/2026/11/svx-rises-talks-hopes"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Lorvania's prime minister visits the Dorvallen–Sarrow crossing",
        "lede": (
            "Lorvania's prime minister, Edvard Solane, visited the Sarrow border crossing and "
            "reception centres, promising more money for towns that are hosting refugees from "
            "Calvenne."
        ),
        "body": (
            "Solane crossed briefly to the Calvennese side to meet Dorvallen's mayor. He said "
            "Lorvania would fund 2,000 more places in temporary housing and extend free public "
            "transport for refugees.\n\n"
            "“Lorvania's door remains open,” he told Lorvanian Public Radio. “But we need our "
            "partners to carry some of the weight.”"
        ),
        "tags": ["Diplomacy", "Refugees"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 9, "how": "reported by", "path": "/2026/11/solane-visits-sarrow"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Gale-force winds bring down power lines across the Vell region",
        "lede": (
            "Gale-force winds overnight brought down power lines and trees across the Vell region, "
            "leaving about 45,000 homes without electricity, the regional administration said."
        ),
        "body": (
            "Governor Sabine Ardel said the damage was unrelated to the war but added to the "
            "pressure on repair crews already stretched by attacks on the grid. Gusts reached 95 "
            "km/h on the coast.\n\n"
            "Port operations in Vell were suspended for six hours."
        ),
        "tags": ["Weather", "Energy"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Talks open in Aubrel with the two delegations in separate rooms",
        "lede": (
            "Delegations from Calvenne and Halvardy have begun talks in Aubrel, with Estmark's "
            "mediators moving between separate rooms. Both sides said the first session was mostly "
            "about procedure."
        ),
        "body": (
            "The talks are being held at a government conference centre outside the city, with "
            "journalists kept at a distance. Lucien Arbel opened the session with brief remarks to "
            "each delegation separately.\n\n"
            "Renata Skell said Calvenne had come “with concrete proposals on prisoners and nuclear "
            "safety”. Matthis Korr did not speak to reporters.\n\n"
            "Arbel's office said the talks would continue for at least three days."
        ),
        "tags": ["Ceasefire talks", "Diplomacy"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 5, "how": "reported by", "path": "/2026/11/talks-open-aubrel"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Explainer: what Calvenne and Halvardy say they want from the Aubrel talks",
        "lede": (
            "As talks begin in Aubrel, the two governments have set out very different goals. Here "
            "is what each side has said publicly, where there might be room for agreement, and "
            "what is off the table."
        ),
        "body": (
            "Talks between Calvenne and Halvardy have been tried before. Two earlier rounds, both "
            "early in the war, broke up within days. This time the mediator, Estmark, has proposed "
            "starting with a narrow agenda and building from there.\n\n"
            "**Calvenne's position**\n\n"
            "President Ilsa Marrend's government says any lasting ceasefire must lead to the "
            "withdrawal of Halvardian forces from the Ormund Valley and the east bank of the "
            "Averre. Officials have said they will not sign anything that “freezes the "
            "occupation”.\n\n"
            "In the short term, Calvenne wants:\n\n"
            "- an all-for-all exchange of prisoners of war and the return of detained civilians;\n"
            "- restored external power and a demilitarised zone around the Varnhold Nuclear "
            "Station;\n"
            "- safe passage for civilians from frontline towns, beginning with Tessary;\n"
            "- humanitarian access to the occupied Ormund Valley, as requested from the Concord "
            "Tribunal.\n\n"
            "**Halvardy's position**\n\n"
            "Chancellor Erland Vost's government says talks must “reflect the situation on the "
            "ground”. Officials have said Halvardy wants guarantees that Calvenne will not join "
            "any military alliance, recognition of its administration in the Ormund Valley, and "
            "the lifting of Meridian Union sanctions.\n\n"
            "Halvardian officials have also said they are open to discussing prisoners and "
            "“technical questions” at Varnhold.\n\n"
            "**Where there is overlap**\n\n"
            "Both sides have named prisoners and the nuclear plant as subjects they are willing to "
            "discuss. Diplomats in Aubrel say these could produce early, limited agreements that "
            "help build trust.\n\n"
            "**What is off the table, for now**\n\n"
            "Neither side has shown any willingness to compromise on territory. Calvenne rejects "
            "any recognition of the occupation; Halvardy has written its claim to the Ormund "
            "Valley into its own laws.\n\n"
            "**The role of others**\n\n"
            "The Meridian Union has said sanctions will stay until there is a lasting settlement "
            "that Calvenne accepts. The Concord of Nations has offered to provide monitors if a "
            "ceasefire is agreed, though any such mission would need approval from the Concord "
            "Council, where Halvardy has a veto.\n\n"
            "**What success might look like**\n\n"
            "Estmark officials have been careful to keep expectations low. A realistic outcome "
            "from this round, one diplomat said, would be a date for a prisoner exchange, a plan "
            "to reconnect Varnhold and an agreement to meet again. Diplomats also note that both "
            "delegations include military officers, which could allow technical arrangements, such "
            "as pauses for repairs, to be agreed quickly."
        ),
        "tags": ["Ceasefire talks", "Diplomacy"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Ostrel shelled again as the first round of talks gets under way",
        "lede": (
            "Shells struck a residential block and a bakery in Ostrel on the morning talks opened "
            "in Aubrel, killing one person and injuring five, Mayor Jonah Krell said."
        ),
        "body": (
            "The bakery, one of the largest in the city, supplied bread to several shelters. Its "
            "owner said the ovens were undamaged and that he hoped to reopen within days.\n\n"
            "Krell said the timing of the attack was “a message that we understand very well”."
        ),
        "tags": ["Front line", "Casualties"],
        "authors": ["maren-achterberg"],
        "sources": [
            {"outlet": 7, "how": "as quoted by", "path": "/2026/11/bakery-shelled"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Insurers trim war-risk premiums for ships calling at Vell",
        "lede": (
            "Marine insurers have cut war-risk premiums for vessels calling at Vell for the first "
            "time in two months, citing the talks in Aubrel and improved naval escorts, "
            "shipbrokers said."
        ),
        "body": (
            "Premiums fell to about 1% of a ship's value per voyage from 1.25%, according to the "
            "Grainmarket Bulletin. Brokers said the change would save about 40,000 merids per "
            "voyage on a mid-sized bulk carrier."
        ),
        "tags": ["Grain exports"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 8, "how": "according to", "path": "/2026/11/war-risk-premiums-cut"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Second Tessary corridor brings out 380 more civilians",
        "lede": (
            "A second six-hour corridor from Tessary allowed 380 civilians to leave the town, the "
            "Red Lantern Society said, though some residents were unable to reach the departure "
            "point because of shelling in the northern districts."
        ),
        "body": (
            "The society said it believed about 400 civilians now remained, many of whom had "
            "chosen to stay to look after property or animals. It hopes to arrange a third "
            "corridor for those who change their minds."
        ),
        "tags": ["Humanitarian"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "A note to readers: how we report casualty figures during this war",
        "lede": (
            "Casualty numbers are among the most disputed facts in any war. Here is how our live "
            "desk handles figures from governments, militaries, agencies and local officials, and "
            "why we always say who they come from."
        ),
        "body": (
            "We report casualty figures only with a clear attribution: who gave the number, and "
            "when. We do not combine figures from different sources into a single total.\n\n"
            "- **Military losses** are rarely published by either side. When they are, we report "
            "them as claims and note that they cannot be independently verified.\n"
            "- **Claims about the enemy's losses** are treated with particular caution. We usually "
            "report them only when they are part of a significant official statement.\n"
            "- **Civilian casualties** are reported by local officials, the Calvennese ombudsman "
            "and Concord agencies. Concord figures tend to be lower because they count only cases "
            "confirmed individually.\n\n"
            "When figures change, we update and say so. If we get a number wrong, we publish a "
            "correction at the top of the post.\n\n"
            "You can read more in our [editorial standards](https://newsdesk.example/standards)."
        ),
        "tags": ["Casualties", "Fact check"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Halvardian Reserve Bank raises its key rate to 19% to defend the thal",
        "lede": (
            "Halvardy's central bank raised its key interest rate by two percentage points to 19%, "
            "its highest level in more than a decade, to slow the fall of the thal after new "
            "Meridian sanctions."
        ),
        "body": (
            "The bank said inflation was running at 14% and that the weaker currency was pushing "
            "up import prices. Halvardian business groups warned that the higher rate would choke "
            "investment and hit small firms hardest."
        ),
        "tags": ["Markets", "Sanctions"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 3, "how": "according to", "path": "/2026/11/reserve-bank-19-percent"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Aubrel talks agree an agenda: prisoners, Varnhold and humanitarian access",
        "lede": (
            "On the second day of talks in Aubrel, the delegations agreed on an agenda of three "
            "items: prisoner exchanges, the Varnhold plant and humanitarian access, Estmark's "
            "foreign ministry said."
        ),
        "body": (
            "Working groups on each subject will meet separately. Political issues, including "
            "territory and sanctions, were not included, at Calvenne's insistence that they could "
            "not be discussed while Halvardian forces were on its soil."
        ),
        "tags": ["Ceasefire talks"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 5, "how": "according to", "path": "/2026/11/talks-agenda-agreed"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Prisoner exchange list “largely agreed”, Calvenne's coordinator says",
        "lede": (
            "Yara Benning, head of Calvenne's prisoner coordination bureau, said lists for a new "
            "exchange were “largely agreed” and that a swap could take place within days if no "
            "last-minute problems arise."
        ),
        "body": (
            "Benning said the lists included seriously wounded soldiers, medics and several "
            "civilians detained in the occupied Ormund Valley. She declined to give numbers, "
            "saying publicity could put the deal at risk."
        ),
        "tags": ["Prisoners"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Drone strike on a Tolbrenn bus depot kills two drivers",
        "lede": (
            "A drone strike on a municipal bus depot in Tolbrenn killed two drivers and destroyed "
            "eight buses, the city's military administration said, leaving several routes without "
            "service."
        ),
        "body": (
            "The drivers were preparing for the early shift. The city said replacement buses would "
            "be borrowed from neighbouring districts and that school routes would be restored "
            "first. Both drivers had worked at the depot for more than a decade."
        ),
        "tags": ["Front line", "Casualties"],
        "authors": ["maren-achterberg"],
        "sources": [
            {"outlet": 1, "how": "reported by", "path": "/2026/11/tolbrenn-bus-depot"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Energy ministry asks households to cut power use in the evening peak",
        "lede": (
            "Calvenne's energy ministry has asked households and businesses to reduce electricity "
            "use during evening peak hours, warning that the damaged grid cannot meet demand as "
            "temperatures fall."
        ),
        "body": (
            "Energy Minister Lukas Brennic said shopping centres had been asked to turn off "
            "advertising screens and half their lighting. Street lighting in cities will be "
            "dimmed.\n\n"
            "“Every kilowatt saved in the evening is a kilowatt that keeps a hospital running,” he "
            "said."
        ),
        "tags": ["Energy"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Fact check: photo of “Calvennese tanks in Lorvania” shows an old exercise",
        "lede": (
            "A photo shared by pro-Halvardian accounts as evidence that Calvennese tanks have "
            "entered Lorvania was taken during a joint military exercise before the war, a reverse "
            "image search shows."
        ),
        "body": (
            "The image appeared in a Lorvanian defence ministry press release years ago, showing "
            "vehicles from several countries at a training range near Tirren. The accounts cropped "
            "out a date stamp in the lower corner.\n\n"
            "Lorvania's defence ministry said no Calvennese military units were on its territory. "
            "**Verdict: false.**"
        ),
        "tags": ["Fact check"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Concord Tribunal hears Calvenne's case as Halvardy's seats stay empty",
        "lede": (
            "The Concord Tribunal in Lissane heard Calvenne's request for emergency measures on "
            "access to the occupied Ormund Valley. Halvardy did not send representatives but "
            "submitted a written objection."
        ),
        "body": (
            "Calvenne's lawyers presented satellite images of damaged water facilities and "
            "testimony from people who had left the valley. They asked the judges to order "
            "Halvardy to allow Concord agencies in within 14 days.\n\n"
            "In its written submission, Halvardy argued the tribunal lacked jurisdiction because "
            "the Ormund Valley was now part of Halvardy under its own law. The presiding judge, "
            "Celeste Marwick, said the court would rule “as soon as possible”."
        ),
        "tags": ["Courts"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 5, "how": "reported by", "path": "/2026/11/tribunal-hearing-lissane"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Lorvanian schools have enrolled 9,000 Calvennese children since the summer",
        "lede": (
            "Lorvanian schools have enrolled about 9,000 children from Calvenne since the start of "
            "the school year, the education ministry said, and are recruiting Calvennese teachers "
            "to help them settle."
        ),
        "body": (
            "Many children are also following Calvennese lessons online in the evening. The "
            "ministry said it would offer extra language classes in Sarrow and Tirren and hire 300 "
            "classroom assistants who speak Calvennese."
        ),
        "tags": ["Refugees"],
        "authors": ["felix-oduya"],
        "sources": [
            {"outlet": 9, "how": "citing", "path": "/2026/11/schools-enrol-calvennese-children"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Prisoner exchange under way: 96 Calvennese and 96 Halvardian prisoners freed",
        "lede": (
            "Calvenne and Halvardy are exchanging 96 prisoners each at a crossing point on the "
            "Lorvanian border, in the first exchange agreed at the Aubrel talks, Calvenne's "
            "prisoner coordination bureau said."
        ),
        "body": (
            "Buses carrying the prisoners arrived at the crossing under Estmark and Red Lantern "
            "supervision. Those freed by Halvardy include 31 seriously wounded soldiers, 12 medics "
            "and five civilians, according to the bureau.\n\n"
            "President Ilsa Marrend thanked Estmark and said work would continue “until every one "
            "of our people is home”."
        ),
        "tags": ["Prisoners"],
        "authors": ["felix-oduya"],
        "sources": [
            {"outlet": 6, "how": "reported by", "path": "/2026/11/exchange-96-for-96"},
            {"outlet": 9, "how": "according to", "path": "/2026/11/exchange-at-border-crossing"},
        ],
        "breaking": True,
        "correction": "",
    },
    {
        "headline": "Freed prisoners describe hunger and cold in Halvardian detention",
        "lede": (
            "Several of the 96 Calvennese prisoners freed in the exchange told reporters they had "
            "received little food and medical care in detention. Halvardy has denied mistreating "
            "prisoners of war."
        ),
        "body": (
            "Most of the freed men were visibly thin. One, a 34-year-old former tractor driver "
            "captured near Drellin, said he had lost 20 kilograms. Others said they had been held "
            "in unheated barracks and had not been allowed to contact relatives.\n\n"
            "Their accounts could not be independently verified. The Red Lantern Society, which "
            "has visited some detention sites, does not publish its findings.\n\n"
            "Calvenne's ombudsman, Mira Tallis, said her office would document the testimonies and "
            "pass them to prosecutors."
        ),
        "tags": ["Prisoners"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Heavy fighting reported on the northern edge of Tessary",
        "lede": (
            "Halvardian forces attacked Calvennese positions on Tessary's northern edge with tanks "
            "and infantry, Calvenne's General Staff said, the heaviest fighting in the sector in "
            "two weeks."
        ),
        "body": (
            "Colonel Aurel Stane said the attacks had been repelled but that the situation "
            "remained difficult. Halvardy's defence ministry said it had taken a cluster of farm "
            "buildings on the outskirts.\n\n"
            "The Red Lantern Society said it was concerned for the roughly 400 civilians still in "
            "the town."
        ),
        "tags": ["Front line"],
        "authors": ["maren-achterberg"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Meridian Union to fund 30 heavy transformers for Calvenne's damaged grid",
        "lede": (
            "The Meridian Union will pay for 30 high-voltage transformers and other equipment to "
            "repair Calvenne's power grid, Ines Valcourt said, with the first deliveries expected "
            "within weeks."
        ),
        "body": (
            "The package is worth about 180 million merids. Transformers of that size are "
            "custom-built and can take months to manufacture, but officials said some would be "
            "taken from spare stocks held by Meridian utilities.\n\n"
            "Calvenne National Grid said the equipment would allow it to restore substations in "
            "Tolbrenn and Ostrel."
        ),
        "tags": ["Energy", "Diplomacy"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Averre water level rising after heavy rains, hydrologists warn",
        "lede": (
            "Water levels on the Averre are rising after weeks of rain, and hydrologists warn that "
            "low-lying areas near Lunmouth could flood within days, Calvenne's weather service "
            "said."
        ),
        "body": (
            "The river was 1.6 metres above its seasonal average at Harnveld. The weather service "
            "said damage to flood defences during the fighting made the delta more vulnerable than "
            "usual. Residents of riverside streets were advised to move valuables upstairs."
        ),
        "tags": ["Weather"],
        "authors": ["sunniva-rask"],
        "sources": [
            {"outlet": 0, "how": "citing", "path": "/2026/11/averre-rising"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Halvardy's foreign minister calls Aubrel talks “useful but far from a result”",
        "lede": (
            "Oriane Stahl, Halvardy's foreign minister, said the talks in Aubrel had been “useful” "
            "but that Calvenne needed to “accept realities”, in an interview with the Stavroth "
            "Courier."
        ),
        "body": (
            "She said the prisoner exchange showed that “practical cooperation is possible” and "
            "that Halvardy was ready to discuss Varnhold. She repeated that recognition of "
            "Halvardian control over the Ormund Valley would be needed for any broader agreement."
        ),
        "tags": ["Ceasefire talks", "Diplomacy"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 3, "how": "as quoted by", "path": "/2026/11/stahl-interview-aubrel"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Vell ships 690,000 tonnes of grain this week as exports recover",
        "lede": (
            "Grain and oilseed shipments from Vell recovered to about 690,000 tonnes this week, "
            "according to port data cited by the Grainmarket Bulletin, as insurers eased premiums "
            "and the weather calmed."
        ),
        "body": (
            "Wheat made up half of the total. Twenty-two ships loaded during the week, with eleven "
            "more waiting at anchor for a berth. Exporters said sunflower oil shipments were also "
            "picking up after a slow month."
        ),
        "tags": ["Grain exports"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 8, "how": "citing", "path": "/2026/11/vell-exports-recover"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Aubrel talks pause for consultations and will resume in three days",
        "lede": (
            "The talks in Aubrel have paused so delegations can consult their governments, Estmark "
            "said, after working groups made progress on prisoners but not on the Varnhold plant."
        ),
        "body": (
            "Lucien Arbel said the pause was planned and “not a sign of difficulty”. Diplomats "
            "said the Varnhold working group was stuck on who would carry out repairs to the power "
            "lines and who would guarantee their safety."
        ),
        "tags": ["Ceasefire talks"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Shelling damages Ostrel water pumping station, cutting supply to 150,000",
        "lede": (
            "Shelling damaged the main water pumping station on Ostrel's east bank, cutting supply "
            "to about 150,000 residents, Mayor Jonah Krell said. Repairs could take several days."
        ),
        "body": (
            "The city is sending water trucks to affected districts and has opened 40 distribution "
            "points. Residents were asked to boil any water drawn from wells or taps until further "
            "notice."
        ),
        "tags": ["Humanitarian", "Front line"],
        "authors": ["maren-achterberg"],
        "sources": [
            {"outlet": 7, "how": "reported by", "path": "/2026/11/pumping-station-damaged"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Water trucks and long queues in Ostrel after pumping station is knocked out",
        "lede": (
            "Residents queued with buckets and plastic bottles at water distribution points across "
            "Ostrel's east bank as the city worked to restore its damaged pumping station."
        ),
        "body": (
            "At a point near Harbour Street, a volunteer said they had handed out 12 tonnes of "
            "water in a morning. Many of those waiting were older people who live on upper floors, "
            "where the lifts are not working.\n\n"
            "The Red Lantern Society is distributing water purification tablets and jerrycans."
        ),
        "tags": ["Humanitarian"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "President Marrend tells the Meridian Parliament that sanctions must stay",
        "lede": (
            "President Ilsa Marrend told the Meridian Parliament by video that sanctions on "
            "Halvardy must stay in place until a settlement is reached, warning against easing "
            "pressure because talks had begun."
        ),
        "body": (
            "“Talks are not peace,” she said. “And a pause in shelling is not a withdrawal.”\n\n"
            "She also asked for more air-defence equipment and for the bloc to speed up deliveries "
            "of grid repair equipment. Members of parliament gave her a standing ovation."
        ),
        "tags": ["Diplomacy", "Sanctions"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Meridian shipping registry strikes 40 tankers linked to Halvardian oil",
        "lede": (
            "The Meridian Union's shipping registry has removed 40 tankers from its flag lists as "
            "part of the new sanctions, meaning the ships can no longer sail under the flag of any "
            "member state."
        ),
        "body": (
            "The tankers must re-register elsewhere or leave service. Analysts said many would "
            "move to flags of convenience, but that the process would take time and raise costs "
            "for the operators."
        ),
        "tags": ["Sanctions"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 6, "how": "according to", "path": "/2026/11/registry-strikes-tankers"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Fact check: clip of Marrend saying she will “never negotiate” was edited",
        "lede": (
            "A short video circulating online appears to show President Marrend saying she will "
            "“never negotiate” with Halvardy. The full speech shows she said she would never "
            "negotiate “away our territory”."
        ),
        "body": (
            "The 11-second clip was cut from Marrend's address to the Meridian Parliament. In the "
            "original, the full sentence is: “We will never negotiate away our territory, but we "
            "will negotiate to bring our people home.”\n\n"
            "The edited version removes the last words and the second half of the sentence. "
            "**Verdict: misleading.**"
        ),
        "tags": ["Fact check"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Ombudsman says 61 civilians were killed by attacks in the past 30 days",
        "lede": (
            "Calvenne's human rights ombudsman, Mira Tallis, said 61 civilians had been killed and "
            "254 injured by Halvardian attacks over the past 30 days, based on reports from "
            "regional administrations."
        ),
        "body": (
            "Tallis said most deaths were caused by artillery and drones in Ostrel, Tolbrenn and "
            "the towns along the Averre. She said the real toll was likely higher because of "
            "limited access to frontline villages.\n\n"
            "The Concord's monitoring mission, which counts only individually confirmed cases, has "
            "not yet published its figures for the period."
        ),
        "tags": ["Casualties"],
        "authors": ["felix-oduya"],
        "sources": [
            {"outlet": 1, "how": "according to", "path": "/2026/11/ombudsman-monthly-toll"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Averre floods low-lying villages; both armies pull back riverside positions",
        "lede": (
            "The swollen Averre burst its banks in several places near the delta overnight, "
            "flooding villages and forcing both Calvennese and Halvardian units to abandon "
            "riverside positions, officials said."
        ),
        "body": (
            "The river rose by about 2.4 metres in 24 hours at Lunmouth, according to the weather "
            "service. Islands in the delta were partly under water.\n\n"
            "A Calvennese officer said trenches near the river had filled with water and that "
            "equipment had been moved to higher ground. Halvardian military bloggers described "
            "similar problems on the east bank."
        ),
        "tags": ["Weather", "Front line"],
        "authors": ["sunniva-rask"],
        "sources": [
            {"outlet": 0, "how": "reported by", "path": "/2026/11/averre-floods-delta"},
        ],
        "breaking": False,
        "correction": (
            "An earlier version of this update said the Averre rose 4 metres in 24 hours at "
            "Lunmouth; it rose about 2.4 metres."
        ),
    },
    {
        "headline": "Lunmouth evacuates 1,100 people from flooded streets near the river",
        "lede": (
            "Emergency services in Lunmouth have evacuated about 1,100 people from flooded streets "
            "near the river, using boats and army trucks, the Harbour Gazette reported."
        ),
        "body": (
            "Evacuees are being housed in schools and a sports hall. The State Emergency Service "
            "said rescue crews had to pause twice because of shelling nearby, and that several "
            "elderly residents had been carried out on stretchers."
        ),
        "tags": ["Humanitarian", "Weather"],
        "authors": ["felix-oduya"],
        "sources": [
            {"outlet": 0, "how": "reported by", "path": "/2026/11/lunmouth-flood-evacuation"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Army engineers race to rebuild a pontoon crossing as floodwaters recede",
        "lede": (
            "Calvennese army engineers are building a new pontoon crossing on the Averre near "
            "Marrin Ford after floodwaters tore away the existing one, soldiers at the site told "
            "our correspondent."
        ),
        "body": (
            "The engineers work at night, without lights, to avoid drones. “We have built this "
            "bridge four times,” said a sergeant, who asked to be identified by his call sign, "
            "Otter. “The river always wins eventually. Then we build it again.”"
        ),
        "tags": ["Front line"],
        "authors": ["maren-achterberg"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Tolbrenn power station's second unit back online after repairs",
        "lede": (
            "The second of Tolbrenn power station's three generating units has been restarted, "
            "Calvenne National Grid said, allowing the city to cut scheduled outages from two a "
            "day to one."
        ),
        "body": (
            "The unit hit by the missile strike remains out of service. Engineers said it would "
            "need replacement parts from abroad, and that they had asked Meridian manufacturers "
            "for help. Outages in the city will now last about four hours a day."
        ),
        "tags": ["Energy"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Atomic safety chief Odile Ferrand to visit Varnhold in the coming days",
        "lede": (
            "Odile Ferrand, director-general of the Concord Atomic Safety Agency, will travel to "
            "the Varnhold Nuclear Station in the coming days to assess the plant and discuss "
            "repairs to its power lines."
        ),
        "body": (
            "Ferrand will meet officials in Sorvanne first and then cross the front line to the "
            "plant, with both sides' agreement, her agency said. It will be her third visit since "
            "the occupation."
        ),
        "tags": ["Nuclear safety", "Diplomacy"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Calvennese government bonds rally as talks and grid aid lift sentiment",
        "lede": (
            "Calvenne's government bonds rose for a fourth day, with yields on ten-year debt "
            "falling to their lowest in two months, as investors welcomed the talks in Aubrel and "
            "Meridian funding for the grid."
        ),
        "body": (
            "Traders said foreign investors, largely absent since the start of the war, had made "
            "some small purchases. The calven was steady against the merid, and the National Bank "
            "did not intervene."
        ),
        "tags": ["Markets"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Delta flood stabilises as the water level at Lunmouth holds steady",
        "lede": (
            "The Averre flood around Lunmouth has stabilised, the regional administration said, "
            "though seven of the delta's inhabited islands remain partly under water and the ferry "
            "is still suspended."
        ),
        "body": (
            "- Water level at Lunmouth: 2.4 metres above normal, stable since dawn.\n"
            "- People evacuated in Lunmouth: about 1,100.\n"
            "- Islands flooded: seven of the eleven inhabited islands partly under water.\n"
            "- Ferry: suspended until further notice.\n\n"
            "Forecasters expect the water to fall slowly over the next three days."
        ),
        "tags": ["Weather"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Atomic safety chief crosses the front line on her way to Varnhold",
        "lede": (
            "Odile Ferrand and a team of Concord inspectors crossed the front line near the "
            "Varnhold reservoir in armoured vehicles, her agency said, after both sides guaranteed "
            "a pause in fire along the route."
        ),
        "body": (
            "The crossing took about two hours. Ferrand is expected to spend a day at the plant "
            "and meet its Halvardian-appointed management as well as Calvennese staff who still "
            "work there."
        ),
        "tags": ["Nuclear safety"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Ferrand calls for a protection zone around Varnhold after inspecting the plant"
        ),
        "lede": (
            "After visiting Varnhold, Odile Ferrand said the plant was “safe for now but not "
            "secure” and called on both sides to agree a protection zone around the site and its "
            "power lines."
        ),
        "body": (
            "Ferrand said the diesel generators were working well, but that fuel deliveries, staff "
            "exhaustion and shelling near the switchyard were serious concerns.\n\n"
            "> “A nuclear plant should never be on a front line. This one is. We need rules that "
            "both sides respect,” she said.\n\n"
            "She said she would take proposals for a repair window to the talks in Aubrel."
        ),
        "tags": ["Nuclear safety", "Diplomacy"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 6, "how": "as quoted by", "path": "/2026/11/ferrand-protection-zone"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Halvardian missiles hit the railway junction at Harnveld",
        "lede": (
            "Missiles struck the railway junction at Harnveld, damaging tracks and a signal box "
            "and halting trains on the main east–west line, Calvenne's state railway company said."
        ),
        "body": (
            "There were no casualties, the railway said. Repair crews were on site within an hour. "
            "Harnveld is a key hub for military supplies and for evacuation trains from the east."
        ),
        "tags": ["Front line"],
        "authors": ["maren-achterberg"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Evacuation trains rerouted after the Harnveld strike, delaying departures west"
        ),
        "lede": (
            "Evacuation trains from Ostrel and Harnveld to Dorvallen are being rerouted via a "
            "slower southern line after the strike on Harnveld junction, adding up to six hours to "
            "journeys, the state railway said."
        ),
        "body": (
            "Volunteers at Dorvallen station said trains were arriving late at night, with "
            "passengers exhausted. Extra beds have been set up in the station's waiting hall, and "
            "a local school is serving hot meals to passengers until midnight."
        ),
        "tags": ["Refugees", "Humanitarian"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Halvardian oil export revenue down sharply, Stavroth Courier reports",
        "lede": (
            "Halvardy's revenue from oil exports fell about 18% last month compared with the month "
            "before, the Stavroth Courier reported, citing finance ministry data, as sanctions and "
            "lower prices bite."
        ),
        "body": (
            "The paper said the discount on Halvardian crude had widened as buyers demanded "
            "compensation for extra shipping and insurance risks. The finance ministry has not "
            "commented on the report, which it usually does not do."
        ),
        "tags": ["Sanctions", "Markets"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 3, "how": "reported by", "path": "/2026/11/oil-revenue-falls"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Fact check: the Meridian Union has not frozen its aid to Calvenne",
        "lede": (
            "Posts claiming the Meridian Union has frozen aid to Calvenne because of the talks in "
            "Aubrel are false. The bloc's latest aid payment was made on schedule, according to "
            "both the bloc and Calvenne."
        ),
        "body": (
            "The posts cite a “leaked memo” that contains several errors, including the wrong name "
            "for the bloc's finance commissioner. The Meridian Union's press office said the "
            "document was fake.\n\n"
            "Calvenne's finance ministry confirmed it received the payment this week. **Verdict: "
            "false.**"
        ),
        "tags": ["Fact check", "Diplomacy"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Ostrel volunteer kitchen serves its 10,000th meal of the month",
        "lede": (
            "A volunteer kitchen run out of a school canteen in Ostrel served its 10,000th meal "
            "this month, Radio Ostrel reported, with volunteers working in shifts around air raid "
            "alerts."
        ),
        "body": (
            "The kitchen relies on donations from local farms and a bakery. Volunteers deliver "
            "meals to older residents who cannot leave their flats, often climbing ten floors with "
            "thermos boxes when the lifts are down."
        ),
        "tags": ["Humanitarian"],
        "authors": ["felix-oduya"],
        "sources": [
            {"outlet": 7, "how": "reported by", "path": "/2026/11/kitchen-10000-meals"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Talks resume in Aubrel with a proposal for a repair window at Varnhold",
        "lede": (
            "Talks resumed in Aubrel with Estmark presenting a proposal for a local pause in "
            "fighting around the Varnhold plant so engineers can repair its power lines, diplomats "
            "said."
        ),
        "body": (
            "The proposal, based on Odile Ferrand's recommendations, would see both sides halt "
            "fire in a defined area for 72 hours while Calvennese and Halvardian technicians work "
            "under Concord supervision. Neither delegation commented."
        ),
        "tags": ["Ceasefire talks", "Nuclear safety"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Halvardian forces push towards Lunmouth as floodwaters recede",
        "lede": (
            "Halvardian troops launched a series of attacks toward Lunmouth from the east bank of "
            "the delta as floodwaters fell, Calvenne's General Staff said, calling the situation "
            "“tense but under control”."
        ),
        "body": (
            "Colonel Aurel Stane said Halvardian units used boats to reach two islands in the "
            "delta. Local officials told the Harbour Gazette that shelling of the town had "
            "increased sharply since dawn."
        ),
        "tags": ["Front line"],
        "authors": ["maren-achterberg"],
        "sources": [
            {"outlet": 0, "how": "citing", "path": "/2026/11/attacks-toward-lunmouth"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Grid operator says 40% of Tolbrenn's damaged feeders have been repaired",
        "lede": (
            "Calvenne National Grid said crews had repaired about 40% of the distribution lines in "
            "Tolbrenn damaged by recent strikes, and that the city's hospitals were again running "
            "on grid power."
        ),
        "body": (
            "Hedda Lorne said crews were working 14-hour shifts. More than 200 workers from other "
            "regions have been sent to the city, and a disused school has been turned into a "
            "dormitory for them."
        ),
        "tags": ["Energy"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Arrivals in Lorvania fall for a second week as the east braces for winter",
        "lede": (
            "The number of people arriving in Lorvania from Calvenne fell for a second week to "
            "about 24,000, Lorvania's interior ministry said, though officials expect another rise "
            "if heating fails in eastern cities."
        ),
        "body": (
            "Aid groups say many people who might have left are waiting to see whether the talks "
            "bring results. Others, they say, have already moved once and cannot afford to move "
            "again."
        ),
        "tags": ["Refugees"],
        "authors": ["felix-oduya"],
        "sources": [
            {"outlet": 9, "how": "according to", "path": "/2026/11/arrivals-fall-second-week"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Cold snap sends temperatures to minus 9C in the east, straining the grid",
        "lede": (
            "A cold snap has pushed night temperatures to minus 9C in Ostrel and Tolbrenn, "
            "increasing demand for electricity and heating and forcing unscheduled outages in "
            "several districts."
        ),
        "body": (
            "The weather service expects the cold to last about four days. Cities have opened "
            "heated “warming points” in schools and administrative buildings where people can "
            "charge phones and drink hot tea."
        ),
        "tags": ["Weather", "Energy"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Concord Tribunal to deliver its ruling on Ormund Valley access tomorrow",
        "lede": (
            "The Concord Tribunal will deliver its decision on Calvenne's request for emergency "
            "measures on humanitarian access to the occupied Ormund Valley tomorrow, the court "
            "said in a brief notice."
        ),
        "body": (
            "The ruling will be read in open court in Lissane. Decisions on provisional measures "
            "are binding on the parties, but the tribunal has no means of enforcing them on its "
            "own."
        ),
        "tags": ["Courts"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Meridian Union adds 12 people to its sanctions list, including the Ormund "
            "administrator"
        ),
        "lede": (
            "The Meridian Union has added 12 individuals to its sanctions list, including Anton "
            "Seyfried, the Halvardian-installed administrator of the occupied Ormund Valley, "
            "freezing their assets in the bloc."
        ),
        "body": (
            "The list also includes officials accused of organising the transfer of children from "
            "the valley to Halvardy and two businessmen said to supply the Halvardian army. "
            "Halvardy called the measures “illegal and meaningless”."
        ),
        "tags": ["Sanctions"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Concord Tribunal orders Halvardy to allow humanitarian access to the Ormund Valley"
        ),
        "lede": (
            "The Concord Tribunal has ordered Halvardy to allow Concord humanitarian agencies "
            "unhindered access to the occupied Ormund Valley within 21 days, in a ruling on "
            "provisional measures requested by Calvenne."
        ),
        "body": (
            "The judges voted 13 to 2 in favour of the main measure. They also ordered both "
            "parties to refrain from attacks on water and power facilities needed by civilians, by "
            "a vote of 15 to 0.\n\n"
            "Presiding Judge Celeste Marwick said the court was “gravely concerned” by evidence of "
            "shortages of water and medicine in the valley."
        ),
        "tags": ["Courts", "Humanitarian"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 5, "how": "reported by", "path": "/2026/11/tribunal-orders-ormund-access"},
            {"outlet": 6, "how": "citing", "path": "/2026/11/tribunal-vote-13-2"},
        ],
        "breaking": True,
        "correction": "",
    },
    {
        "headline": "What the tribunal's ruling on the Ormund Valley means, and what it does not",
        "lede": (
            "The Concord Tribunal's order is legally binding, but the court has no police force. "
            "Here is what the ruling requires, how it could be enforced, and what happens next in "
            "the case."
        ),
        "body": (
            "**What the court ordered**\n\n"
            "The tribunal granted most of Calvenne's request for provisional measures. In "
            "summary:\n\n"
            "- Halvardy must allow Concord humanitarian agencies “unhindered and safe” access to "
            "the Ormund Valley within 21 days.\n"
            "- Both parties must refrain from attacking water, power and heating facilities "
            "essential to civilians.\n"
            "- Both parties must report to the court on how they have complied within one "
            "month.\n\n"
            "**What provisional measures are**\n\n"
            "Provisional measures are temporary orders meant to protect rights while a case is "
            "decided. The main case, in which Calvenne accuses Halvardy of violating the Concord's "
            "humanitarian charter, could take years.\n\n"
            "**Is it binding?**\n\n"
            "Yes. Members of the Concord of Nations have agreed that the tribunal's decisions are "
            "binding on parties to a case. But the court cannot send anyone to enforce them. If a "
            "state ignores an order, the other party can bring the matter to the Concord Council, "
            "where Halvardy holds a veto.\n\n"
            "**Why it still matters**\n\n"
            "Lawyers say such rulings carry weight in diplomacy. They can shape the positions of "
            "neutral countries, give the Meridian Union arguments for keeping sanctions, and put "
            "pressure on a government that wants to be seen as respecting international law.\n\n"
            "Halvardy has previously complied with parts of tribunal orders when it suited its "
            "interests, for example by allowing Red Lantern visits to some detention sites.\n\n"
            "**What happens next**\n\n"
            "Concord agencies have said they are ready to send convoys into the valley as soon as "
            "both sides agree a route. The humanitarian coordinator, Teodor Annslie, said he would "
            "raise the ruling at the Aubrel talks."
        ),
        "tags": ["Courts", "Humanitarian"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Halvardy rejects tribunal ruling, saying the court has no jurisdiction",
        "lede": (
            "Halvardy's foreign ministry said it did not recognise the tribunal's ruling on the "
            "Ormund Valley, calling it “politically motivated”, Halvardian State Television "
            "reported."
        ),
        "body": (
            "The ministry said humanitarian needs in the valley were being met by Halvardian "
            "agencies. It did not say whether it would block Concord convoys. Calvenne's foreign "
            "minister, Dorian Vasko, called the response “a rejection of the law itself”."
        ),
        "tags": ["Courts", "Diplomacy"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 4, "how": "as quoted by", "path": "/2026/11/ministry-rejects-ruling"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Shell hits Lunmouth hospital courtyard, injuring a nurse and two patients",
        "lede": (
            "A shell exploded in the courtyard of Lunmouth's main hospital, injuring a nurse and "
            "two patients and shattering windows in the maternity ward, regional officials told "
            "the Harbour Gazette."
        ),
        "body": (
            "Staff moved patients to the basement. The hospital continued to operate, but "
            "non-urgent surgery has been suspended and pregnant women are being referred to a "
            "clinic in Vell. Glaziers were already at work by the afternoon."
        ),
        "tags": ["Front line", "Casualties"],
        "authors": ["maren-achterberg"],
        "sources": [
            {"outlet": 0, "how": "as quoted by", "path": "/2026/11/hospital-courtyard-shell"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Shipping insurers edge war-risk premiums higher after shelling of Lunmouth",
        "lede": (
            "War-risk insurance premiums for ships calling at Calvennese ports rose slightly after "
            "the escalation around Lunmouth, brokers said, reversing part of last week's reduction."
        ),
        "body": (
            "Lunmouth is not a grain port, but underwriters are concerned that Halvardian "
            "artillery on the delta could eventually reach the shipping lanes leading to Vell, "
            "brokers said. Grain loadings at Vell itself were not affected."
        ),
        "tags": ["Grain exports"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Red Lantern Society visits a prisoner-of-war camp inside Halvardy",
        "lede": (
            "Red Lantern Society delegates have visited a camp in Halvardy holding Calvennese "
            "prisoners of war, the society said, in the first such visit it has been allowed to "
            "make in four months."
        ),
        "body": (
            "The society does not disclose what its delegates find, but said it had been able to "
            "speak to prisoners privately and distribute letters from families. It called on both "
            "sides to grant regular access to all places of detention."
        ),
        "tags": ["Prisoners"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Fact check: what satellite images show after the Lunmouth hospital strike",
        "lede": (
            "Halvardian officials say the Lunmouth hospital was being used as a military "
            "headquarters. Satellite images and photos from the scene do not support the claim, "
            "though we cannot rule out all military activity nearby."
        ),
        "body": (
            "Images taken the day before the strike show ambulances and private cars in the car "
            "park, but no military vehicles. Photos from the scene show patients' beds in the "
            "corridors and medical staff in uniform.\n\n"
            "Halvardy's defence ministry has not provided evidence for its claim. We have asked it "
            "to do so. **Verdict: unsupported.**"
        ),
        "tags": ["Fact check"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Calvennese forces withdraw from two villages on the delta's east bank",
        "lede": (
            "Calvenne's General Staff says its units have withdrawn from the villages of Tilvane "
            "and Orrisham on the east bank of the Averre delta to “more favourable positions”, "
            "after days of heavy attacks."
        ),
        "body": (
            "Colonel Aurel Stane said the withdrawal was carried out in order and that the "
            "villages had been almost entirely destroyed. It is the first Calvennese withdrawal in "
            "the delta in three months."
        ),
        "tags": ["Front line"],
        "authors": ["maren-achterberg"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Fact check: Halvardy has not captured Lunmouth, despite claims online",
        "lede": (
            "Pro-Halvardian channels say Halvardian troops have entered Lunmouth. Local officials, "
            "our correspondent and geolocated footage show that the town remains under Calvennese "
            "control."
        ),
        "body": (
            "A video shared as proof shows soldiers walking past a burnt-out petrol station. We "
            "located it to Tilvane, one of the villages Calvennese forces left overnight, about "
            "eight kilometres from Lunmouth.\n\n"
            "Lunmouth's mayor posted a video from the town's main square this morning. **Verdict: "
            "false.**"
        ),
        "tags": ["Fact check", "Front line"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Lorvania doubles electricity exports to Calvenne to ease winter shortages",
        "lede": (
            "Lorvania will double the amount of electricity it exports to Calvenne over the next "
            "month, its energy ministry said, helping to offset damage to Calvennese power plants."
        ),
        "body": (
            "The additional supply will come via two cross-border lines near Dorvallen. Lorvania's "
            "energy minister said the country had spare capacity because of a mild autumn and high "
            "reservoir levels. The deal runs for one month and can be extended."
        ),
        "tags": ["Energy", "Diplomacy"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 9, "how": "reported by", "path": "/2026/11/lorvania-doubles-power-exports"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Elderly residents evacuated from Lunmouth's riverside districts",
        "lede": (
            "Volunteers and emergency workers evacuated about 200 older and disabled residents "
            "from Lunmouth's riverside districts, which are now within range of Halvardian "
            "mortars, regional officials said."
        ),
        "body": (
            "Many had refused to leave during earlier evacuations. Volunteers said some agreed to "
            "go only after their neighbours' homes were hit. Most have been taken to care homes in "
            "Vell."
        ),
        "tags": ["Humanitarian"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Arbel shuttles between delegations as Varnhold proposal hits obstacles",
        "lede": (
            "Estmark's foreign minister spent the day moving between the two delegations in "
            "Aubrel, trying to close gaps on the proposed Varnhold repair window, diplomats said."
        ),
        "body": (
            "The main disagreement is over the size of the area in which fire would halt. Calvenne "
            "wants it to include the power line corridor on the west bank; Halvardy wants it "
            "limited to the plant's immediate surroundings."
        ),
        "tags": ["Ceasefire talks", "Nuclear safety"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Sorvanne shares fall as fighting near Lunmouth dampens hopes from talks",
        "lede": (
            "Shares in Sorvanne fell for the first time in a week as heavier fighting near "
            "Lunmouth and slow progress in Aubrel weighed on sentiment, with shipping and "
            "insurance stocks hit hardest."
        ),
        "body": (
            "The SVX-40 index closed 1.8% lower. The calven weakened slightly against the merid. "
            "Dealers said trading volumes were thin, with many investors waiting for news from "
            "Aubrel before taking new positions."
        ),
        "tags": ["Markets"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Lunmouth district reports nine civilians killed in a week of shelling",
        "lede": (
            "Nine civilians have been killed and 31 wounded in the Lunmouth district over the past "
            "seven days, the regional military administration said, the deadliest week there in "
            "months."
        ),
        "body": (
            "Most of the victims were killed in their homes or on the streets near the river. The "
            "figures could not be independently verified. The administration said two of the dead "
            "were children."
        ),
        "tags": ["Casualties"],
        "authors": ["maren-achterberg"],
        "sources": [
            {"outlet": 0, "how": "according to", "path": "/2026/11/lunmouth-weekly-toll"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Freezing fog grounds drones and halts ferries on the Averre",
        "lede": (
            "Freezing fog covered much of the Averre valley, grounding drones, halting the "
            "Lunmouth ferries and making roads treacherous, Calvenne's weather service said on its "
            "morning bulletin."
        ),
        "body": (
            "Several road accidents were reported near Harnveld. The weather service warned of "
            "black ice on bridges and advised drivers to avoid unnecessary journeys until the "
            "afternoon. The fog is expected to return overnight."
        ),
        "tags": ["Weather"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Negotiators agree a 72-hour repair window around the Varnhold plant",
        "lede": (
            "Calvenne and Halvardy have agreed a 72-hour local ceasefire around the Varnhold "
            "Nuclear Station so engineers can repair its external power lines, Estmark's foreign "
            "ministry said."
        ),
        "body": (
            "The pause will cover an area within 15 kilometres of the plant and a corridor along "
            "the main power line to the west bank. It will begin at 6 a.m. the day after "
            "tomorrow.\n\n"
            "Concord inspectors will monitor the area. Lucien Arbel called the agreement “small "
            "but real”."
        ),
        "tags": ["Nuclear safety", "Ceasefire talks"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 5, "how": "according to", "path": "/2026/11/varnhold-repair-window-agreed"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "How the Varnhold repair window will work, step by step",
        "lede": (
            "Engineers will have three days to repair the power lines that keep the Varnhold "
            "plant's cooling systems running. Here is how the operation is supposed to work and "
            "what could go wrong."
        ),
        "body": (
            "The plant's main external connection is a 750-kilovolt line that crosses the "
            "reservoir and runs west to a substation near Harnveld. It was cut in two places by "
            "shelling.\n\n"
            "**The plan**\n\n"
            "1. At 6 a.m. on day one, both militaries halt fire within the agreed zone. Concord "
            "inspectors confirm the pause.\n"
            "2. Calvennese crews repair the section on the west bank; Halvardian-appointed plant "
            "staff repair the section on the east bank.\n"
            "3. Concord inspectors supervise both teams and report to the Aubrel mediators every "
            "six hours.\n"
            "4. Once both sections are fixed, the line is tested and reconnected.\n\n"
            "**What could go wrong**\n\n"
            "- Fighting outside the zone could spill into it.\n"
            "- Crews may find more damage than expected, including to pylons in minefields.\n"
            "- Either side could accuse the other of using the pause to move troops.\n\n"
            "Calvenne National Grid said its team of 40 was ready and that spare parts had been "
            "moved to Harnveld. If the repairs succeed, the plant will no longer depend on diesel "
            "generators, which have now been running for more than two weeks."
        ),
        "tags": ["Nuclear safety", "Energy"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Concord requests a route for aid convoys to the Ormund Valley under the court order"
        ),
        "lede": (
            "The Concord's humanitarian office has formally asked Halvardy and Calvenne to agree a "
            "route for aid convoys into the occupied Ormund Valley, citing the tribunal's order, "
            "coordinator Teodor Annslie said."
        ),
        "body": (
            "Annslie said 25 trucks with food, medicine and winter supplies were ready in "
            "Harnveld. He said he had not yet received a reply from Stavroth, and that Calvenne "
            "had already agreed in writing."
        ),
        "tags": ["Humanitarian", "Courts"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Ostrel residents board up windows and stock firewood for a long winter",
        "lede": (
            "With the grid fragile and temperatures falling, residents in Ostrel are covering "
            "windows with plastic sheeting and boards and stockpiling firewood, while the city "
            "hands out small heaters to the most vulnerable."
        ),
        "body": (
            "In the Saltyard district, neighbours pooled money to buy a generator for their "
            "building's boiler. “We learned last winter,” one said. “You cannot wait for someone "
            "to save you.” The city says it has handed out 3,000 heaters so far."
        ),
        "tags": ["Humanitarian"],
        "authors": ["maren-achterberg"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Halvardy bans food imports from the Meridian Union in retaliation",
        "lede": (
            "Halvardy has banned imports of most foods from Meridian Union countries for a year in "
            "response to the bloc's new sanctions, according to a decree published by Chancellor "
            "Erland Vost's office."
        ),
        "body": (
            "The ban covers dairy, fruit, meat and processed foods, but not baby food or medical "
            "nutrition. Economists said it would raise food prices in Halvardy more than it would "
            "hurt Meridian exporters."
        ),
        "tags": ["Sanctions"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 3, "how": "citing", "path": "/2026/11/meridian-food-ban"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Aubrel talks continue after the Varnhold deal, with prisoners next on the agenda"
        ),
        "lede": (
            "The delegations in Aubrel will continue talks without a break after agreeing the "
            "Varnhold repair window, moving on to a second, larger prisoner exchange, Estmark's "
            "foreign ministry said."
        ),
        "body": (
            "Diplomats said both sides wanted to build on the momentum of the Varnhold deal. "
            "Calvenne is pushing for an exchange of at least 200 prisoners each, including "
            "civilians detained in the Ormund Valley."
        ),
        "tags": ["Ceasefire talks", "Prisoners"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": (
            "An earlier version of this update said the talks would pause after the Varnhold "
            "agreement; Estmark later said they would continue without a break."
        ),
    },
    {
        "headline": "72-hour local ceasefire around Varnhold takes effect",
        "lede": (
            "The local ceasefire around the Varnhold Nuclear Station began at 6 a.m., with Concord "
            "inspectors confirming that guns had fallen silent in the agreed zone, the Concord "
            "Atomic Safety Agency said."
        ),
        "body": (
            "Inspectors said the first hours passed without incident. Both militaries have liaison "
            "officers at a joint coordination point near the reservoir, linked by a field "
            "telephone line laid overnight. Repair crews are due to start work at midday."
        ),
        "tags": ["Nuclear safety", "Ceasefire talks"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 6, "how": "reported by", "path": "/2026/11/varnhold-truce-begins"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Repair crews reach damaged pylons on both banks of the Varnhold reservoir",
        "lede": (
            "Calvennese and Halvardian repair crews have reached the damaged sections of "
            "Varnhold's main power line and begun work under Concord supervision, the atomic "
            "safety agency said."
        ),
        "body": (
            "Calvenne National Grid said its crew found two pylons toppled and about 800 metres of "
            "cable destroyed on the west bank. The team brought a crane and new cable from "
            "Harnveld and expected to work through the night under floodlights."
        ),
        "tags": ["Nuclear safety", "Energy"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Outside the Varnhold zone, shelling of Ostrel and Tolbrenn continues",
        "lede": (
            "While guns are silent around Varnhold, shelling continued elsewhere along the front, "
            "with strikes reported in Ostrel and Tolbrenn and fighting near Lunmouth, officials "
            "said."
        ),
        "body": (
            "Mayor Jonah Krell said a residential building in the Quarry district was damaged. No "
            "casualties were reported. “A ceasefire for a power line is good,” he said. “We are "
            "waiting for one for people.”"
        ),
        "tags": ["Front line"],
        "authors": ["maren-achterberg"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Tessary's last residents: “We are staying because this is our home”",
        "lede": (
            "About 350 civilians remain in Tessary despite two evacuation corridors. Our reporter "
            "spoke by phone with some of those who have decided to stay in the besieged town."
        ),
        "body": (
            "Most are elderly. Some care for bedridden relatives; others say they cannot imagine "
            "living anywhere else. A retired electrician said he had rigged a car battery to power "
            "a radio and a light bulb in his cellar.\n\n"
            "“My wife is buried here, my parents are buried here,” he said. “Where would I go? To "
            "a sports hall in Harnveld?”\n\n"
            "Red Lantern staff continue to deliver food and medicine when conditions allow."
        ),
        "tags": ["Humanitarian"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Fact check: were there violations of the Varnhold truce on its first day?",
        "lede": (
            "Social media posts claimed the Varnhold truce was broken within hours. Concord "
            "inspectors say they recorded no firing inside the zone, though explosions were heard "
            "outside it."
        ),
        "body": (
            "Several videos show smoke on the horizon. The two we could locate were filmed about "
            "25 kilometres south of the zone, near Drellin, where fighting continues.\n\n"
            "The Concord Atomic Safety Agency said its inspectors heard distant artillery but had "
            "no evidence of shots inside the zone. **Verdict: unsupported, so far.**"
        ),
        "tags": ["Fact check", "Nuclear safety"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Calvenne's grain exports reach 3.1 million tonnes this month despite attacks",
        "lede": (
            "Calvenne has exported about 3.1 million tonnes of grain and oilseeds so far this "
            "month, the Grainmarket Bulletin reported, roughly level with the same period last "
            "year despite the attacks on Vell."
        ),
        "body": (
            "Wheat and maize account for most of the total. Exporters said the main constraint now "
            "is the number of ships willing to come, rather than storage or port capacity. Barley "
            "shipments are well below last year."
        ),
        "tags": ["Grain exports"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 8, "how": "reported by", "path": "/2026/11/monthly-exports-3-1mt"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Meridian foreign policy chief visits Vell and tours the damaged port",
        "lede": (
            "Ines Valcourt, the Meridian Union's foreign policy chief, toured Vell's damaged grain "
            "terminal with Governor Sabine Ardel and promised help with air defences for the port, "
            "the Vell Morning Post reported."
        ),
        "body": (
            "Valcourt said Calvennese grain was “a matter of food security far beyond this "
            "region”. She also met port workers and members of the city council, and laid flowers "
            "at a memorial to dock workers killed in earlier strikes."
        ),
        "tags": ["Diplomacy", "Grain exports"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 2, "how": "reported by", "path": "/2026/11/valcourt-visits-port"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Varnhold nuclear plant reconnected to external power after repairs",
        "lede": (
            "The Varnhold Nuclear Station has been reconnected to its main external power line "
            "after two days of repairs under the local ceasefire, the Concord Atomic Safety Agency "
            "said. The diesel generators have been switched off."
        ),
        "body": (
            "Odile Ferrand said the reconnection was “a relief, but not a solution”, noting that "
            "the plant still relied on a single line. She urged both sides to keep the protection "
            "zone in place beyond the 72 hours.\n\n"
            "Calvenne National Grid said its crew had returned safely to Harnveld."
        ),
        "tags": ["Nuclear safety", "Energy"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 6, "how": "reported by", "path": "/2026/11/varnhold-reconnected"},
        ],
        "breaking": True,
        "correction": "",
    },
    {
        "headline": "Both governments claim credit for reconnecting the Varnhold plant",
        "lede": (
            "Calvenne and Halvardy each described the reconnection of the Varnhold plant as the "
            "result of their own efforts, with official media on both sides giving little credit "
            "to the other."
        ),
        "body": (
            "Halvardian State Television said “Halvardian specialists” had restored the plant's "
            "power. Calvenne's energy ministry said its engineers had carried out the most complex "
            "repairs on the west bank. Concord inspectors said the work had required both teams."
        ),
        "tags": ["Diplomacy", "Nuclear safety"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Shelling resumes near the reservoir as the Varnhold truce expires",
        "lede": (
            "Artillery fire resumed near the Varnhold reservoir shortly after the 72-hour truce "
            "expired, with both sides accusing each other of firing first, officials and "
            "inspectors said."
        ),
        "body": (
            "The Concord Atomic Safety Agency said no shells had landed on the plant or its power "
            "line. Estmark said it was proposing to extend the protection zone indefinitely and "
            "would raise the idea in Aubrel."
        ),
        "tags": ["Front line", "Nuclear safety"],
        "authors": ["maren-achterberg"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Negotiators move towards a second, larger prisoner exchange",
        "lede": (
            "Negotiators in Aubrel are close to agreeing a second prisoner exchange of about 200 "
            "people each, diplomats said, including some prisoners held since the first months of "
            "the war."
        ),
        "body": (
            "Yara Benning said the lists included prisoners captured during the defence of Tessary "
            "and civilians detained in the Ormund Valley. She asked families to wait for official "
            "notification rather than rely on rumours."
        ),
        "tags": ["Prisoners", "Ceasefire talks"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Calven strengthens to its highest level in six weeks",
        "lede": (
            "The calven strengthened to its highest level against the merid in six weeks, as "
            "traders welcomed the Varnhold reconnection and signs of progress in the Aubrel talks, "
            "the Sorvanne Ledger reported."
        ),
        "body": (
            "The National Bank did not intervene in the market during the day, dealers said. "
            "Importers used the stronger currency to buy merids for fuel and equipment purchases "
            "planned for the coming months."
        ),
        "tags": ["Markets"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 1, "how": "reported by", "path": "/2026/11/calven-six-week-high"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Heavy snow forecast for the eastern front over the next three days",
        "lede": (
            "The weather service forecasts 25 to 40 centimetres of snow across eastern Calvenne "
            "over the next three days, with strong winds and drifting that could affect military "
            "operations and repair work."
        ),
        "body": (
            "Road services in Ostrel and Tolbrenn have moved snowploughs and sand trucks into "
            "position. The grid operator warned that snow-laden lines could break and asked "
            "residents to report fallen cables rather than approach them."
        ),
        "tags": ["Weather"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Some families who fled Ostrel are returning from Sorvanne despite the danger",
        "lede": (
            "A small but growing number of families who left Ostrel in recent weeks are returning "
            "from Sorvanne and other western cities, citing high rents and hopes raised by the "
            "talks, aid workers said."
        ),
        "body": (
            "A bus company running a daily service from Sorvanne to Ostrel said its eastbound "
            "buses were now fuller than westbound ones for the first time in a month. Officials "
            "urged people with children not to return yet."
        ),
        "tags": ["Refugees"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Estmark circulates a draft framework for a broader ceasefire",
        "lede": (
            "Estmark's mediators have given both delegations a draft framework for a ceasefire "
            "along the whole front line, diplomats in Aubrel said, marking a shift from the narrow "
            "humanitarian agenda."
        ),
        "body": (
            "The draft has not been published. Diplomats said it covers a halt in fighting, "
            "international monitoring, prisoner releases and a process for further political "
            "talks. Both delegations have taken the text to their capitals."
        ),
        "tags": ["Ceasefire talks"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 5, "how": "according to", "path": "/2026/11/draft-framework-circulated"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Explainer: what we know about the draft ceasefire framework",
        "lede": (
            "The draft text being discussed in Aubrel has not been published, but diplomats and "
            "officials have described its main elements. Here is what it reportedly contains, what "
            "is missing, and why each side may struggle with it."
        ),
        "body": (
            "This explainer is based on descriptions from four diplomats familiar with the text, "
            "speaking on condition of anonymity, and on public statements by officials. We have "
            "not seen the document itself.\n\n"
            "**What is reportedly in it**\n\n"
            "- **A ceasefire** along the current line of contact, beginning at a fixed time after "
            "signing, covering ground, air and sea.\n"
            "- **Withdrawal of heavy weapons** to a set distance from the line, possibly 15 "
            "kilometres for artillery.\n"
            "- **Monitoring** by a Concord mission, with observers on both sides of the line.\n"
            "- **Prisoners**: an all-for-all exchange within 30 days and the release of detained "
            "civilians.\n"
            "- **Humanitarian access** to the Ormund Valley and frontline areas.\n"
            "- **Varnhold**: a permanent protection zone around the plant.\n"
            "- **Further talks** on political questions, to begin within 60 days.\n\n"
            "**What is reportedly not in it**\n\n"
            "According to the diplomats, the draft says nothing about where a final border would "
            "lie, nor about sanctions. Both are left for the later talks.\n\n"
            "**What the Meridian Union says**\n\n"
            "The bloc is not a party to the talks, but its position matters because it controls "
            "most of the sanctions. Ines Valcourt has said the Meridian Union will judge any "
            "agreement by what happens on the ground, and that sanctions will stay until a "
            "settlement acceptable to Calvenne is reached. Some member states have quietly "
            "suggested that partial relief could be offered later in exchange for verified steps, "
            "such as the withdrawal of heavy weapons.\n\n"
            "**Why Calvenne may struggle**\n\n"
            "Officials in Sorvanne worry that a ceasefire along the current line could become "
            "permanent. President Ilsa Marrend has said she will not accept any deal that “freezes "
            "the occupation”. Calvennese negotiators are expected to push for firm deadlines for "
            "political talks and guarantees that violations will have consequences.\n\n"
            "**Why Halvardy may struggle**\n\n"
            "Halvardy has demanded that sanctions be lifted as part of any ceasefire. The draft "
            "leaves them to the Meridian Union, which says they will remain until a full "
            "settlement. Halvardian officials have also said they oppose observers from Meridian "
            "countries.\n\n"
            "**What happens next**\n\n"
            "Both delegations have sent the text to their capitals. Estmark hopes to receive "
            "written comments within days. A diplomat said the aim was an agreement “in principle” "
            "soon, but cautioned that “everything could still collapse over a single "
            "paragraph”.\n\n"
            "We will update this explainer as more details become known."
        ),
        "tags": ["Ceasefire talks", "Diplomacy"],
        "authors": ["tobias-ekwueme-lund", "sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Snow halts ground assaults along much of the front; shelling continues",
        "lede": (
            "Heavy snow has halted infantry and armoured attacks along much of the front, military "
            "officials on both sides said, but artillery and long-range drones remain active."
        ),
        "body": (
            "A Calvennese officer near Drellin said visibility was down to a few metres and that "
            "vehicles could not move off the main roads. “Everyone is digging,” he said. “Us, "
            "them, the tractors.”"
        ),
        "tags": ["Weather", "Front line"],
        "authors": ["maren-achterberg"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Cold and snow bring back outages in Sorvanne for the first time in weeks",
        "lede": (
            "Scheduled power cuts have returned to parts of Sorvanne as cold weather pushed demand "
            "to a record and heavy snow damaged distribution lines, the city's electricity utility "
            "said."
        ),
        "body": (
            "The outages will last about two hours each in rotating districts. Calvenne National "
            "Grid said the capital's supply was stretched because power was being diverted east to "
            "cities closer to the front."
        ),
        "tags": ["Energy", "Weather"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Fact check: document shared as the Aubrel draft is not the Estmark text",
        "lede": (
            "A document circulating online as the “leaked Aubrel draft” differs sharply from "
            "descriptions given by diplomats, and contains clauses that Estmark says are not in "
            "its text."
        ),
        "body": (
            "The document includes a clause on transferring the Ormund Valley to Halvardy, which "
            "none of the diplomats we spoke to mentioned. It uses a version of the Estmark coat of "
            "arms that has not been used for years.\n\n"
            "Estmark's foreign ministry told the Estmark Observer the document was “a "
            "fabrication”. **Verdict: false.**"
        ),
        "tags": ["Fact check", "Ceasefire talks"],
        "authors": ["sunniva-rask"],
        "sources": [
            {"outlet": 5, "how": "citing", "path": "/2026/11/estmark-denies-leaked-draft"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Aid agencies hand out winter kits to 30,000 families in the east",
        "lede": (
            "Concord agencies and local charities have distributed winter kits with blankets, "
            "thermal clothing and solid fuel to about 30,000 families in Ostrel, Tolbrenn and "
            "frontline villages, the Concord's humanitarian office said."
        ),
        "body": (
            "The kits also include torches and power banks. The office said it aimed to reach "
            "80,000 families by the end of the month, but warned that the appeal for winter aid "
            "was only 55% funded."
        ),
        "tags": ["Humanitarian"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "National Bank of Calvenne holds its key interest rate at 15%",
        "lede": (
            "The National Bank of Calvenne kept its key interest rate at 15%, saying inflation had "
            "stabilised but that risks from the war and damage to the energy system remained high."
        ),
        "body": (
            "Governor Anselm Rook said the bank could start cutting rates next year if the "
            "security situation improved. Inflation was 11.2% last month, down from 12.4% the "
            "month before. The decision was unanimous."
        ),
        "tags": ["Markets"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 1, "how": "according to", "path": "/2026/11/national-bank-holds-rate"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Halvardy calls Estmark draft “a basis for discussion” but wants changes",
        "lede": (
            "Halvardy's chief negotiator, Matthis Korr, said the Estmark draft was “a basis for "
            "discussion” but that it needed “serious changes”, in comments reported by the "
            "Stavroth Courier."
        ),
        "body": (
            "Korr said Halvardy would not accept monitors from “countries that arm Calvenne” and "
            "wanted sanctions relief included. He did not say whether Halvardy would walk away if "
            "its demands were not met."
        ),
        "tags": ["Ceasefire talks"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 3, "how": "as quoted by", "path": "/2026/11/korr-basis-for-discussion"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Marrend: no ceasefire that locks in the occupation of the Ormund Valley",
        "lede": (
            "President Ilsa Marrend said Calvenne would consider a ceasefire only if it came with "
            "clear guarantees and a timetable for political talks, warning that she would not sign "
            "“a pause that becomes a border”."
        ),
        "body": (
            "In a televised address, Marrend said the country was tired but “not tired enough to "
            "give up”. She said any agreement would be put before parliament for debate, and that "
            "Calvennese citizens would be told “everything we can tell them”."
        ),
        "tags": ["Diplomacy", "Ceasefire talks"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Drones hit a fuel depot in Dorvallen, far from the front line",
        "lede": (
            "Drones struck a fuel depot on the outskirts of Dorvallen, near the Lorvanian border, "
            "starting a large fire that burned through the night, regional officials said. No one "
            "was hurt."
        ),
        "body": (
            "It is the first strike on Dorvallen in several months. Lorvania's defence ministry "
            "said it had tracked the drones close to its border and scrambled aircraft as a "
            "precaution. Firefighters from two districts were sent to the scene."
        ),
        "tags": ["Front line"],
        "authors": ["maren-achterberg"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Queues lengthen again at the Sarrow crossing after the strike on Dorvallen",
        "lede": (
            "Waiting times at the Dorvallen–Sarrow border crossing rose to six hours after the "
            "drone strike on Dorvallen, as some residents of the border city decided to leave, "
            "border officials said."
        ),
        "body": (
            "Lorvania added staff at the crossing. Volunteers said many of those leaving were "
            "families who had already fled the east once and had settled in Dorvallen because it "
            "felt safe."
        ),
        "tags": ["Refugees"],
        "authors": ["felix-oduya"],
        "sources": [
            {"outlet": 9, "how": "according to", "path": "/2026/11/sarrow-queues-dorvallen-strike"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Meridian Union delays its next sanctions package while talks continue",
        "lede": (
            "The Meridian Union has put off discussion of a further sanctions package until after "
            "the next round of talks in Aubrel, diplomats said, but stressed that existing "
            "sanctions remain fully in force."
        ),
        "body": (
            "Ines Valcourt said the decision was “about timing, not direction”. Some member states "
            "had argued that new measures now could give Halvardy an excuse to leave the talks. "
            "Others wanted to keep up the pressure."
        ),
        "tags": ["Sanctions"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Second prisoner exchange to include 210 people on each side, officials say",
        "lede": (
            "The next prisoner exchange will involve 210 prisoners from each side, including 40 "
            "civilians held by Halvardy, Calvenne's prisoner coordination bureau said, with the "
            "swap expected within two days."
        ),
        "body": (
            "Yara Benning said families of those on the list had been informed. The Red Lantern "
            "Society will oversee the exchange, which is expected to take place at the same "
            "crossing as the first."
        ),
        "tags": ["Prisoners"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Second prisoner exchange completed: 210 Calvennese prisoners return home",
        "lede": (
            "Calvenne and Halvardy have exchanged 210 prisoners each at a crossing on the "
            "Lorvanian border, the largest exchange since the war began, Calvenne's prisoner "
            "coordination bureau said."
        ),
        "body": (
            "Those returning included soldiers captured during fighting around Tessary and Marrin "
            "Ford, 40 civilians from the Ormund Valley and two journalists. Relatives waited at a "
            "hospital in Dorvallen, where the freed prisoners were taken for medical checks.\n\n"
            "Yara Benning said the exchange was “proof that talks can save lives”."
        ),
        "tags": ["Prisoners"],
        "authors": ["felix-oduya"],
        "sources": [
            {"outlet": 6, "how": "reported by", "path": "/2026/11/second-exchange-210"},
        ],
        "breaking": True,
        "correction": "",
    },
    {
        "headline": "Among those freed: six medics captured while evacuating the wounded",
        "lede": (
            "Six military medics captured while evacuating wounded soldiers near Tessary were "
            "among those released in the exchange, Calvenne's health ministry said in a statement."
        ),
        "body": (
            "One of them, a 29-year-old paramedic, said in a video released by the ministry that "
            "he had spent 14 months in detention and had treated fellow prisoners with whatever he "
            "could find. “Now I want to see my daughter,” he said. “Then I want to go back to "
            "work.”"
        ),
        "tags": ["Prisoners"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Calvennese troops retake a village in the delta, General Staff says",
        "lede": (
            "Calvennese forces have retaken the village of Orrisham on the east bank of the Averre "
            "delta, lost earlier this month, the General Staff said, releasing video of soldiers "
            "raising a flag."
        ),
        "body": (
            "We geolocated the video to the village's church. Halvardy's defence ministry said "
            "fighting in the area was continuing. The Harbour Gazette reported that residents of "
            "Lunmouth heard heavy fighting overnight."
        ),
        "tags": ["Front line"],
        "authors": ["maren-achterberg"],
        "sources": [
            {"outlet": 0, "how": "citing", "path": "/2026/11/orrisham-retaken"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Fact check: Halvardian claim of 250 prisoners returned does not match records",
        "lede": (
            "Halvardian State Television said 250 Halvardian prisoners had been returned in the "
            "exchange. The Red Lantern Society, Estmark and Calvenne all give a figure of 210 each "
            "way."
        ),
        "body": (
            "The broadcast appears to have added the 40 civilians, who were already part of the "
            "210, a second time. We asked the broadcaster for clarification and had not received a "
            "reply at the time of writing. **Verdict: incorrect.**"
        ),
        "tags": ["Fact check", "Prisoners"],
        "authors": ["sunniva-rask"],
        "sources": [
            {"outlet": 4, "how": "as quoted by", "path": "/2026/11/exchange-figure-claim"},
            {"outlet": 5, "how": "according to", "path": "/2026/11/exchange-figures-estmark"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Grain freight and insurance costs fall as corridor traffic grows",
        "lede": (
            "Freight rates and war-risk insurance premiums for voyages from Vell fell this week as "
            "more shipowners returned to the Gannet Sea corridor, the Grainmarket Bulletin said."
        ),
        "body": (
            "Freight rates for a 60,000-tonne ship to ports across the Gannet Sea fell about 8% in "
            "a week. Traders said more buyers were willing to book Calvennese cargoes for delivery "
            "next month."
        ),
        "tags": ["Grain exports", "Markets"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 8, "how": "according to", "path": "/2026/11/freight-insurance-fall"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Concord Council backs the Aubrel talks in a rare unanimous statement",
        "lede": (
            "The Concord Council has issued a unanimous statement supporting the Estmark-led talks "
            "and welcoming the prisoner exchanges and the Varnhold repairs, its first agreed text "
            "on the war in over a year."
        ),
        "body": (
            "The short statement does not assign blame for the war. Calvenne's envoy said it was "
            "“a small step, but in the right direction”; Halvardy's envoy said it showed that "
            "“dialogue works”."
        ),
        "tags": ["Diplomacy"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 6, "how": "citing", "path": "/2026/11/council-unanimous-statement"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Thaw brings rain and deep mud to the front after days of snow",
        "lede": (
            "A rapid thaw has turned snow into rain across the east, flooding trenches and turning "
            "roads into mud, soldiers and the weather service said, as temperatures climbed above "
            "freezing."
        ),
        "body": (
            "Temperatures rose to 7C in Ostrel. The weather service said another cold spell was "
            "likely next week. Repair crews in Tolbrenn said wet snow sliding from roofs had "
            "damaged several overhead cables."
        ),
        "tags": ["Weather"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Aubrel talks enter a drafting phase on the ceasefire framework",
        "lede": (
            "Delegations in Aubrel have begun line-by-line work on the draft ceasefire framework, "
            "a sign that both governments have agreed to negotiate on the basis of Estmark's text, "
            "diplomats said."
        ),
        "body": (
            "The delegations are still in separate rooms, but legal experts from each side have "
            "met face to face for the first time, according to Estmark officials. The meetings are "
            "chaired by an Estmark judge."
        ),
        "tags": ["Ceasefire talks"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "The sticking points: line of contact, monitors and sanctions relief",
        "lede": (
            "Diplomats in Aubrel say three issues are holding up the ceasefire framework: how to "
            "define the line of contact, who the monitors will be, and whether sanctions relief is "
            "mentioned at all."
        ),
        "body": (
            "- **Line of contact**: the sides disagree over several villages in the delta and near "
            "Tessary, where control has changed recently.\n"
            "- **Monitors**: Halvardy wants to veto observers from Meridian countries; Calvenne "
            "wants a strong mission with freedom of movement.\n"
            "- **Sanctions**: Halvardy wants a reference to relief; the Meridian Union, which is "
            "not party to the talks, says that is not for Aubrel to decide.\n\n"
            "One diplomat said the first issue was “technical and solvable”, the second “political "
            "but solvable”, and the third “the hardest”."
        ),
        "tags": ["Ceasefire talks", "Sanctions"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Ostrel has its quietest night in weeks, residents tell Radio Ostrel",
        "lede": (
            "Ostrel residents reported their quietest night in weeks, with no air raid alert "
            "between midnight and dawn for the first time this month, Radio Ostrel said in its "
            "morning programme."
        ),
        "body": (
            "Officials cautioned against reading too much into a single night. The city's military "
            "administration said people should continue to use shelters whenever alerts sound. "
            "Shelling was reported in Tolbrenn later in the morning."
        ),
        "tags": ["Front line"],
        "authors": ["maren-achterberg"],
        "sources": [
            {"outlet": 7, "how": "as quoted by", "path": "/2026/11/quietest-night"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Tolbrenn's power station returns to full capacity after repairs",
        "lede": (
            "The third and last unit at the Tolbrenn thermal power station is back in operation "
            "after parts arrived from abroad, Calvenne National Grid said, ending scheduled "
            "outages in the city."
        ),
        "body": (
            "Hedda Lorne said the unit had been repaired in 24 days, faster than engineers "
            "initially expected. She warned that the plant remained vulnerable and that outages "
            "could return after any new attack."
        ),
        "tags": ["Energy"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "First Concord aid convoy allowed into the occupied Ormund Valley",
        "lede": (
            "Halvardy has allowed a Concord aid convoy of 25 trucks into the occupied Ormund "
            "Valley, the Concord's humanitarian office said, the first since the tribunal's order "
            "and the first in more than a year."
        ),
        "body": (
            "The convoy crossed the front line near the Varnhold reservoir, using the same route "
            "as the repair teams. Teodor Annslie said it was carrying food, medicines and water "
            "treatment chemicals.\n\n"
            "Halvardy's foreign ministry said it had allowed the convoy “on humanitarian grounds”, "
            "not because of the court ruling."
        ),
        "tags": ["Humanitarian", "Courts"],
        "authors": ["felix-oduya"],
        "sources": [
            {"outlet": 6, "how": "reported by", "path": "/2026/11/first-ormund-convoy"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Fact check: no, monitors from Halvardy's allies have not been agreed",
        "lede": (
            "Posts claim the Aubrel negotiators have agreed that ceasefire monitors will come only "
            "from countries friendly to Halvardy. Both delegations and Estmark say the issue is "
            "unresolved."
        ),
        "body": (
            "The posts cite a “source in the Estmark foreign ministry” but give no other detail. "
            "Estmark's spokesperson said no decisions had been taken on the composition of any "
            "mission. **Verdict: false.**"
        ),
        "tags": ["Fact check", "Ceasefire talks"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "SVX-40 index hits a six-month high on ceasefire hopes",
        "lede": (
            "The Sorvanne Stock Exchange's main index reached its highest level in six months as "
            "investors bet on a ceasefire, with construction and energy shares leading the gains."
        ),
        "body": (
            "The SVX-40 rose 2.4%. Analysts warned that much of the good news was already priced "
            "in and that any setback in Aubrel could bring sharp falls. Trading volumes were the "
            "highest in a year."
        ),
        "tags": ["Markets"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Concord convoy finds shortages of insulin and clean water in the Ormund Valley"
        ),
        "lede": (
            "Concord staff who travelled with the first aid convoy into the Ormund Valley reported "
            "severe shortages of insulin, antibiotics and clean water in the towns they visited, "
            "the humanitarian office said."
        ),
        "body": (
            "Staff visited three towns and a hospital. Teodor Annslie said the hospital had been "
            "operating without reliable water for months and that some patients with chronic "
            "illnesses had gone without medicine.\n\n"
            "The Concord said it would request regular access. Halvardy's installed administrator, "
            "Anton Seyfried, said the needs were “being exaggerated for political purposes”."
        ),
        "tags": ["Humanitarian"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Calvenne files its first compliance report with the Concord Tribunal",
        "lede": (
            "Calvenne has submitted a report to the Concord Tribunal on its compliance with the "
            "provisional measures, saying it had not attacked civilian water or power facilities "
            "and had helped the aid convoy cross."
        ),
        "body": (
            "Halvardy has also been asked to report within one month. Its foreign ministry said it "
            "would “study the procedural question”. Lawyers for Calvenne said the report would be "
            "published once the court had circulated it to the parties."
        ),
        "tags": ["Courts"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Shelling kills four in Tolbrenn as talks continue in Aubrel",
        "lede": (
            "Four people were killed and 11 injured when shells hit a residential area of "
            "Tolbrenn, the city's military administration said, the deadliest attack in the city "
            "in several weeks."
        ),
        "body": (
            "The victims included a 12-year-old boy. Rescue workers searched through the rubble of "
            "a two-storey house for several hours.\n\n"
            "Calvenne's foreign ministry called the attack “an insult to the negotiating table”."
        ),
        "tags": ["Casualties", "Front line"],
        "authors": ["maren-achterberg"],
        "sources": [
            {"outlet": 1, "how": "reported by", "path": "/2026/11/tolbrenn-four-killed"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Calvenne stays away from Aubrel sessions for a day after the Tolbrenn attack",
        "lede": (
            "Calvenne's delegation did not attend sessions in Aubrel for a day in protest at the "
            "deadly shelling of Tolbrenn, but said it was not leaving the talks, chief negotiator "
            "Renata Skell said."
        ),
        "body": (
            "Skell said the suspension was “a signal, not a rupture”. Estmark said it regretted "
            "the loss of life and hoped work would resume quickly. Halvardy's delegation said it "
            "was ready to continue."
        ),
        "tags": ["Ceasefire talks"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Halvardian oil export volumes fall again as tanker bans take effect",
        "lede": (
            "Halvardy's seaborne oil exports fell for a third week as Meridian tanker bans took "
            "effect, according to shipping data cited by the Stavroth Courier, which said the "
            "finance ministry was reviewing the budget."
        ),
        "body": (
            "The paper said several tankers had been idle at anchor while their owners looked for "
            "new flags and insurers. Analysts expect part of the lost volume to return within two "
            "months as ships are re-registered."
        ),
        "tags": ["Sanctions", "Markets"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 3, "how": "citing", "path": "/2026/11/oil-volumes-fall-again"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Storm in the Gannet Sea halts shipping at Vell for two days",
        "lede": (
            "A winter storm in the Gannet Sea forced the port of Vell to halt ship movements for "
            "two days, with waves of up to six metres at the harbour entrance, the port authority "
            "said."
        ),
        "body": (
            "Fourteen ships waited at anchor or in port. The Vell Morning Post said the port "
            "expected a backlog of loadings once the weather improved, and that crane crews had "
            "been put on standby."
        ),
        "tags": ["Weather", "Grain exports"],
        "authors": ["sunniva-rask"],
        "sources": [
            {"outlet": 2, "how": "according to", "path": "/2026/11/storm-halts-shipping"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Lorvania extends temporary protection for Calvennese refugees by a year",
        "lede": (
            "Lorvania's government has extended temporary protection for people who fled Calvenne "
            "by another year, allowing them to work, study and use public health services, "
            "Lorvanian Public Radio reported."
        ),
        "body": (
            "About 310,000 Calvennese citizens are registered under the scheme. Officials said the "
            "extension was not linked to the talks and would apply whatever happened in Aubrel. "
            "About a quarter of adults registered under the scheme are now in work."
        ),
        "tags": ["Refugees"],
        "authors": ["felix-oduya"],
        "sources": [
            {"outlet": 9, "how": "reported by", "path": "/2026/11/protection-extended"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Talks resume in Aubrel and agree an outline for a monitoring mission",
        "lede": (
            "After a one-day pause, the delegations in Aubrel agreed an outline for a Concord "
            "monitoring mission to oversee any ceasefire, Estmark said, resolving one of the main "
            "obstacles to a deal."
        ),
        "body": (
            "Under the outline, the mission would be drawn from countries acceptable to both "
            "sides, with Estmark holding a coordinating role. Diplomats said the compromise "
            "allowed each side to object to individual countries but not to block the mission as a "
            "whole."
        ),
        "tags": ["Ceasefire talks"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 5, "how": "according to", "path": "/2026/11/monitoring-outline-agreed"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Who would monitor a ceasefire? The proposed Concord mission in brief",
        "lede": (
            "The outline agreed in Aubrel envisages up to 400 unarmed Concord monitors along the "
            "front line. Here is how the mission is expected to work, based on accounts from "
            "diplomats."
        ),
        "body": (
            "- **Size**: up to 400 monitors, with about 150 deployed in the first two weeks.\n"
            "- **Bases**: in Ostrel, Harnveld and Lunmouth on the Calvennese side, and in two "
            "towns on the Halvardian side.\n"
            "- **Tools**: patrols, drones, and satellite imagery shared by Concord members.\n"
            "- **Reporting**: daily reports to the two sides and weekly public summaries.\n"
            "- **Mandate**: monitor and report, not enforce.\n\n"
            "The mission would need approval from the Concord Council, where it would require the "
            "support of Halvardy and of the Meridian Union's allies alike."
        ),
        "tags": ["Diplomacy", "Ceasefire talks"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "At the front near Drellin, soldiers listen to news of the talks with caution",
        "lede": (
            "In a dugout a few kilometres from the Averre, Calvennese soldiers follow news from "
            "Aubrel on a crackling radio. Most say they want the war to end, but few believe a "
            "signature alone will end it."
        ),
        "body": (
            "The dugout is cut into the side of a ravine, roofed with logs and earth. A small iron "
            "stove keeps the temperature just above freezing. Five soldiers of a mortar crew share "
            "the space with boxes of ammunition, a kettle and a radio tuned to the national "
            "news.\n\n"
            "When the newsreader mentions Aubrel, the conversation stops.\n\n"
            "“Everyone listens,” said the crew's commander, a former history teacher who goes by "
            "the call sign Professor. “And afterwards everyone argues.”\n\n"
            "Professor, 44, has been at the front for more than two years. He says he supports the "
            "talks but worries about a ceasefire along the current line. “I have read about wars "
            "that stopped and never really ended,” he said. “Borders drawn by exhaustion. I don't "
            "want my son to be sitting in this trench in ten years.”\n\n"
            "The youngest in the crew, a 23-year-old former courier nicknamed Lynx, is more blunt. "
            "“If they stop shooting, I'll believe it. Until then, it is radio.”\n\n"
            "The soldiers described the past month as one of the hardest: mud, then flood, then "
            "snow. Two men from the neighbouring position were killed by a drone a week ago. "
            "Supplies have improved since the pontoon at Marrin Ford was rebuilt, they said, but "
            "rotations are rare.\n\n"
            "Their views on the negotiations vary. One, who asked not to be named, said he would "
            "accept a ceasefire if it meant the prisoners came home — his brother was captured "
            "near Tessary and was not among those exchanged. Another said he feared a pause would "
            "only give Halvardy time to rebuild its forces.\n\n"
            "All agreed on one thing: any truce would need outsiders to watch it. “Someone has to "
            "see who fires first,” Professor said. “Otherwise each side will say it was the other, "
            "and we'll be back to this.”\n\n"
            "As darkness falls, the crew receives coordinates over the radio. Within minutes they "
            "are outside, working the mortar in the snow. The news can wait.\n\n"
            "Lynx keeps a list on his phone of things he will do when it ends: see the sea at "
            "Vell, sleep for a whole day, learn to cook properly. Professor says his list is "
            "shorter. “Go home,” he says.\n\n"
            "Twenty minutes later they are back by the stove, boots steaming. Lynx turns the radio "
            "up again. There is nothing new from Aubrel."
        ),
        "tags": ["Front line", "Ceasefire talks"],
        "authors": ["maren-achterberg"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Meridian-funded transformers arrive in Vell for eastern substations",
        "lede": (
            "The first 12 high-voltage transformers funded by the Meridian Union have arrived by "
            "ship in Vell, Calvenne National Grid said, and will be taken by rail to substations "
            "in Tolbrenn and Ostrel."
        ),
        "body": (
            "Each transformer weighs more than 200 tonnes and needs a special rail wagon. The "
            "operator said installation would take about three weeks per site. The exact locations "
            "will not be disclosed for security reasons."
        ),
        "tags": ["Energy"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 2, "how": "reported by", "path": "/2026/11/transformers-arrive"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Ostrel water supply fully restored to all districts after pumping station repairs"
        ),
        "lede": (
            "Running water has been restored to all of Ostrel's east bank districts after "
            "engineers completed repairs to the main pumping station, the city's water utility "
            "said."
        ),
        "body": (
            "Full repairs took 13 days, in part because work had to stop during shelling; some "
            "districts had water again after the first week. The utility said the water was safe "
            "to drink but advised residents to run taps for several minutes first."
        ),
        "tags": ["Humanitarian"],
        "authors": ["sunniva-rask"],
        "sources": [
            {"outlet": 7, "how": "citing", "path": "/2026/11/water-fully-restored"},
        ],
        "breaking": False,
        "correction": (
            "An earlier version of this update said the pumping station was repaired in four days; "
            "full repairs took 13 days."
        ),
    },
    {
        "headline": "New national registry lets families search for missing relatives",
        "lede": (
            "Calvenne has launched a national registry of missing persons where families can "
            "record details of missing relatives and receive updates, combining data from the "
            "military, police and the Red Lantern Society."
        ),
        "body": (
            "Ombudsman Mira Tallis said more than 14,000 people were listed as missing, including "
            "soldiers and civilians. Families can register online or at regional centres. The "
            "registry will be used in future exchanges and in identifying remains."
        ),
        "tags": ["Prisoners", "Humanitarian"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Vell clears its storm backlog with a record day of grain loadings",
        "lede": (
            "Vell loaded a record number of grain ships in a single day as the port worked through "
            "the backlog left by the Gannet Sea storm, the port authority said on its daily "
            "bulletin."
        ),
        "body": (
            "Eleven vessels loaded about 410,000 tonnes in 24 hours, according to figures cited by "
            "the Grainmarket Bulletin. The port authority said extra crane crews had worked "
            "overnight to clear the queue."
        ),
        "tags": ["Grain exports"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 8, "how": "citing", "path": "/2026/11/vell-record-loading-day"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Calvenne and Halvardy agree a ceasefire framework “in principle”, Estmark says"
        ),
        "lede": (
            "Calvenne and Halvardy have agreed in principle on a framework for a ceasefire along "
            "the whole front line, Estmark's foreign minister Lucien Arbel announced in Aubrel. "
            "Final details are still being worked out."
        ),
        "body": (
            "Arbel said the agreement covered a halt in fighting, a Concord monitoring mission, "
            "the exchange of all prisoners and the start of political talks within 60 days. A "
            "signing ceremony could take place within days.\n\n"
            "Both delegations confirmed the agreement but cautioned that it was not yet in force. "
            "Fighting continues along the front."
        ),
        "tags": ["Ceasefire talks"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 5, "how": "reported by", "path": "/2026/11/framework-agreed-in-principle"},
            {"outlet": 6, "how": "citing", "path": "/2026/11/aubrel-framework-announcement"},
        ],
        "breaking": True,
        "correction": "",
    },
    {
        "headline": "The ceasefire framework in ten points, as described by Estmark",
        "lede": (
            "Estmark has released a summary of the framework agreed in Aubrel. Here are its main "
            "points, in brief. The full text will be published after it is signed, officials said."
        ),
        "body": (
            "1. A full ceasefire on land, at sea and in the air.\n"
            "2. The ceasefire takes effect at midnight on the day after signing.\n"
            "3. Heavy weapons withdrawn at least 15 km from the line within 14 days.\n"
            "4. A Concord monitoring mission of up to 400 people.\n"
            "5. A joint military coordination centre.\n"
            "6. An all-for-all prisoner exchange within 30 days.\n"
            "7. Release of detained civilians.\n"
            "8. Humanitarian access to all affected areas, including the Ormund Valley.\n"
            "9. A permanent protection zone around Varnhold.\n"
            "10. Political talks to begin within 60 days.\n\n"
            "The summary does not mention territory or sanctions."
        ),
        "tags": ["Ceasefire talks"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Capitals welcome the ceasefire framework, with caution",
        "lede": (
            "Governments across the region welcomed the agreement in principle, while stressing "
            "that implementation would be the real test, Continental Wire reported in a round-up "
            "of reactions."
        ),
        "body": (
            "- **Meridian Union**: Ines Valcourt called it “a first step” and said sanctions would "
            "remain until a lasting settlement.\n"
            "- **Lorvania**: Prime Minister Edvard Solane said his country was ready to help "
            "refugees return “when conditions allow”.\n"
            "- **Concord of Nations**: Secretary-General Amara Quist said the Concord was ready to "
            "deploy monitors quickly.\n"
            "- **Halvardy**: Chancellor Erland Vost said the agreement “takes account of "
            "realities”.\n"
            "- **Calvenne**: President Ilsa Marrend said she would address the nation in the "
            "evening."
        ),
        "tags": ["Diplomacy"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 6, "how": "reported by", "path": "/2026/11/capitals-react-framework"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Fighting continues in the first hours after the framework announcement",
        "lede": (
            "Artillery exchanges continued along much of the front after the framework was "
            "announced, with shelling reported near Tessary and Lunmouth, Calvenne's General Staff "
            "said."
        ),
        "body": (
            "Colonel Aurel Stane said troops would continue to defend their positions until the "
            "ceasefire came into force, and that commanders expected attempts to seize ground "
            "before the deadline. Halvardy's defence ministry made no comment."
        ),
        "tags": ["Front line"],
        "authors": ["maren-achterberg"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Sorvanne stocks and the calven jump on news of the framework agreement",
        "lede": (
            "Sorvanne shares surged and the calven gained more than 2% after the ceasefire "
            "framework was announced, with construction and bank stocks rising the most, the "
            "Sorvanne Ledger reported."
        ),
        "body": (
            "The SVX-40 index closed 5.6% higher, its biggest one-day gain since the war began. "
            "Calvennese government bond yields fell sharply, and the price of insuring the "
            "country's debt against default dropped to a two-year low."
        ),
        "tags": ["Markets"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 1, "how": "reported by", "path": "/2026/11/markets-jump-framework"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Fact check: the ceasefire is not yet in force, despite messages saying so",
        "lede": (
            "Messages circulating in Calvenne and Halvardy say the ceasefire has already begun and "
            "it is safe to travel to the front line. It has not, and officials on both sides urge "
            "people to follow safety warnings."
        ),
        "body": (
            "The framework has been agreed in principle but not signed. Under its terms, the "
            "ceasefire would take effect at midnight on the day after signing.\n\n"
            "The State Emergency Service said residents of frontline areas should continue to use "
            "shelters. **Verdict: false.**"
        ),
        "tags": ["Fact check", "Ceasefire talks"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Aid agencies prepare to scale up operations if the ceasefire holds",
        "lede": (
            "Concord agencies and the Red Lantern Society say they are preparing to expand "
            "deliveries of food, shelter materials and medical supplies to frontline areas once a "
            "ceasefire takes effect."
        ),
        "body": (
            "Teodor Annslie said the first priority would be to reach villages along the Averre "
            "that have been cut off for months, and to clear unexploded ordnance from roads. He "
            "appealed to donors to close a funding gap of about 40%."
        ),
        "tags": ["Humanitarian"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Meridian Union says sanctions will stay until the ceasefire is fully implemented"
        ),
        "lede": (
            "The Meridian Union will keep all sanctions on Halvardy in place until the ceasefire "
            "framework is fully implemented and a political settlement is reached, Ines Valcourt "
            "said."
        ),
        "body": (
            "Valcourt said the bloc would review the situation “in light of facts, not promises”. "
            "Halvardian officials have said sanctions relief should follow any ceasefire, and the "
            "Stavroth government has called the bloc's position “an obstacle to peace”."
        ),
        "tags": ["Sanctions"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Ceasefire framework to be signed in Aubrel this evening",
        "lede": (
            "The chief negotiators of Calvenne and Halvardy will sign the ceasefire framework in "
            "Aubrel this evening, Estmark said, with the ceasefire taking effect at midnight the "
            "following day."
        ),
        "body": (
            "Foreign ministers of both countries will attend. Lucien Arbel said the text had been "
            "finalised overnight after a last dispute over the wording on humanitarian access to "
            "the Ormund Valley.\n\n"
            "The text will be published on the Estmark foreign ministry's website after signing."
        ),
        "tags": ["Ceasefire talks"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 5, "how": "according to", "path": "/2026/11/signing-this-evening"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Heavy shelling along the front in the final hours before the truce",
        "lede": (
            "Both sides stepped up artillery fire along much of the front ahead of the ceasefire, "
            "officials said, with Ostrel, Tolbrenn and Lunmouth among the areas hit and at least "
            "five civilians reported killed."
        ),
        "body": (
            "Regional officials said three people were killed in Lunmouth and two in Tolbrenn. "
            "Radio Ostrel reported damage to a school and several apartment blocks.\n\n"
            "Halvardy's defence ministry said its forces were responding to Calvennese fire. "
            "Military analysts said both armies were likely trying to improve their positions "
            "before the line of contact was fixed."
        ),
        "tags": ["Front line", "Casualties"],
        "authors": ["maren-achterberg"],
        "sources": [
            {"outlet": 7, "how": "reported by", "path": "/2026/11/final-hours-shelling"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Is it safe to go home? Refugees weigh the ceasefire with caution",
        "lede": (
            "In Sarrow and Dorvallen, refugees from the east are discussing whether the ceasefire "
            "means they can go home. Most say they will wait to see if it holds, and whether "
            "heating and water are restored."
        ),
        "body": (
            "“We have heard about truces before,” a mother of two from Ostrel told Lorvanian "
            "Public Radio. “I will go back when the school is open, not when the politicians "
            "sign.”\n\n"
            "Lorvanian officials said they did not expect large-scale returns before spring. "
            "Calvennese authorities have asked people not to return to frontline areas until mine "
            "clearance has been carried out."
        ),
        "tags": ["Refugees"],
        "authors": ["felix-oduya"],
        "sources": [
            {"outlet": 9, "how": "as quoted by", "path": "/2026/11/refugees-weigh-return"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Grid operator drafts plans to reconnect frontline towns if the truce holds",
        "lede": (
            "Calvenne National Grid has drawn up plans to reconnect towns along the Averre that "
            "have been without grid power for months, starting with Tessary and villages near "
            "Marrin Ford, if the ceasefire holds."
        ),
        "body": (
            "Hedda Lorne said the first step would be to clear mines from around power line "
            "corridors, which could take weeks. She said the operator also needed access to "
            "substations close to the line of contact."
        ),
        "tags": ["Energy"],
        "authors": ["priya-castellane"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Clear, cold weather forecast for ceasefire night across the east",
        "lede": (
            "Clear skies and temperatures down to minus 7C are forecast for the night the "
            "ceasefire takes effect, the weather service said, warning of ice on roads across the "
            "east."
        ),
        "body": (
            "Good visibility will help monitors and both militaries see any violations, officials "
            "said. The weather service expects snow to return later in the week, with strong winds "
            "along the coast near Vell."
        ),
        "tags": ["Weather"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Calvenne's parliament to debate the framework; Halvardy's to vote quickly",
        "lede": (
            "Calvenne's parliament will hold a special debate on the ceasefire framework next "
            "week, the speaker said, while Halvardy's legislature is expected to approve the deal "
            "within days, the Stavroth Courier reported."
        ),
        "body": (
            "President Marrend has said the framework does not require ratification because it is "
            "not a final peace treaty, but that she wanted parliament to debate it openly. Several "
            "opposition parties have said they will demand guarantees on the political talks."
        ),
        "tags": ["Diplomacy"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 3, "how": "reported by", "path": "/2026/11/parliaments-framework"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Tribunal case against Halvardy will continue despite the ceasefire, lawyers say"
        ),
        "lede": (
            "Calvenne's case against Halvardy at the Concord Tribunal will continue regardless of "
            "the ceasefire, lawyers for Calvenne said, and both sides remain bound by the court's "
            "provisional measures."
        ),
        "body": (
            "Prosecutor General Gerold Wendt said domestic investigations into war crimes would "
            "also continue. “A ceasefire is not an amnesty,” he said. His office has opened more "
            "than 900 cases related to the past month alone."
        ),
        "tags": ["Courts"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Ceasefire framework signed in Aubrel by the two chief negotiators",
        "lede": (
            "Renata Skell and Matthis Korr signed the ceasefire framework in Aubrel in a short "
            "ceremony hosted by Estmark, without shaking hands. The ceasefire takes effect at "
            "midnight tomorrow."
        ),
        "body": (
            "The two delegations sat at opposite ends of a long table. Lucien Arbel signed as a "
            "witness. Neither negotiator spoke after the ceremony.\n\n"
            "Concord Secretary-General Amara Quist, attending by video, said monitors would begin "
            "arriving in the region within 24 hours."
        ),
        "tags": ["Ceasefire talks", "Diplomacy"],
        "authors": ["tobias-ekwueme-lund"],
        "sources": [
            {"outlet": 5, "how": "reported by", "path": "/2026/11/framework-signed"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Ceasefire takes effect and guns fall quiet along most of the Averre",
        "lede": (
            "The ceasefire between Calvenne and Halvardy took effect at midnight, and officials on "
            "both sides reported that shelling had largely stopped along the front within the "
            "first hour."
        ),
        "body": (
            "Our correspondent in Ostrel reported that the last explosions were heard about 15 "
            "minutes before midnight. Calvenne's General Staff said a few isolated incidents had "
            "been recorded near Tessary and in the delta in the first hours.\n\n"
            "Colonel Aurel Stane said units had orders to hold fire unless attacked. Halvardy's "
            "defence ministry said its troops were “complying fully”."
        ),
        "tags": ["Front line", "Ceasefire talks"],
        "authors": ["maren-achterberg"],
        "sources": [
            {"outlet": 6, "how": "reported by", "path": "/2026/11/ceasefire-takes-effect"},
            {"outlet": 7, "how": "according to", "path": "/2026/11/first-quiet-hour"},
        ],
        "breaking": True,
        "correction": "",
    },
    {
        "headline": "Fact check: what we know about reported violations in the first hours",
        "lede": (
            "Both sides have accused each other of breaking the ceasefire in its first hours. Here "
            "is what we could confirm, what we could not, and which widely shared claims turned "
            "out to be false."
        ),
        "body": (
            "- **Near Tessary**: Calvenne says Halvardian mortars fired at 1:40 a.m. Halvardy says "
            "Calvennese troops fired first. We could not verify either account.\n"
            "- **In the delta**: videos show tracer fire near Orrisham; we confirmed the location "
            "but not the time.\n"
            "- **Ostrel**: claims on social media of a missile strike after midnight are false; "
            "the footage was filmed earlier in the week.\n\n"
            "The Concord monitoring mission is not yet deployed and could not confirm any "
            "incidents. We will update this post."
        ),
        "tags": ["Fact check", "Front line"],
        "authors": ["sunniva-rask"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "First Concord monitors arrive in Ostrel to set up the mission's base",
        "lede": (
            "An advance team of 24 Concord monitors arrived in Ostrel, where the mission will set "
            "up its first base, the Concord said. More are expected in Harnveld and Lunmouth "
            "within days."
        ),
        "body": (
            "The monitors, in white vehicles, were greeted by Mayor Jonah Krell. The team's leader "
            "said the first task would be to establish contact with commanders on both sides and "
            "agree procedures for reporting violations."
        ),
        "tags": ["Ceasefire talks"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "All-for-all prisoner exchange to begin within two weeks, coordinators say",
        "lede": (
            "Calvenne's prisoner coordination bureau says the first stage of the all-for-all "
            "exchange under the ceasefire framework will take place within two weeks, starting "
            "with the wounded and civilians."
        ),
        "body": (
            "Yara Benning said Calvenne believed Halvardy held more than 3,000 Calvennese "
            "prisoners of war and at least 1,200 civilians. Halvardy has not published its "
            "figures. Verifying lists will be one of the main tasks of the Red Lantern Society."
        ),
        "tags": ["Prisoners"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Vell expects more ships as the ceasefire lowers risks in the Gannet Sea",
        "lede": (
            "The port of Vell expects more ships in the coming weeks as the ceasefire reduces the "
            "risk to shipping, the port authority said, according to the Vell Morning Post."
        ),
        "body": (
            "Shipbrokers said some owners who had avoided the corridor were asking about cargoes "
            "for next month. Insurers said premiums could fall further if the ceasefire holds for "
            "several weeks. Barge traffic on the Averre is not expected to resume soon."
        ),
        "tags": ["Grain exports"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 2, "how": "according to", "path": "/2026/11/vell-expects-more-ships"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "Calven rises to its strongest level since the start of the winter attacks",
        "lede": (
            "The calven rose to its strongest level against the merid in months on the first day "
            "of the ceasefire, the Sorvanne Ledger reported, as foreign investors returned to the "
            "government bond market."
        ),
        "body": (
            "Governor Anselm Rook said the National Bank would watch the currency closely to avoid "
            "moves that were too rapid for exporters, who have complained that a strong calven "
            "makes their grain less competitive."
        ),
        "tags": ["Markets"],
        "authors": ["priya-castellane"],
        "sources": [
            {"outlet": 1, "how": "citing", "path": "/2026/11/calven-strongest"},
        ],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": (
            "Ombudsman publishes a preliminary civilian toll for the month before the truce"
        ),
        "lede": (
            "Calvenne's ombudsman, Mira Tallis, said at least 78 civilians were killed and 301 "
            "injured by attacks over the past 30 days, in preliminary figures published on the "
            "first day of the ceasefire."
        ),
        "body": (
            "Tallis said the figures would be revised as access to frontline areas improved. The "
            "Concord monitoring office said it had individually confirmed 52 civilian deaths in "
            "the same period and was verifying further reports.\n\n"
            "Both figures are likely to be undercounts, officials said."
        ),
        "tags": ["Casualties"],
        "authors": ["felix-oduya"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "In Ostrel, the first night without sirens in months",
        "lede": (
            "For the first time in months, Ostrel went through a whole night without an air raid "
            "alert. Residents walked by the river, a bakery stayed open late, and many still slept "
            "in the metro."
        ),
        "body": (
            "At Harbour Street metro station, the platforms were half-empty by 10 p.m. Halina, the "
            "retired bookkeeper who has slept here for weeks, was still there, on the same camping "
            "mat, with the same flask of tea.\n\n"
            "“I am not superstitious,” she said. “But I want one more night to be sure.”\n\n"
            "Above ground, the city felt different. Street lights were on for the first time in "
            "weeks, though dimmed. On the embankment along the Averre, which had been almost empty "
            "since the autumn, couples walked slowly in the cold. A few people stood at the "
            "railing and looked across the river at the dark east bank, where Halvardian positions "
            "are about two kilometres away.\n\n"
            "The bakery that was shelled on the day talks opened in Aubrel has reopened. Its owner "
            "kept it open until midnight, handing out free bread rolls. “People were coming in "
            "just to talk,” he said.\n\n"
            "Not everyone felt like celebrating. In the Saltyard district, a woman whose son was "
            "killed near Marrin Ford in the autumn said the silence was “unbearable in a different "
            "way”. Others worried that the ceasefire would collapse, or that it would hold and "
            "become a permanent line.\n\n"
            "The city's military administration urged caution. Unexploded munitions remain in many "
            "areas, and officials asked people not to go near the river bank or into damaged "
            "buildings. Schools will stay in shelters for now.\n\n"
            "At a warming point in a school gym, volunteers who had spent the autumn handing out "
            "tea to people fleeing the shelling found themselves with little to do. One played "
            "chess with a teenager. Another said she had forgotten what an evening without a plan "
            "looked like.\n\n"
            "At midnight, a full day after the ceasefire took effect, a small crowd gathered in "
            "Cathedral Square. There were no speeches. Someone played an accordion. Someone else "
            "said quietly that it was too early.\n\n"
            "Mayor Jonah Krell said the city would begin repairs to damaged housing as soon as the "
            "monitors confirmed the ceasefire was stable. “Today we count the hours,” he said. "
            "“Next week, maybe, we count the days.”\n\n"
            "Back at Harbour Street, just after 2 a.m., the station was silent except for snoring "
            "and the hum of the generator. Admiral the cat slept on a crate by the ticket barrier. "
            "For once, nobody checked their phone."
        ),
        "tags": ["Front line", "Humanitarian"],
        "authors": ["maren-achterberg"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
    {
        "headline": "What to watch in the first week of the ceasefire",
        "lede": (
            "The guns are mostly quiet, but the framework signed in Aubrel sets a series of "
            "deadlines. Here are the dates and tests our live desk will be following closely over "
            "the coming days."
        ),
        "body": (
            "- **Monitors**: whether the Concord mission reaches its first 150 observers within "
            "two weeks, and whether they can move freely on both sides of the line.\n"
            "- **Heavy weapons**: the 14-day deadline to pull artillery back at least 15 "
            "kilometres.\n"
            "- **Prisoners**: the first stage of the all-for-all exchange, and whether the lists "
            "match.\n"
            "- **Humanitarian access**: regular convoys into the Ormund Valley and to villages "
            "along the Averre.\n"
            "- **Varnhold**: whether the protection zone holds and a second power line can be "
            "repaired.\n"
            "- **Politics**: the debate in Calvenne's parliament and the vote in Halvardy's.\n\n"
            "We will keep attributing every claim of a violation to its source until the monitors "
            "can confirm or rule it out. Tips and corrections are welcome at [our contact "
            "page](https://newsdesk.example/contact)."
        ),
        "tags": ["Ceasefire talks", "Diplomacy"],
        "authors": ["sunniva-rask", "tobias-ekwueme-lund"],
        "sources": [],
        "breaking": False,
        "correction": "",
    },
]

# Work in progress on the desk: a draft and an update waiting for an editor.
DESK_WORK: list[dict[str, object]] = [
    {
        "headline": "Ostrel water board says pumping station two is back on the grid",
        "lede": "Engineers restored power to the station overnight; pressure in the "
        "eastern districts should return by midday, the board said.",
        "body": "The board's duty engineer said the station ran on generators for eleven "
        "days.\n\nResidents of the eastern districts are asked to keep boiling water "
        "until the board confirms that tests are clear.",
        "tags": ["Energy", "Humanitarian"],
        "authors": ["felix-oduya"],
        "sources": [
            {"outlet": 7, "path": "/ostrel/water-board-station-two", "how": "according to"}
        ],
        "status": "review",
    },
    {
        "headline": "Concord monitors to publish their first weekly report on Friday",
        "lede": "The mission's spokesperson said the report will list every incident "
        "the monitors verified along the line of contact.",
        "body": "Draft: confirm the time of the briefing with the mission's press office.",
        "tags": ["Ceasefire talks"],
        "authors": ["maren-achterberg"],
        "sources": [],
        "status": "draft",
    },
]
