#!/usr/bin/env bash
# The effective sshd settings rampart reports must be the ones the real sshd
# (openssh-server's /usr/sbin/sshd -T) computes from the same sshd_config.
# For each generated config: run `sshd -T -f CONFIG -h HOSTKEY`, run
# `rampart audit host --root DIR --format json`, read the values back out of
# the findings' evidence, and compare. Usage: sshd_effective.sh RAMPART SRCDIR
set -euo pipefail

rampart=${1:?usage: sshd_effective.sh RAMPART SRCDIR}
sshd=/usr/sbin/sshd
if [ ! -x "$sshd" ]; then
  echo "FAIL: $sshd not found (openssh-server is a test dependency: scripts/install-deps.sh test)" >&2
  exit 1
fi
# sshd -T insists on its privilege separation directory.
if [ ! -d /run/sshd ]; then
  if [ "$(id -u)" -eq 0 ]; then
    mkdir -p /run/sshd && chmod 0755 /run/sshd
  else
    echo "FAIL: /run/sshd is missing and we are not root to create it" >&2
    exit 1
  fi
fi

tmp=$(mktemp -d /tmp/rampart-sshd-e2e.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
ssh-keygen -q -t ed25519 -N '' -f "$tmp/hostkey"

compare() {
  # $1 name, $2 sshd -T output, $3 rampart JSON
  python3 - "$1" "$2" "$3" <<'PY'
import json, re, sys

name, sshd_out, rp_json = sys.argv[1:4]
sshd = {}
multi = {}
for line in open(sshd_out):
    k, _, v = line.rstrip("\n").partition(" ")
    multi.setdefault(k, []).append(v)
    sshd.setdefault(k, v)

rep = json.load(open(rp_json))
finds = {}
for f in rep["findings"]:
    if f.get("target") == "sshd":
        finds.setdefault(f["check"], f)

def obs(check, i):
    ev = finds[check]["evidence"]
    return ev[i].get("observed") or ""

def value(text):
    m = re.search(r"not set; OpenSSH default is (.*)$", text)
    if m:
        return m.group(1)
    return text.split(None, 1)[1] if " " in text else ""

def secs(v):
    total = 0
    for num, unit in re.findall(r"(\d+)([smhdwSMHDW]?)", v):
        total += int(num) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}[unit.lower()]
    return str(total)

def norm_root(v):
    v = v.lower()
    return "without-password" if v == "prohibit-password" else v

def effective(check):
    for e in finds[check]["evidence"]:
        o = e.get("observed") or ""
        if o.startswith("effective "):
            return o.split(": ", 1)[1]
    return None

got = {
    "permitrootlogin": norm_root(value(obs("ssh.permit-root-login", 0))),
    "passwordauthentication": value(obs("ssh.password-authentication", 1)).lower(),
    "kbdinteractiveauthentication": value(obs("ssh.password-authentication", 2)).lower(),
    "usepam": value(obs("ssh.password-authentication", 3)).lower(),
    "authenticationmethods": value(obs("ssh.password-authentication", 4)),
    "pubkeyauthentication": value(obs("ssh.second-factor", 5)).lower(),
    "x11forwarding": value(obs("ssh.x11-forwarding", 0)).lower(),
    "permitemptypasswords": value(obs("ssh.permit-empty-passwords", 0)).lower(),
    "maxauthtries": value(obs("ssh.max-auth-tries", 0)),
    "logingracetime": secs(value(obs("ssh.login-grace-time", 0))),
    "permituserenvironment": value(obs("ssh.permit-user-environment", 0)),
    "ciphers": effective("ssh.weak-ciphers"),
    "macs": effective("ssh.weak-macs"),
    "kexalgorithms": effective("ssh.weak-kex"),
}
want = dict((k, sshd.get(k)) for k in got)
want["permitrootlogin"] = norm_root(want["permitrootlogin"] or "")

# AllowUsers accumulates across lines: compare the sets.
users = []
for e in finds["ssh.allow-users"]["evidence"]:
    o = e.get("observed") or ""
    if o.lower().startswith("allowusers "):
        users += o.split()[1:]
got["allowusers"] = sorted(users)
want["allowusers"] = sorted(multi.get("allowusers", []))

bad = [k for k in got if got[k] != want[k]]
if bad:
    print("case %s: rampart and sshd -T disagree:" % name)
    for k in bad:
        print("  %s: rampart %r, sshd %r" % (k, got[k], want[k]))
    sys.exit(1)
print("case %s: %d settings agree with sshd -T" % (name, len(got)))
PY
}

