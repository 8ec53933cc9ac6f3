<?php
// php content.php IMAGEDIR — writes the Harbour Courier's users, terms, posts,
// attachments, a page and a comment. All text is written for this fixture;
// Ostrel and everyone in it are invented.
$imgdir = $argv[1] ?? '/tmp/wp-fixture-images';
require __DIR__ . '/bootstrap.php';
require_once ABSPATH . 'wp-admin/includes/media.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/image.php';

// Drop what wp_install() creates by default (Hello world!, Sample Page,
// Privacy Policy draft, and the sample comment).
foreach (get_posts(['post_type' => ['post', 'page'], 'post_status' => 'any', 'numberposts' => -1]) as $p) {
    wp_delete_post($p->ID, true);
}
wp_set_current_user(1);

// --- Authors -------------------------------------------------------------
$authors = [];
foreach ([
    ['mcastell', 'Mira', 'Castell', 'Mira Castell covers transport and the harbour for the Courier. Before joining the paper she spent six years on the Saltholm ferry desk of the port authority.'],
    ['trenn', 'Tomas', 'Renn', 'Tomas Renn reports on City Hall, budgets and housing. He grew up above a chandlery on Weir Street and still keeps a rowing boat on the canal.'],
    ['ivarga', 'Ilse', 'Varga', 'Ilse Varga writes about culture, weather and life along the Ostrel coast. She also edits the Saturday listings page.'],
] as [$login, $first, $last, $bio]) {
    $id = wp_insert_user([
        'user_login'   => $login,
        'user_pass'    => wp_generate_password(24),
        'user_email'   => "$login@harbour-courier.example",
        'first_name'   => $first,
        'last_name'    => $last,
        'display_name' => "$first $last",
        'nickname'     => "$first $last",
        'description'  => $bio,
        'role'         => 'author',
    ]);
    if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
    $authors[$login] = $id;
}

// --- Categories and tags ---------------------------------------------------
$cat = [];
foreach ([
    ['City Hall', 'city-hall', 'Council decisions, budgets and local politics.'],
    ['Harbour & Transport', 'harbour-transport', 'Ferries, the port, roads and the rail link.'],
    ['Culture', 'culture', 'Festivals, libraries, music and the arts in Ostrel.'],
] as [$name, $slug, $desc]) {
    $cat[$slug] = wp_insert_term($name, 'category', ['slug' => $slug, 'description' => $desc])['term_id'];
}
foreach (['ferries', 'budget', 'weather', 'festival', 'housing'] as $t) {
    wp_insert_term(ucfirst($t), 'post_tag', ['slug' => $t]);
}
// The default "Uncategorized" category stays (WordPress will not delete it).

// --- Helpers -----------------------------------------------------------------
function p($text) { return "<!-- wp:paragraph -->\n<p>$text</p>\n<!-- /wp:paragraph -->"; }
function h($text) { return "<!-- wp:heading -->\n<h2>$text</h2>\n<!-- /wp:heading -->"; }

function add_post($args) {
    $id = wp_insert_post(array_merge(['post_type' => 'post', 'comment_status' => 'open'], $args), true);
    if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
    return $id;
}

function sideload($path, $post_id, $author, $title, $alt, $caption) {
    // Date the upload a few minutes before the post it belongs to.
    $date = gmdate('Y-m-d H:i:s', strtotime(get_post($post_id)->post_date_gmt . ' UTC') - 600);
    $tmp = wp_tempnam(basename($path));
    copy($path, $tmp);
    $id = media_handle_sideload(['name' => basename($path), 'tmp_name' => $tmp], $post_id, null, [
        'post_title'   => $title,
        'post_excerpt' => $caption,
        'post_author'  => $author,
        'post_date'    => $date,
        'post_date_gmt' => $date,
    ]);
    if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
    update_post_meta($id, '_wp_attachment_image_alt', $alt);
    return $id;
}

// --- Posts -------------------------------------------------------------------
// 1. Published, City Hall + Harbour & Transport, tag budget, <img> in body.
$p1 = add_post([
    'post_title'   => 'Ostrel council approves €4.2m repair of the north harbour wall',
    'post_author'  => $authors['trenn'],
    'post_status'  => 'publish',
    'post_date'    => '2026-11-03 09:15:00',
    'post_excerpt' => 'Work on the cracked 19th-century wall starts in February and should take about fourteen months.',
    'post_category' => [$cat['city-hall'], $cat['harbour-transport']],
    'tags_input'   => ['budget'],
    'post_content' => '',
]);
$wall = sideload("$imgdir/harbour-wall.jpg", $p1, $authors['trenn'], 'North harbour wall',
    'Stone harbour wall with a long crack and yellow scaffolding at one end',
    'The north wall near Pier 3, where engineers found a crack in September.');
