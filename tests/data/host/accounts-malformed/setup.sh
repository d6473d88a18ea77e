# passwd with a 1 MiB line and malformed lines around good ones; shadow is binary garbage.
set -e
f="$1/etc/passwd"
printf 'root:x:0:0:root:/root:/bin/bash\nhuge:x:' > "$f"
head -c 1048576 /dev/zero | tr '\0' '9' >> "$f"
printf ':1::/:/bin/sh\nshort:x:5\nbaduid:x:abc:1::/:/bin/sh\nadmin:x:1000:1000::/home/admin:/bin/bash\n' >> "$f"
head -c 4096 /dev/urandom > "$1/etc/shadow"
printf '\0' >> "$1/etc/shadow"
printf '\0garbage\n' | cat - "$1/etc/shadow" > "$1/etc/shadow.tmp"
mv "$1/etc/shadow.tmp" "$1/etc/shadow"
