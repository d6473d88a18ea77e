#!/usr/bin/env bash
# End to end: real listening sockets on the live system. A python3 process
# listens on 127.0.0.1:P1 and 0.0.0.0:P2 (binding sends no traffic), both
# ports are configured as local-only, and `rampart audit host` must fail the
# wildcard one naming the python process and pass the loopback one. When run
# as root it also audits as user nobody, where owners of other users'
# sockets cannot be seen and the findings must say so.
# Usage: listeners.sh RAMPART SOURCE_DIR
set -euo pipefail

rampart=$(realpath "$1")
tmp=$(mktemp -d /tmp/rampart-e2e-listeners.XXXXXX)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# One process holds both sockets; port 0 lets the kernel pick free ports.
python3 -c '
import socket, sys, time
lo = socket.socket(); lo.bind(("127.0.0.1", 0)); lo.listen()
wild = socket.socket(); wild.bind(("0.0.0.0", 0)); wild.listen()
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write("%d %d\n" % (lo.getsockname()[1], wild.getsockname()[1]))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
time.sleep(300)
' "$tmp/ports" &
pid=$!
for _ in $(seq 100); do [ -s "$tmp/ports" ] && break; sleep 0.05; done
[ -s "$tmp/ports" ] || { echo "listeners.sh: the python listener did not start" >&2; exit 1; }
read -r p_lo p_wild < "$tmp/ports"

cat > "$tmp/rampart.yaml" <<YAML
host:
  local-only-ports:
    - {port: $p_lo, proto: tcp, name: e2e-loopback}
    - {port: $p_wild, proto: tcp, name: e2e-wildcard}
  listeners-allow: ["tcp/22", "sshd"]
YAML
chmod 755 "$tmp"
chmod 644 "$tmp/rampart.yaml"

audit() { # audit OUT [setpriv args...]
  local out=$1; shift
  set +e
  env -u RAMPART_CONFIG "$@" "$rampart" audit host --config "$tmp/rampart.yaml" --format json --no-color \
    > "$out" 2> "$out.err"
  local rc=$?
  set -e
  if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
    echo "listeners.sh: rampart exited $rc" >&2; cat "$out.err" >&2; exit 1
  fi
}

check() { # check REPORT MODE
  python3 - "$1" "$2" "$p_lo" "$p_wild" "$pid" <<'PY'
import json, sys
path, mode, p_lo, p_wild, pid = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
rep = json.load(open(path))
fs = rep["findings"]
bad = []

def one(check, target):
    hit = [f for f in fs if f["check"] == check and f.get("target") == target]
    if len(hit) != 1:
        have = sorted("%s %s" % (f["status"], f.get("target")) for f in fs if f["check"] == check)
        bad.append("%s: %d findings for %s (have: %s)" % (check, len(hit), target, have))
        return None
    return hit[0]

def observed(f):
    return " | ".join(e.get("observed") or "" for e in f.get("evidence", []))

wild, lo = "tcp 0.0.0.0:" + p_wild, "tcp 127.0.0.1:" + p_lo
f = one("net.local-only-exposed", wild)
if f:
    if f["status"] != "fail":
        bad.append("wildcard listener is %s, expected fail" % f["status"])
    if f["requirements"] != ["2.8"] or f["severity"] != "high":
        bad.append("wildcard finding: requirements %s severity %s" % (f["requirements"], f["severity"]))
    if "e2e-wildcard" not in observed(f) or "all interfaces" not in observed(f):
        bad.append("wildcard finding does not name rule and address: " + observed(f))
    if mode != "nobody" and ("python" not in observed(f) or ("pid " + pid) not in observed(f)):
        bad.append("wildcard finding does not name the python process %s: %s" % (pid, observed(f)))
    if mode == "nobody" and "owner unknown (run as root)" not in observed(f):
        bad.append("as nobody the owner should be unknown: " + observed(f))
    if not any(e.get("path") == "/proc/net/tcp" for e in f.get("evidence", [])):
        bad.append("wildcard finding lacks /proc/net/tcp evidence")
f = one("net.local-only-exposed", lo)
if f and f["status"] != "pass":
    bad.append("loopback listener is %s, expected pass: %s" % (f["status"], observed(f)))
# The allow-list holds "sshd": without the owner that name cannot be ruled
# out, so as nobody the verdict is a warning that says why.
f = one("net.listener-not-allowed", wild)
want = "warn" if mode == "nobody" else "fail"
if f and f["status"] != want:
    bad.append("listener-not-allowed for the wildcard listener is %s, expected %s: %s" % (f["status"], want, observed(f)))
if f and mode == "nobody" and "cannot be matched without the owner" not in observed(f):
    bad.append("the warning does not say why: " + observed(f))
f = one("net.listener-not-allowed", lo)
if f and (f["status"] != "pass" or "not exposed" not in observed(f)):
    bad.append("loopback listener in the inventory: %s %s" % (f["status"], observed(f)))
if bad:
    print("listeners.sh (%s) FAILED:" % mode)
    for b in bad:
        print("  " + b)
    sys.exit(1)
print("listeners.sh (%s) ok" % mode)
PY
}

audit "$tmp/root.json"
check "$tmp/root.json" "$( [ "$(id -u)" -eq 0 ] && echo root || echo user )"

if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
  audit "$tmp/nobody.json" setpriv --reuid=nobody --regid=nogroup --clear-groups --
  check "$tmp/nobody.json" nobody
fi

# Socket activation: in a new PID namespace a python3 process is pid 1 (the
# role systemd plays), binds the socket and hands it to `sleep`; the finding
# must name sleep and say that pid 1 holds the socket too.
if [ "$(id -u)" -eq 0 ] && unshare --pid --fork --mount-proc true 2>/dev/null; then
  timeout 60 unshare --pid --fork --mount-proc python3 -c '
import json, os, socket, subprocess, sys
s = socket.socket(); s.bind(("0.0.0.0", 0)); s.listen()
target = "tcp 0.0.0.0:%d" % s.getsockname()[1]
os.set_inheritable(s.fileno(), True)
child = subprocess.Popen(["sleep", "60"], close_fds=False)
try:
    r = subprocess.run([sys.argv[1], "audit", "host", "--no-config", "--only", "net.", "--format", "json"],
                       capture_output=True, text=True, timeout=30)
finally:
    child.kill()
hit = [f for f in json.loads(r.stdout)["findings"]
       if f["check"] == "net.listener-not-allowed" and f.get("target") == target]
obs = hit[0]["evidence"][0]["observed"] if hit else ""
want = "process sleep (pid %d" % child.pid
if want not in obs or "pid 1 holds it too (socket activation)" not in obs:
    print("listeners.sh (socket activation) FAILED: %r" % (obs or [f.get("target") for f in json.loads(r.stdout)["findings"]]))
    sys.exit(1)
print("listeners.sh (socket activation) ok")
' "$rampart"
fi