$wall_url = wp_get_attachment_url($wall);
wp_update_post(['ID' => $p1, 'post_content' => implode("\n\n", [
    p('Ostrel city council voted 19 to 6 on Monday evening to spend €4.2 million repairing the north harbour wall, the stone breakwater that has protected the inner basin since 1868.'),
    p('Engineers found a crack running almost the full height of the wall near Pier 3 after the equinox storms in September. A temporary steel brace has been in place since October.'),
    "<!-- wp:image {\"id\":$wall,\"sizeSlug\":\"large\",\"linkDestination\":\"none\"} -->\n<figure class=\"wp-block-image size-large\"><img src=\"$wall_url\" alt=\"Stone harbour wall with a long crack and yellow scaffolding at one end\" class=\"wp-image-$wall\"/><figcaption class=\"wp-element-caption\">The north wall near Pier 3, where engineers found a crack in September.</figcaption></figure>\n<!-- /wp:image -->",
    p('Councillor Petra Lund, who chairs the infrastructure committee, said the repair could not wait for next year’s budget. “If that wall goes in a winter storm, the fishing fleet has nowhere to shelter,” she said.'),
    p('The six councillors who voted against wanted the work put out to a second tender. Work is due to start in February and take about fourteen months; the fish market quay will stay open throughout.'),
])]);

// 2. Published, Harbour & Transport, tag ferries, featured image, one comment.
$p2 = add_post([
    'post_title'   => 'Night ferry to Saltholm returns after a two-year pause',
    'post_author'  => $authors['mcastell'],
    'post_status'  => 'publish',
    'post_date'    => '2026-11-06 17:40:00',
    'post_category' => [$cat['harbour-transport']],
    'tags_input'   => ['ferries'],
    'post_content' => implode("\n\n", [
        p('The late-evening ferry between Ostrel and the island of Saltholm will run again from 1 December, the port authority said on Friday, ending a two-year gap that left island residents relying on a single afternoon crossing in winter.'),
        p('The 22:30 departure from the Ostrel terminal will run on Thursdays, Fridays and Saturdays until the end of March, using the smaller <em>Kestrel</em> while the main vessel is in dry dock.'),
        h('Fares unchanged'),
        p('Single fares stay at €6.50 for adults and €3 for children. Bicycles travel free on the night crossing; cars cannot be carried.'),
        p('“People on Saltholm have been asking for this every winter,” said Annika Holm, who runs the island’s only café. “Now you can go to a concert in town and still sleep in your own bed.”'),
    ]),
]);
$ferry = sideload("$imgdir/saltholm-ferry.jpg", $p2, $authors['mcastell'], 'Saltholm ferry at dusk',
    'A small ferry with a red funnel and lit cabin windows on the water at dusk',
    'The Kestrel will cover the night crossing until the spring.');
set_post_thumbnail($p2, $ferry);
wp_insert_comment([
    'comment_post_ID'      => $p2,
    'comment_author'       => 'Jonas Brekke',
    'comment_author_email' => 'jonas.brekke@example.org',
    'comment_content'      => 'Good news. Will there be a bus waiting at the terminal for the last crossing?',
    'comment_date'         => '2026-11-06 19:05:00',
    'comment_date_gmt'     => '2026-11-06 19:05:00',
    'comment_approved'     => 1,
]);

// 3. Published, Harbour & Transport, tags weather + ferries.
add_post([
    'post_title'   => 'Storm warning lifted as gales ease along the Ostrel coast',
    'post_author'  => $authors['ivarga'],
    'post_status'  => 'publish',
    'post_date'    => '2026-11-10 07:05:00',
    'post_category' => [$cat['harbour-transport']],
    'tags_input'   => ['weather', 'ferries'],
    'post_content' => implode("\n\n", [
        p('The coastal weather office lifted its amber storm warning for Ostrel early on Tuesday after winds dropped below 60 km/h overnight.'),
        p('All morning ferry departures are running, though the port authority warned of delays of up to forty minutes while crews clear seaweed and debris from the terminal ramps.'),
        p('Around 300 homes in the Lower Town lost power for part of Monday night. The grid operator said all but a dozen had been reconnected by 6 a.m.'),
    ]),
]);

