# A 1 MiB line between two rules, and a 1 MiB entry made of continued lines.
set -e
f="$1/etc/sudoers"
printf 'root ALL=(ALL) ALL\nbob ALL = /bin/' > "$f"
head -c 1048576 /dev/zero | tr '\0' 'a' >> "$f"
printf '\n%%wheel ALL = NOPASSWD: ALL\n' >> "$f"
i=0
while [ $i -lt 2000 ]; do
	printf 'carol ALL = /bin/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, \\\n' >> "$f"
	i=$((i + 1))
done
printf '/bin/end\ndave ALL = NOPASSWD: ALL\n' >> "$f"
