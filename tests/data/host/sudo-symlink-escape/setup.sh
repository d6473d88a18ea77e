# Links that would leave the root on a plain open(2): they must resolve inside it.
set -e
mkdir -p "$1/etc/sudoers.d"  # git keeps no empty directories
ln -s /etc/marker "$1/etc/sudoers.d/abs"
ln -s ../../../../../../../../../etc/marker "$1/etc/sudoers.d/dotdot"
ln -s /etc/shadow "$1/etc/sudoers.d/shadow"
ln -s /proc/self/root/etc/passwd "$1/etc/sudoers.d/magic"
