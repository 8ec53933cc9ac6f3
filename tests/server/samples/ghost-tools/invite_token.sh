#!/bin/sh
# Print the raw invite token stored by Ghost for the email given as $1.
mysql -uroot -h127.0.0.1 -N -B ghost_fixture -e "SELECT token FROM invites WHERE email='$1' ORDER BY created_at DESC LIMIT 1"