conn=user=rampart-e2e,host=e2e.invalid,addr=203.0.113.7,laddr=198.51.100.1,lport=22
status=0
n=0
run_case() {
  # $1 name; the config comes on stdin
  local name=$1 dir="$tmp/$1"
  mkdir -p "$dir/root/etc/ssh"
  cat > "$dir/root/etc/ssh/sshd_config"
  n=$((n + 1))
  # A connection no specific Match block matches ("Match all" does).
  if ! "$sshd" -T -C "$conn" -f "$dir/root/etc/ssh/sshd_config" -h "$tmp/hostkey" \
       > "$dir/sshd.txt" 2> "$dir/sshd.err"; then
    echo "case $name: sshd -T rejected the config:" >&2
    cat "$dir/sshd.err" >&2
    status=1
    return
  fi
  if ! "$rampart" audit host --root "$dir/root" --format json --no-color > "$dir/report.json" 2> "$dir/rampart.err"; then
    # exit 1 only means findings at or above --fail-on
    if [ ! -s "$dir/report.json" ]; then
      echo "case $name: rampart produced no report:" >&2
      cat "$dir/rampart.err" >&2
      status=1
      return
    fi
  fi
  compare "$name" "$dir/sshd.txt" "$dir/report.json" || status=1
}

run_case defaults < /dev/null

run_case debian <<'EOF'
Include /nonexistent-dir-for-e2e/*.conf
KbdInteractiveAuthentication no
UsePAM yes
X11Forwarding yes
PrintMotd no
AcceptEnv LANG LC_*
Subsystem	sftp	/usr/lib/openssh/sftp-server
EOF

run_case first-wins <<'EOF'
# first value wins, aliases share the value, '=' and quotes
PermitRootLogin no
PermitRootLogin yes
PasswordAuthentication=no
PasswordAuthentication yes
ChallengeResponseAuthentication no
KbdInteractiveAuthentication yes
X11Forwarding "yes"
permitemptypasswords = YES
MaxAuthTries	3   # comment
MaxAuthTries 9
EOF

run_case algorithms-plus-minus <<'EOF'
Ciphers +aes128-cbc,3des-cbc
MACs -hmac-sha1*,umac-64*
KexAlgorithms ^diffie-hellman-group14-sha1,diffie-hellman-group1-sha1
EOF

run_case algorithms-explicit <<'EOF'
Ciphers -aes*
MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256,hmac-md5
KexAlgorithms +diffie-hellman-group-exchange-sha1
EOF

run_case match-after-global <<'EOF'
PermitRootLogin forced-commands-only
LoginGraceTime 1m30s
AllowUsers alice bob
AllowUsers carol
Match User deploy
	PermitRootLogin yes
	PasswordAuthentication no
	X11Forwarding yes
Match all
	MaxAuthTries 2
EOF

run_case mixed <<'EOF'
   PERMITROOTLOGIN without-password
pubkeyauthentication yes
UsePAM no
AuthenticationMethods "publickey,password" publickey,keyboard-interactive
PermitUserEnvironment LANG,LC_*
LoginGraceTime 45
MACs ^hmac-sha2-512
EOF

run_case no-pubkey <<'EOF2'
PubkeyAuthentication no
AuthenticationMethods password
Match Address 192.0.2.0/24
	PasswordAuthentication no
	PermitRootLogin no
Match User nobody-else
	X11Forwarding yes
EOF2

if [ "$status" -ne 0 ]; then
  echo "FAIL: rampart's effective sshd settings differ from sshd -T" >&2
  exit 1
fi
echo "ok: $n configurations agree with sshd -T"
