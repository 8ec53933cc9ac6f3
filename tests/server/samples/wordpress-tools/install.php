<?php
// php install.php — installs an empty site into the configured database.
$installing = true;
require __DIR__ . '/bootstrap.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$result = wp_install('Harbour Courier', 'courier-admin', 'admin@harbour-courier.example', 0, '', 'fixture-only-password-9q4z');
update_option('home', 'http://harbour-courier.example');
update_option('siteurl', 'http://harbour-courier.example');
update_option('blogdescription', 'News from the port city of Ostrel');
update_option('timezone_string', 'UTC');
update_option('permalink_structure', '/%year%/%monthnum%/%day%/%postname%/');
echo "installed, admin user id {$result['user_id']}\n";
