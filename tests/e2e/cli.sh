#!/usr/bin/env bash
# The command line as a user meets it: exit statuses, usage errors naming
# what is wrong, the catalogue, output files.
set -uo pipefail
rampart=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

expect() { # expect STATUS STDERR_TEXT -- command...
	local want=$1 text=$2
	shift 3
	"$@" >"$tmp/out" 2>"$tmp/err"
	local got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: '$*' exited $got, expected $want"; cat "$tmp/err"; fails=$((fails + 1)); return
	fi
	if [ -n "$text" ] && ! grep -qF -- "$text" "$tmp/err"; then
		echo "FAIL: '$*' stderr lacks '$text':"; cat "$tmp/err"; fails=$((fails + 1)); return
	fi
	echo "ok: $*"
}

mkdir -p "$tmp/root/etc"
expect 2 "unknown command 'frobnicate'" -- "$rampart" frobnicate
expect 2 "audit: which target?" -- "$rampart" audit
expect 2 "audit web: not available" -- "$rampart" audit web http://127.0.0.1/
expect 2 "--root $tmp/nope: not found" -- "$rampart" audit host --root "$tmp/nope"
expect 2 "unknown format 'pdf'" -- "$rampart" audit host --root "$tmp/root" --format pdf
expect 2 "--fail-on: 'severe'" -- "$rampart" audit host --root "$tmp/root" --fail-on severe
expect 2 "only: unknown check 'nosuch.check'" -- "$rampart" audit host --root "$tmp/root" --only nosuch.check
expect 2 "$tmp/missing.yaml: cannot read: not found" -- "$rampart" audit host --root "$tmp/root" --config "$tmp/missing.yaml"
mkfifo "$tmp/fifo.yaml"
expect 2 "fifo.yaml: cannot read: not a regular file" -- timeout 10 "$rampart" audit host --root "$tmp/root" --config "$tmp/fifo.yaml"
expect 0 "" -- "$rampart" version
expect 0 "" -- "$rampart" --help
grep -q "audit host" "$tmp/out" || { echo "FAIL: --help lacks 'audit host'"; fails=$((fails + 1)); }

# An empty root: nothing to audit is not a failure, and the report is written to the file.
expect 0 "" -- "$rampart" audit host --no-config --root "$tmp/root" --format json --output "$tmp/r.json"
[ -s "$tmp/out" ] && { echo "FAIL: --output also wrote to stdout"; fails=$((fails + 1)); }
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["target"]["name"]==sys.argv[2], r["target"]' \
	"$tmp/r.json" "$tmp/root" || fails=$((fails + 1))
expect 2 "cannot open for writing" -- "$rampart" audit host --no-config --root "$tmp/root" --output "$tmp/no/such/dir/r.json"

# RAMPART_CONFIG is the default config path.
printf 'fail-on: [x]\n' > "$tmp/bad.yaml"
expect 2 "bad.yaml:1: fail-on: must be a string" -- env RAMPART_CONFIG="$tmp/bad.yaml" "$rampart" audit host --root "$tmp/root"

# The catalogue, as text and JSON.
expect 0 "" -- "$rampart" catalog
grep -q "2.6 .*repeats 2.5" "$tmp/out" || { echo "FAIL: catalog text lacks 2.6 note"; fails=$((fails + 1)); }
expect 0 "" -- "$rampart" catalog --format json
python3 - "$tmp/out" <<'PY' || fails=$((fails + 1))
import json, sys
c = json.load(open(sys.argv[1]))
assert c["schema"] == "rampart.catalog/1"
reqs = {r["id"]: r for r in c["requirements"]}
assert len(reqs) == 54, len(reqs)
assert reqs["2.6"]["duplicate-of"] == "2.5"
checks = {k["id"] for k in c["checks"]}
for r in c["requirements"]:
    for k in r["checks"]:
        assert k in checks, k
host = [k for k in c["checks"] if k["target"] == "host"]
assert len(host) >= 15, "expected at least 15 host checks, got %d" % len(host)
for q in ("6.2", "6.4", "2.8"):
    assert reqs[q]["checks"], "requirement %s has no check" % q
print("catalog json ok: %d requirements, %d checks" % (len(reqs), len(checks)))
PY
expect 2 "unknown format 'sarif'" -- "$rampart" catalog --format sarif

if [ "$fails" -ne 0 ]; then echo "$fails failures"; exit 1; fi
echo "cli ok"
