# Absolute and ../ symlinks aimed at the host's files: they must resolve
# inside the audited root (root/etc/passwd exists there, root/etc/shadow not).
set -e
mkdir -p "$1/etc/ssh/sshd_config.d"  # git keeps no empty directories
d="$1/etc/ssh/sshd_config.d"
ln -s /etc/passwd "$d/10-abs.conf"
ln -s ../../../../../../../../etc/shadow "$d/20-dotdot.conf"
ln -s /etc/hostname "$d/30-host.conf"
