#!/usr/bin/env bash
# End to end: audit the machine the tests run on (the live system, no --root),
# and validate what a CI pipeline would consume: the JSON report against the
# rampart.report/1 schema and its own invariants, the SARIF log against the
# SARIF 2.1.0 schema, and the exit status against --fail-on.
set -euo pipefail
rampart=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

set +e
"$rampart" audit host --no-config --format json --output "$tmp/r.json" 2>"$tmp/err"
json_status=$?
"$rampart" audit host --no-config --format sarif --output "$tmp/r.sarif" 2>>"$tmp/err"
sarif_status=$?
"$rampart" audit host --no-config --fail-on none --format json --output /dev/null 2>>"$tmp/err"
none_status=$?
set -e
cat "$tmp/err" >&2
[ "$json_status" -le 1 ] || { echo "audit host exited $json_status"; exit 1; }
[ "$sarif_status" -eq "$json_status" ] || { echo "sarif run exited $sarif_status, json run $json_status"; exit 1; }
[ "$none_status" -eq 0 ] || { echo "--fail-on none exited $none_status"; exit 1; }

python3 - "$tmp/r.json" "$tmp/r.sarif" "$src" "$json_status" <<'PY'
import json, sys, jsonschema
report_path, sarif_path, src, status = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
report = json.load(open(report_path))
schema = json.load(open(src + "/docs/schema/rampart.report-1.schema.json"))
jsonschema.validate(report, schema)

assert report["target"]["kind"] == "host"
f = report["findings"]
assert len(f) >= 10, "a live host audit should produce findings for several checks, got %d" % len(f)
# the summary counts the findings
counts = {}
for x in f:
    key = "waived" if "waiver" in x else x["status"]
    counts[key] = counts.get(key, 0) + 1
for k in ("fail", "warn", "pass", "not-applicable", "error"):
    assert report["summary"][k] == counts.get(k, 0), (k, report["summary"][k], counts.get(k, 0))
# the exit status follows --fail-on high
sev = ["info", "low", "medium", "high", "critical"]
gating = [x for x in f if x["status"] == "fail" and "waiver" not in x and sev.index(x["severity"]) >= 3]
assert status == (1 if gating else 0), ("exit", status, len(gating))
# every requirement of the catalogue is in the matrix, and failed findings fail theirs
ids = [r["id"] for r in report["requirements"]]
assert len(ids) == 54 and ids[0] == "1.1" and ids[-1] == "10", ids
st = {r["id"]: r["status"] for r in report["requirements"]}
for x in f:
    if x["status"] == "fail" and "waiver" not in x:
        for q in x["requirements"]:
            assert st[q] == "fail", (x["check"], q, st[q])
assert st["2.6"] == st["2.5"]
# live-only checks ran live: listeners are examined, not not-applicable
live = [x for x in f if x["check"].startswith("net.")]
assert live and any(x["status"] != "not-applicable" for x in live), "no live socket findings"

sarif = json.load(open(sarif_path))
sarif_schema = json.load(open(src + "/tests/schemas/sarif-schema-2.1.0.json"))
jsonschema.validate(sarif, sarif_schema)
results = sarif["runs"][0]["results"]
want = sum(1 for x in f if x["status"] in ("fail", "warn", "error"))
assert len(results) == want, ("sarif results", len(results), "json fail/warn/error", want)
print("self audit ok: %d findings, %d sarif results, exit %d" % (len(f), len(results), status))
PY
