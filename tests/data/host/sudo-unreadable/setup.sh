set -e
chmod 000 "$1/etc/sudoers"
