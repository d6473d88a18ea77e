# An included file of binary garbage (with NUL bytes).
set -e
mkdir -p "$1/etc/sudoers.d"  # git keeps no empty directories
head -c 65536 /dev/urandom > "$1/etc/sudoers.d/garbage"
printf '\0\0\0' >> "$1/etc/sudoers.d/garbage"
printf '\0ELF\1\1' | cat - "$1/etc/sudoers.d/garbage" > "$1/etc/sudoers.d/bin"
rm "$1/etc/sudoers.d/garbage"
printf '%%adm ALL = NOPASSWD: ALL\n' > "$1/etc/sudoers.d/after"
