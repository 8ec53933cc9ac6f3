#!/bin/sh
# Starts over: empty database and no uploads.
mysql -h127.0.0.1 -uroot -e 'DROP DATABASE IF EXISTS wordpress_fixture; CREATE DATABASE wordpress_fixture CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci'
rm -rf /var/lib/wordpress/wp-content/uploads/2026 /var/lib/wordpress/wp-content/uploads/2027
