# Bytes that are not UTF-8 (and a UTF-8 no-break space) in names and commands.
set -e
printf 'root ALL=(ALL) ALL\n\377\376bob ALL = ALL\n\302\240alice\tALL=\377(ALL) ALL\n%%adm ALL = NOPASSWD: ALL\ncaf\303\251 ALL = NOPASSWD: ALL\n' > "$1/etc/sudoers"
