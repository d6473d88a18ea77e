# A 1 MiB line between two good ones.
set -e
mkdir -p "$1/etc/ssh"  # git keeps no empty directories
f="$1/etc/ssh/sshd_config"
printf 'PermitRootLogin no\nBanner ' > "$f"
head -c 1048576 /dev/zero | tr '\0' 'A' >> "$f"
printf '\nX11Forwarding yes\n' >> "$f"
