# loop.conf -> loop.conf; other.conf -> a -> other.conf
set -e
mkdir -p "$1/etc/ssh/sshd_config.d"  # git keeps no empty directories
d="$1/etc/ssh/sshd_config.d"
ln -s loop.conf "$d/loop.conf"
ln -s a "$d/other.conf"
ln -s other.conf "$d/a"
