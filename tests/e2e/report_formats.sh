#!/usr/bin/env bash
# Every report format, end to end: audits a small root tree (an 'admin'
# account, sshd with 'PermitRootLogin yes') with the real binary, once with
# the defaults and once with a config that waives a finding and attests a
# requirement, and checks each output with an independent reader:
#   json   parses, has the contract's keys (DESIGN.md)
#   sarif  validates against the OASIS SARIF 2.1.0 schema (tests/schemas)
#   junit  parses as XML; failures and errors equal the JSON's counts
#   html   parses; no script, no external URL; every requirement ID shown
#   text   ends with the JSON's summary line
# Usage: report_formats.sh RAMPART_BINARY SOURCE_DIR
set -u

bin=${1:?usage: report_formats.sh RAMPART_BINARY SOURCE_DIR}
src=${2:?usage: report_formats.sh RAMPART_BINARY SOURCE_DIR}
schema="$src/tests/schemas/sarif-schema-2.1.0.json"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

root="$tmp/root"
mkdir -p "$root/etc/ssh"
cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
admin:x:1000:1000:Admin <&>:/home/admin:/bin/bash
EOF
cat >"$root/etc/ssh/sshd_config" <<'EOF'
# rampart e2e fixture
PermitRootLogin yes
PasswordAuthentication yes
EOF
cat >"$tmp/rampart.yaml" <<'EOF'
waivers:
  - check: ssh.allow-users
    reason: "jump host <legacy> & friends"
    owner: alice
    expires: "2099-12-31"
attestations:
  - requirement: "10"
    by: "Incident team <ir@example.org>"
    evidence: "runbook & rota"
    until: "2099-12-31"
EOF

export RAMPART_TODAY=2025-01-01
status=0

for variant in defaults config; do
	if [ "$variant" = defaults ]; then
		opts=(--no-config)
	else
		opts=(--config "$tmp/rampart.yaml")
	fi
	out="$tmp/$variant"
	mkdir -p "$out"
	for fmt in text json sarif junit html; do
		"$bin" audit host --root "$root" "${opts[@]}" --format "$fmt" --output "$out/report.$fmt" \
			2>"$out/stderr.$fmt"
		rc=$?
		# 0 clean, 1 findings at or above --fail-on; anything else is a failure
		if [ "$rc" -gt 1 ]; then
			echo "FAIL: $variant/$fmt: rampart exited $rc" >&2
			cat "$out/stderr.$fmt" >&2
			status=1
		fi
		if [ ! -s "$out/report.$fmt" ]; then
			echo "FAIL: $variant/$fmt: no report written" >&2
			status=1
		fi
	done
	[ "$status" -eq 0 ] || continue

	python3 - "$out" "$schema" "$variant" <<'PY' || status=1
import json
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

out, schema_path, variant = sys.argv[1:4]
problems = []


def check(cond, why):
    if not cond:
        problems.append(why)


def read(fmt):
    with open(f"{out}/report.{fmt}", encoding="utf-8") as f:
        return f.read()


# json: the contract
rep = json.loads(read("json"))
for key in ("schema", "tool", "target", "started", "finished", "findings", "requirements", "summary"):
    check(key in rep, f"json: no '{key}'")
check(rep.get("schema") == "rampart.report/1", "json: schema is not rampart.report/1")
summary = rep["summary"]
for key in ("fail", "warn", "pass", "not-applicable", "error"):
    check(isinstance(summary.get(key), int), f"json: summary.{key} missing")
check(summary["fail"] > 0, "json: the fixture should fail (PermitRootLogin yes)")
fail_checks = {f["check"] for f in rep["findings"] if f["status"] == "fail"}
check("ssh.permit-root-login" in fail_checks, "json: ssh.permit-root-login did not fail")
req_ids = [q["id"] for q in rep["requirements"]]
check(len(req_ids) > 0, "json: no requirements")
waived = [f for f in rep["findings"] if f.get("waiver")]
if variant == "config":
    check(len(waived) > 0, "json: the waiver covered nothing")
    check(any(q["id"] == "10" and q["status"] == "attested" for q in rep["requirements"]),
          "json: requirement 10 is not attested")

