# Binary garbage where sshd_config should be (git would rather not store it).
set -e
mkdir -p "$1/etc/ssh"  # git keeps no empty directories
head -c 4096 /dev/urandom > "$1/etc/ssh/sshd_config"
printf '\177ELF\002\001\001\000\000\000' | cat - "$1/etc/ssh/sshd_config" > "$1/etc/ssh/x" && mv "$1/etc/ssh/x" "$1/etc/ssh/sshd_config"