// 4. Published, Culture, tag festival, featured image, blockquote + list + link.
$p4 = add_post([
    'post_title'   => 'Lantern Festival draws record crowds to the old quay',
    'post_author'  => $authors['ivarga'],
    'post_status'  => 'publish',
    'post_date'    => '2026-11-14 22:30:00',
    'post_category' => [$cat['culture']],
    'tags_input'   => ['festival'],
    'post_content' => implode("\n\n", [
        p('An estimated 18,000 people filled the old quay on Saturday night for the Ostrel Lantern Festival, the largest turnout since the event began in 1994.'),
        p('Paper lanterns made in school workshops were strung between the warehouses from the customs house to Café Nordlys, and a flotilla of rowing boats carried lights across the inner basin at nine o’clock.'),
        "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\">" . p('We ran out of candles by half past eight. Next year we order twice as many &amp; start earlier.') . "<cite>Sofie Aalto, festival organiser</cite></blockquote>\n<!-- /wp:quote -->",
        p('Festival highlights included:'),
        "<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>the children’s lantern parade from Weir Street school</li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>a brass band on the deck of the old lightship</li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>fish soup served from the harbour master’s office</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->",
        p('The full programme and photographs are on the <a href="https://lanterns.ostrel.example/2026">festival website</a>.'),
    ]),
]);
$lanterns = sideload("$imgdir/old-quay-lanterns.jpg", $p4, $authors['ivarga'], 'Lanterns over the old quay',
    'Rows of orange, red and purple paper lanterns hanging over a quay at night',
    'Lanterns strung between the warehouses on the old quay.');
set_post_thumbnail($p4, $lanterns);

// 5. Published, City Hall, tags housing + budget.
add_post([
    'post_title'   => 'Rents in the Fishmarket district up 9 percent, survey finds',
    'post_author'  => $authors['trenn'],
    'post_status'  => 'publish',
    'post_date'    => '2026-11-19 11:00:00',
    'post_category' => [$cat['city-hall']],
    'tags_input'   => ['housing', 'budget'],
    'post_content' => implode("\n\n", [
        p('Average rents in Ostrel’s Fishmarket district rose 9 percent in the year to October, according to the city’s annual housing survey, published on Thursday. Across the city as a whole the rise was 4.5 percent.'),
        p('The survey links the increase to the conversion of former net lofts into short-term holiday lets. The council counted 212 such lets in the district, up from 140 a year earlier.'),
        p('Deputy mayor Karel Voss said the council would consult in January on a cap of 90 letting nights a year for whole homes, and on setting aside part of next year’s budget for 40 new council flats on the old gasworks site.'),
    ]),
]);

// 6. Published, Culture + City Hall, no tags.
add_post([
    'post_title'   => 'Ostrel library extends winter opening hours',
    'post_author'  => $authors['mcastell'],
    'post_status'  => 'publish',
    'post_date'    => '2026-11-24 08:30:00',
    'post_category' => [$cat['culture'], $cat['city-hall']],
    'post_content' => implode("\n\n", [
        p('The central library on Market Square will stay open until 21:00 on weekdays from 1 December to the end of February, the council announced.'),
        p('The reading room will also open on Sunday afternoons for the first time. Librarians said the change answers requests from students and from residents who want a warm place to sit during the darkest months.'),
    ]),
]);

// 7. Draft, Harbour & Transport.
add_post([
    'post_title'   => 'Harbour pilots to vote on new shift pattern',
    'post_author'  => $authors['mcastell'],
    'post_status'  => 'draft',
    'post_date'    => '2026-11-27 14:20:00',
    'post_category' => [$cat['harbour-transport']],
    'tags_input'   => ['ferries'],
    'post_content' => p('Ostrel’s twelve harbour pilots will vote next week on a proposal to move from 24-hour to 12-hour shifts. [Draft: waiting for comment from the port authority.]'),
]);

// 8. Scheduled (future), City Hall, tag budget.
add_post([
    'post_title'   => 'What to expect from Ostrel’s 2027 budget',
    'post_author'  => $authors['trenn'],
    'post_status'  => 'future',
    'post_date'    => '2027-01-12 06:00:00',
    'post_category' => [$cat['city-hall']],
    'tags_input'   => ['budget'],
    'post_content' => implode("\n\n", [
        p('The city council publishes its draft budget for 2027 on Tuesday. Here is what we know so far about harbour repairs, housing and the library.'),
        p('The finance committee has already signalled a 2 percent rise in the harbour levy to help pay for the north wall repairs approved in November.'),
    ]),
]);

// --- A page (importers for posts should skip it) -------------------------------
wp_insert_post([
    'post_type'    => 'page',
    'post_title'   => 'About the Harbour Courier',
    'post_status'  => 'publish',
    'post_author'  => 1,
    'post_date'    => '2026-11-01 10:00:00',
    'post_content' => p('The Harbour Courier is an independent news site for Ostrel and the Saltholm islands. Send tips to the newsroom at news@harbour-courier.example.'),
]);

flush_rewrite_rules(false);
echo "done\n";