# sarif: the official schema
try:
    import jsonschema
except ImportError:
    jsonschema = None
    print("report_formats: python3-jsonschema missing, SARIF schema validation skipped", file=sys.stderr)
sarif = json.loads(read("sarif"))
if jsonschema is not None:
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(sarif), key=lambda e: list(e.path))
    for e in errors[:10]:
        problems.append(f"sarif: schema: {'/'.join(map(str, e.path))}: {e.message}")
check(sarif.get("version") == "2.1.0", "sarif: version is not 2.1.0")
run = sarif["runs"][0]
results = run.get("results", [])
want = [f for f in rep["findings"] if f["status"] in ("fail", "warn", "error")]
check(len(results) == len(want), f"sarif: {len(results)} results, JSON has {len(want)} fail/warn/error")
rules = run["tool"]["driver"]["rules"]
for res in results:
    idx = res.get("ruleIndex", -1)
    check(0 <= idx < len(rules) and rules[idx]["id"] == res["ruleId"],
          f"sarif: ruleIndex {idx} does not name {res.get('ruleId')}")
root_fail = [r for r in results if r["ruleId"] == "ssh.permit-root-login"]
check(len(root_fail) == 1, "sarif: no result for ssh.permit-root-login")
if root_fail:
    loc = root_fail[0]["locations"][0]["physicalLocation"]
    check(loc["artifactLocation"]["uri"] == "etc/ssh/sshd_config", "sarif: wrong uri for sshd_config")
    check(loc.get("region", {}).get("startLine") == 2, "sarif: PermitRootLogin is on line 2")
suppressed = [r for r in results if r.get("suppressions")]
check(len(suppressed) == len(waived), f"sarif: {len(suppressed)} suppressed results, JSON waived {len(waived)}")

# junit: parses, counts agree with the JSON
try:
    suites = ET.fromstring(read("junit"))
except ET.ParseError as e:
    problems.append(f"junit: not well-formed XML: {e}")
else:
    check(suites.tag == "testsuites", "junit: root is not <testsuites>")
    nfail = len(suites.findall(".//failure"))
    nerr = len(suites.findall(".//error"))
    check(nfail == summary["fail"], f"junit: {nfail} failures, JSON says {summary['fail']}")
    check(nerr == summary["error"], f"junit: {nerr} errors, JSON says {summary['error']}")
    check(suites.get("failures") == str(summary["fail"]), "junit: testsuites failures attribute")
    check(len(suites.findall(".//testcase")) == len(rep["findings"]), "junit: not one testcase per finding")


# html: parses, self-contained, shows the matrix
class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.ids = set()
        self.external = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name == "id":
                self.ids.add(value)
            if value and re.search(r"(?i)(https?:)?//", value) and name in ("href", "src", "action", "srcset",
                                                                              "style", "data", "poster"):
                self.external.append(f"<{tag} {name}={value}>")


html = read("html")
page = Page()
page.feed(html)
page.close()
check(html.startswith("<!DOCTYPE html>"), "html: no doctype")
check("script" not in page.tags, "html: has a <script> element")
check(re.search(r"(?i)<script", html) is None, "html: '<script' appears")
check(re.search(r"(?i)url\(|@import", html) is None, "html: CSS loads something")
check(re.search(r"(?i)\b(src|href)\s*=", html) is None, "html: has src/href attributes")
check(re.search(r"https?://", html) is None, "html: has an http(s):// reference")
check(not page.external, f"html: external references {page.external}")
missing = [i for i in req_ids if f"req-{i}" not in page.ids]
check(not missing, f"html: requirements not in the matrix: {missing}")

# text: the summary line agrees with the JSON
last = read("text").rstrip("\n").split("\n")[-1]
want_line = (f"{summary['fail']} fail, {summary['warn']} warn, {summary['pass']} pass, "
             f"{summary['not-applicable']} not-applicable, {summary['error']} error; "
             f"{summary.get('waived', 0)} waived")
check(last == want_line, f"text: last line {last!r}, expected {want_line!r}")

for p in problems:
    print(f"FAIL: {variant}: {p}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
done

if [ "$status" -eq 0 ]; then
	echo "report_formats: all formats valid"
fi
exit "$status"
