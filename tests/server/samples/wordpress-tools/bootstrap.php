<?php
// Loads the Debian-packaged WordPress (/usr/share/wordpress) from the command line.
// Debian's wp-config.php picks /etc/wordpress/config-<HTTP_HOST>.php.
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = '80';
$_SERVER['REQUEST_METHOD'] = 'GET';
if (!empty($installing)) {
    define('WP_INSTALLING', true);
}
require '/usr/share/wordpress/wp-load.php';
