#!/usr/bin/env bash
# The sudoers parser against the real one: every sample is checked with
# `visudo -c -f`, then audited by rampart. A file visudo accepts must give no
# syntax error diagnostic; a file it rejects for syntax must give one naming
# /etc/sudoers and a line. Known, documented gaps (Defaults names and digest
# lengths are not validated) are not sampled. Needs visudo (package sudo).
# Usage: sudoers_visudo.sh RAMPART SOURCE_DIR
set -u
rampart=$1
src=$2
if ! command -v visudo >/dev/null 2>&1; then
	echo "FAIL: visudo not installed (package sudo, a test dependency in scripts/install-deps.sh)"
	exit 1
fi
tmp=$(mktemp -d /tmp/rampart-visudo-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fails=0
n=0

check() { # NAME: the sudoers text is on stdin
	local name=$1 root="$tmp/$n" vrc out
	n=$((n + 1))
	mkdir -p "$root/etc"
	cat > "$root/etc/sudoers"
	chmod 0440 "$root/etc/sudoers"
	out=$(visudo -c -f "$root/etc/sudoers" 2>&1)
	vrc=$?
	"$rampart" audit host --root "$root" --format json --no-color --only sudo. >/dev/null 2>"$root/stderr"
	if [ $vrc -eq 0 ]; then
		if grep -q 'syntax error' "$root/stderr"; then
			echo "FAIL $name: visudo accepts it, rampart reports:"; cat "$root/stderr"
			fails=$((fails + 1))
			return
		fi
	else
		if ! grep -qE '/etc/sudoers:[0-9]+: syntax error' "$root/stderr"; then
			echo "FAIL $name: visudo rejects it ($out), rampart does not:"; cat "$root/stderr"
			fails=$((fails + 1))
			return
		fi
	fi
	echo "ok $name (visudo rc $vrc)"
}

# Accepted by visudo.
check debian-default < <(sed '/^@includedir/d' "$src/tests/data/host/sudo-debian12/root/etc/sudoers")
check aliases < <(sed '/^#/d' "$src/tests/data/host/sudo-aliases/root/etc/sudoers")
check defaults < "$src/tests/data/host/sudo-defaults/root/etc/sudoers"
check broad < "$src/tests/data/host/sudo-broad/root/etc/sudoers"
check tags <<'S'
bob, alice  ALL = (root) NOPASSWD: /usr/bin/apt update, /usr/bin/apt upgrade, PASSWD: /bin/ls, (www-data) /usr/bin/php
carol web1, web2 = /bin/a : db1 = NOEXEC: SETENV: ALL
dave ALL = (:adm) ALL, (operator, root : wheel) ALL
eve ALL = CWD=/tmp NOPASSWD: /bin/true, !/bin/su
#1000 ALL=(#0) ALL
%#27, %:Domain\ Users ALL = /bin/x \, y\:z \= w
"sp ace" ALL = ALL # trailing comment
S
check continuation <<'S'
Defaults \
   env_reset, \
   !lecture
bob ALL = \
   /bin/a, \
   /bin/b
Defaults:bob,%wheel timestamp_timeout=-1, env_keep+="A B", !lecture
Defaults>root !set_logname
Defaults@host1 syslog=auth
Defaults!/usr/bin/more, /usr/bin/less noexec
S
check digest <<'S'
bob ALL = sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 /bin/true
S
check command-forms <<'S'
bob ALL = list, sudoedit /etc/hosts, /usr/bin/, ^/usr/bin/(ls|cat)$
S

# Rejected by visudo.
check no-equals <<<'bob ALL /bin/x'
check tag-without-command <<<'bob ALL = NOPASSWD:'
check negated-with-value <<<'Defaults !secure_path=/x'
check unescaped-colon <<<'bob ALL = /bin/chown a:b'
check unescaped-equals <<<'bob ALL = /bin/x = y'
check alias-missing-equals <<<'Cmnd_Alias X = /bin/a : Y'
check unterminated-quote <<<'"unterminated ALL = ALL'
check empty-defaults <<<'Defaults'
check lower-alias <<<'User_Alias lower = x'
check unclosed-runas <<<'bob ALL = (root /bin/x'
check relative-command <<<'bob ALL = ls'
check all-with-args <<<'bob ALL = ALL /bin/x'
check bad-after-good <<'S'
root ALL=(ALL) ALL
bob ALL = ALL ALL
S

echo "$n samples, $fails failures"
[ $fails -eq 0 ]
