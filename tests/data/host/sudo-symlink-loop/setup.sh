set -e
ln -s l2 "$1/etc/sudoers.d/l1"
ln -s l1 "$1/etc/sudoers.d/l2"
ln -s . "$1/etc/sudoers.d/self"
