"""Fill a fresh local Ghost 5 site with the fixture content through the Admin API,
then write the export (GET /ghost/api/admin/db/, the same JSON as Labs -> Export).

Usage: python populate.py IMAGE_DIR OUT_JSON INVITE_TOKEN_CMD
Ghost must be running at http://127.0.0.1:2368 on an empty database.
INVITE_TOKEN_CMD is a shell command printing the raw invites.token for an email
given as its one argument (invites are accepted with that token, as the invite
email's link would do).
"""
import json
import subprocess
import sys

import requests

BASE = "http://127.0.0.1:2368"
API = BASE + "/ghost/api/admin"
ORIGIN = {"Origin": BASE, "Accept-Version": "v5.0"}
PASSWORD = "Tide-gauge-north-pier-7391"

img_dir, out_json, token_cmd = sys.argv[1], sys.argv[2], sys.argv[3]
s = requests.Session()
s.headers.update(ORIGIN)


def call(method, path, **kw):
    r = s.request(method, API + path, **kw)
    if r.status_code >= 400:
        raise SystemExit(f"{method} {path}: {r.status_code} {r.text}")
    if "json" in r.headers.get("Content-Type", ""):
        return r.json()
    return None


# Owner and site title.
if not call("GET", "/authentication/setup/")["setup"][0]["status"]:
  call("POST", "/authentication/setup/", json={"setup": [{
    "name": "Mara Elling", "email": "mara.elling@example.com",
    "password": PASSWORD, "blogTitle": "Harbour Courier"}]})
call("POST", "/session/", json={"username": "mara.elling@example.com", "password": PASSWORD})
owner = call("GET", "/users/me/")["users"][0]

# A new Ghost site starts with a sample post, page and tag; remove them so the
# export holds only the fixture content below.
for kind in ("posts", "pages"):
    for item in call("GET", f"/{kind}/?limit=all&filter=status:[draft,published,scheduled]")[kind]:
        call("DELETE", f"/{kind}/{item['id']}/")
for tag in call("GET", "/tags/?limit=all")["tags"]:
    call("DELETE", f"/tags/{tag['id']}/")

# Two more staff users: invite, then accept the invite with its token.
roles = {r["name"]: r["id"] for r in call("GET", "/roles/?permissions=assign")["roles"]}
staff = [("Tobias Renn", "tobias.renn@example.com", "Editor"),
         ("Ines Calloway", "ines.calloway@example.com", "Author")]
for name, email, role in staff:
    call("POST", "/invites/", json={"invites": [{"email": email, "role_id": roles[role]}]})
    raw = subprocess.check_output([token_cmd, email], text=True).strip()
    token = raw.replace("+", "-").replace("/", "_").rstrip("=")
    call("POST", "/authentication/invitation/", json={"invitation": [{
        "token": token, "email": email, "name": name, "password": PASSWORD}]})

users = {u["email"]: u for u in call("GET", "/users/?limit=all")["users"]}
bios = {
    "mara.elling@example.com": ("Mara Elling edits the Harbour Courier. She has covered "
                                "Ostrel's council and port for twelve years.", "Ostrel"),
    "tobias.renn@example.com": ("Tobias Renn is the Courier's news editor and writes about "
                                "transport, ferries and the roads out of town.", "Ostrel"),
    "ines.calloway@example.com": ("Ines Calloway reports on weather, the coast and the "
                                  "fishing fleet.", "North Quay, Ostrel"),
}
for email, (bio, location) in bios.items():
    u = users[email]
    call("PUT", f"/users/{u['id']}/", json={"users": [{"bio": bio, "location": location}]})
mara, tobias, ines = (users[e]["id"] for e in bios)

# Tags.
tag_defs = [
    {"name": "Harbour", "slug": "harbour",
     "description": "The port, the quays and the boats that use them."},
    {"name": "City Council", "slug": "city-council"},
    {"name": "Transport", "slug": "transport"},
    {"name": "Weather", "slug": "weather"},
]
for t in tag_defs:
    call("POST", "/tags/", json={"tags": [t]})


# Images.
def upload(fname, ref):
    with open(f"{img_dir}/{fname}", "rb") as fh:
        r = call("POST", "/images/upload/", files={"file": (fname, fh, "image/jpeg")},
                 data={"purpose": "image", "ref": ref})
    return r["images"][0]["url"]


harbour_img = upload("ostrel-harbour.jpg", "ostrel-harbour.jpg")
gauge_img = upload("tide-gauge.jpg", "tide-gauge.jpg")

posts = [
    {
        "title": "Council approves dredging of Ostrel's inner harbour",
        "slug": "council-approves-harbour-dredging",
        "status": "published", "published_at": "2026-11-03T08:30:00.000Z",
        "custom_excerpt": "Work on the silted inner basin starts in January and should take eleven weeks.",
        "tags": [{"slug": "harbour"}, {"slug": "city-council"}],
        "authors": [{"id": mara}],
        "feature_image": harbour_img,
        "feature_image_alt": "Drawing of Ostrel harbour at dusk with the breakwater and lighthouse",
        "feature_image_caption": "The inner basin, seen from the breakwater. Illustration: Harbour Courier",
        "html": "<p>Ostrel city council voted seven to two on Monday evening to pay for the "
                "dredging of the inner harbour, where silt has left the western berths too "
                "shallow for the larger trawlers at low tide.</p>"
                "<p>The work will start in the second week of January and is expected to last "
                "eleven weeks. Boats will be moved to the outer quay in turns.</p>"
                "<h2>What it costs</h2><p>The harbour board puts the cost at 1.4 million, of "
                "which the council pays half and the port fees the rest.</p>",
    },
    {
        "title": "Winter ferry timetable: fewer crossings to Skarra Island",
        "slug": "winter-ferry-timetable-skarra",
        "status": "published", "published_at": "2026-11-10T07:00:00.000Z",
        "tags": [{"slug": "transport"}],
        "authors": [{"id": tobias}],
        "html": "<p>The Ostrel–Skarra ferry moves to its winter timetable on 1 December, with "
                "four return crossings a day instead of seven.</p>"
                "<blockquote><p>We would rather run fewer boats we can rely on than cancel "
                "half of them on the day.</p></blockquote>"
                "<p>That was how the operator's manager, Petra Hollis, explained the cut at a "
                "meeting in the ferry terminal. The changes are:</p>"
                "<ul><li>First sailing from Ostrel at 07:15, last return from Skarra at 18:40.</li>"
                "<li>No late sailing on Fridays until March.</li>"
                "<li>Season tickets bought before December stay valid.</li></ul>"
                "<p>The summer timetable returns on 1 April.</p>",
    },
    {
        "title": "Storm warning lifted as tide gauges settle",
        "slug": "storm-warning-lifted",
        "status": "published", "published_at": "2026-11-17T16:45:00.000Z",
        "tags": [{"slug": "weather"}, {"slug": "harbour"}],
        "authors": [{"id": ines}, {"id": mara}],
        "feature_image": gauge_img,
        "feature_image_alt": "Drawing of a striped tide gauge on a wooden pier under grey clouds",
        "feature_image_caption": "The tide gauge on North Pier. Illustration: Harbour Courier",
        "html": "<p>The coastal storm warning for Ostrel was lifted on Tuesday afternoon after "
                "the tide gauge on North Pier fell back below the alert mark for the first "
                "time since Saturday.</p>"
                "<p>The promenade reopens tomorrow morning. Residents of Low Street whose "
                "cellars flooded can ask for a pump through the "
                "<a href=\"https://example.com/ostrel/flood-help\">council's flood help page</a>.</p>",
    },
    {
        "title": "Fish market reopens on Quay Street after renovation",
        "slug": "fish-market-reopens",
        "status": "published", "published_at": "2026-11-24T06:15:00.000Z",
        "tags": [{"slug": "harbour"}],
        "authors": [{"id": ines}],
        "html": "<p>Stallholders were back at the Quay Street fish market before dawn on "
                "Tuesday, six months after the hall closed for a new roof and drains.</p>"
                "<p>The market now opens at 05:30 on weekdays and 07:00 on Saturdays.</p>",
    },
    {
        "title": "What the seawall plan would cost each household",
        "slug": "seawall-plan-cost",
        "status": "draft",
        "tags": [{"slug": "city-council"}, {"slug": "weather"}],
        "authors": [{"id": tobias}],
        "html": "<p>Draft: figures from the budget hearing to be checked before publication.</p>"
                "<p>The council's engineers say raising the seawall by 60 centimetres along "
                "the promenade would cost about 9 million over ten years.</p>",
    },
    {
        "title": "Lantern walk along the promenade set for 19 December",
        "slug": "lantern-walk-promenade",
        "status": "scheduled", "published_at": "2026-12-19T17:00:00.000Z",
        "tags": [{"slug": "city-council"}],
        "authors": [{"id": mara}],
        "html": "<p>The yearly lantern walk leaves the lighthouse steps at 17:30 and ends at "
                "the bandstand, where the harbour choir will sing.</p>",
    },
]
for p in posts:
    call("POST", "/posts/?source=html", json={"posts": [p]})

call("POST", "/pages/?source=html", json={"pages": [{
    "title": "About the Harbour Courier", "slug": "about", "status": "published",
    "authors": [{"id": mara}],
    "html": "<p>The Harbour Courier is Ostrel's independent local news site. We cover the "
            "council, the port, the ferries and the weather that shapes them.</p>"
            "<p>Send news tips to the newsroom on Quay Street.</p>",
}]})

# Saved byte for byte as Ghost sent it.
r = s.get(API + "/db/")
r.raise_for_status()
json.loads(r.content)
with open(out_json, "wb") as fh:
    fh.write(r.content)
print("exported to", out_json)
