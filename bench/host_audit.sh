#!/usr/bin/env bash
# Benchmark: `rampart audit host` against Lynis and OpenSCAP on this machine, in
# one run. Installs the peers (scripts/install-deps.sh bench: lynis,
# openscap-scanner, ssg-debian), builds rampart in Release, measures wall time
# and peak RSS of each tool (rampart: the median of RUNS runs; OpenSCAP and
# Lynis: once each, Lynis takes minutes), counts the checks, rules and tests
# each tool evaluated, and appends a dated section with the exact commands, the
# load average before each tool, the figures and the ratios (peer / rampart) to
# bench/RESULTS.md.
# Usage: bench/host_audit.sh [RUNS]   (default 9; run from anywhere, as root for
# a complete audit by all three tools)
#
# OpenSCAP content: the ssg-debian package's data stream for this Debian
# release, profile $OSCAP_PROFILE (default anssi_np_nt28_high, the broadest
# profile ssg-debian ships: minimal, average and restrictive are subsets of it,
# and "standard" adds one rule). Debian 12's ssg-debian (0.1.65) ships content
# for Debian 10 and 11 only; on a release without its own data stream the script
# evaluates a copy of the newest one whose platform test (the /etc/debian_version
# pattern behind cpe:/o:debian:debian_linux:N) is changed to accept this
# release. Without that change every rule is "notapplicable" and oscap does
# almost no work. The section says which content was used.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-9}
build="$src/build-bench"
results="$src/bench/RESULTS.md"
tmp=$(mktemp -d /tmp/rampart-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
oscap_profile=${OSCAP_PROFILE:-xccdf_org.ssgproject.content_profile_anssi_np_nt28_high}
oscap_keep=/tmp/rampart-bench-oscap-results.xml # the last run's XCCDF results, kept

"$src/scripts/install-deps.sh" build bench
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DRAMPART_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target rampart >/dev/null
rampart="$build/rampart"

# --- OpenSCAP content for this release -------------------------------------
ssg=/usr/share/xml/scap/ssg/content
os_major=$(. /etc/os-release && echo "${VERSION_ID%%.*}")
oscap_ds="$ssg/ssg-debian$os_major-ds.xml"
oscap_note="ssg-debian's own data stream for Debian $os_major, unchanged"
if [ ! -e "$oscap_ds" ]; then
  newest=$(ls "$ssg"/ssg-debian*-ds.xml 2>/dev/null | grep -E 'ssg-debian[0-9]+-ds\.xml$' | sort -V | tail -1)
  [ -n "$newest" ] || { echo "host_audit.sh: no ssg-debian data stream under $ssg" >&2; exit 1; }
  from=$(basename "$newest" | sed -E 's/ssg-debian([0-9]+)-ds\.xml/\1/')
  oscap_ds="$tmp/ssg-debian$from-as-$os_major-ds.xml"
  sed -E "s/>\\^$from\\.\\[0-9\\]\\+\\$</>^$os_major.[0-9]+\$</" "$newest" >"$oscap_ds"
  changed=$(grep -c ">^$os_major\\.\\[0-9\\]+\\$<" "$oscap_ds" || true)
  if [ "$changed" -eq 0 ]; then
    echo "host_audit.sh: could not retarget $newest to Debian $os_major" >&2; exit 1
  fi
  oscap_note="ssg-debian ships no data stream for Debian $os_major; used \`$(basename "$newest")\` with its Debian $from platform test (\`^$from.[0-9]+\$\` on /etc/debian_version) changed to \`^$os_major.[0-9]+\$\` (in its $changed copies), everything else unchanged"
fi

# --- measuring -------------------------------------------------------------
# wall seconds and peak RSS (KiB) from a `/usr/bin/time -v -o FILE` report
wall_of() {
  awk -F': ' '/Elapsed \(wall clock\)/ {
    n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.3f\n", s }' "$1"
}
rss_of() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }

# Runs a command under /usr/bin/time -v; OK is the highest exit status that is
# not an error (rampart and Lynis: 1 = findings; oscap: 2 = some rule failed).
# Also writes REPORT.wall: the wall time in µs steps (bash's EPOCHREALTIME
# around /usr/bin/time, so it includes starting time itself, measured below as
# the floor under time; used for the peers only).
timed() { # timed OK REPORT cmd...
  local ok=$1 report=$2; shift 2
  local t0 t1 rc
  set +e
  t0=$EPOCHREALTIME
  /usr/bin/time -v -o "$report" "$@" >/dev/null 2>"$report.stderr"
  rc=$?
  t1=$EPOCHREALTIME
  set -e
  if [ $rc -gt "$ok" ]; then
    echo "host_audit.sh: '$*' exited $rc" >&2; tail -5 "$report.stderr" >&2; exit 1
  fi
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", b - a }' >"$report.wall"
}
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
# wall seconds (µs steps) of one run of a command started straight from bash
bare() { # bare cmd...
  local t0 t1
  t0=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || true
  t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", b - a }'
}

rampart_cmd=("$rampart" audit host --format json --output /dev/null)
oscap_cmd=(oscap xccdf eval --profile "$oscap_profile" --results "$tmp/oscap-results.xml" "$oscap_ds")
lynis_cmd=(lynis audit system --quick --no-colors)

# rampart: RUNS runs after one warm-up, medians. Each run is timed twice: under
# /usr/bin/time -v (peak RSS; wall in 0.01 s steps) and started straight from
# bash (wall in µs steps, process start included). /bin/true, started the same
# way, gives the floor: what starting a process costs on this machine.
load_rampart=$(loadavg)
"${rampart_cmd[@]}" >/dev/null 2>&1 || true # warm the page cache like the peers' own first reads
walls=() walls_tv=() rsss=() floors=() floors_time=()
for i in $(seq "$runs"); do
  timed 1 "$tmp/rampart.$i" "${rampart_cmd[@]}"
  walls_tv+=("$(wall_of "$tmp/rampart.$i")")
  rsss+=("$(rss_of "$tmp/rampart.$i")")
  walls+=("$(bare "${rampart_cmd[@]}")")
  floors+=("$(bare /bin/true)")
  floors_time+=("$(bare /usr/bin/time -v -o /dev/null /bin/true)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
r_wall=$(median "${walls[@]}")
r_wall_max=$(printf '%s\n' "${walls[@]}" | sort -g | tail -1)
r_wall_tv=$(median "${walls_tv[@]}")
floor=$(median "${floors[@]}")
floor_time=$(median "${floors_time[@]}")
r_rss=$(median "${rsss[@]}")
r_rss_max=$(printf '%s\n' "${rsss[@]}" | sort -g | tail -1)
# what rampart evaluated: findings, distinct checks, by status; checks in the catalogue
rcount=$("$rampart" audit host --format json 2>/dev/null | python3 -c '
import collections, json, sys
f = json.load(sys.stdin)["findings"]
c = collections.Counter(x["status"] for x in f)
print(len(f), len({x["check"] for x in f}), ", ".join(f"{k} {v}" for k, v in c.most_common()))' ||
  echo "? ? ?")
rcat=$("$rampart" catalog --format json 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["checks"]))' || echo "?")

# OpenSCAP: once
load_oscap=$(loadavg)
timed 2 "$tmp/oscap" "${oscap_cmd[@]}"
o_wall=$(cat "$tmp/oscap.wall")
o_wall_tv=$(wall_of "$tmp/oscap")
o_rss=$(rss_of "$tmp/oscap")
cp "$tmp/oscap-results.xml" "$oscap_keep"
ocount=$(python3 - "$tmp/oscap-results.xml" <<'PY'
import collections, sys, xml.etree.ElementTree as ET
c = collections.Counter()
for e in ET.parse(sys.argv[1]).iter():
    if e.tag.endswith("}rule-result"):
        c[next(x.text for x in e if x.tag.endswith("}result"))] += 1
total = sum(c.values())
sel = total - c["notselected"]
run = sel - c["notapplicable"]
print(total, sel, run, ", ".join(f"{k} {v}" for k, v in c.most_common() if k != "notselected"))
PY
) || ocount="? ? ? ?"

# Lynis: once, as before
load_lynis=$(loadavg)
lynis_start=$(date +%s)
timed 1 "$tmp/lynis" "${lynis_cmd[@]}"
l_wall=$(cat "$tmp/lynis.wall")
l_wall_tv=$(wall_of "$tmp/lynis")
l_rss=$(rss_of "$tmp/lynis")
load_after=$(loadavg)
# Lynis' own count ("Tests performed" in its log) and its report's executed/skipped lists,
# provided this run wrote them
l_performed="?" l_executed="?" l_skipped="?"
if [ -r /var/log/lynis.log ] && [ "$(stat -c %Y /var/log/lynis.log)" -ge "$lynis_start" ]; then
  l_performed=$(awk -F': *' '/Tests performed:/ { n = $2 } END { print (n == "" ? "?" : n) }' /var/log/lynis.log)
fi
if [ -r /var/log/lynis-report.dat ] && [ "$(stat -c %Y /var/log/lynis-report.dat)" -ge "$lynis_start" ]; then
  l_executed=$(awk -F= '$1 == "tests_executed" { print split($2, t, "|") - ($2 ~ /\|$/) }' /var/log/lynis-report.dat)
  l_skipped=$(awk -F= '$1 == "tests_skipped" { print split($2, t, "|") - ($2 ~ /\|$/) }' /var/log/lynis-report.dat)
fi

# --- report ----------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) print "n/a"; else if (a / b < 10) printf "%.1f", a / b; else printf "%.0f", a / b }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
verdict() { awk -v v="$1" -v lim="$2" 'BEGIN { print (v < lim) ? "met" : "MISSED" }'; }
read -r r_find r_checks r_status <<<"$rcount"
read -r o_total o_sel o_run o_status <<<"$ocount"
pkgver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo '?'; }

{
  [ -s "$results" ] || printf '# Benchmark results\n'
  printf '\n## %s: host audit, rampart vs Lynis and OpenSCAP (bench/host_audit.sh)\n\n' "$(date -u +%Y-%m-%dT%H:%MZ)"
  printf 'Machine: %s, %s CPUs, kernel %s, %s; run as uid %s.\n' \
    "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)" "$(nproc)" "$(uname -r)" \
    "$(. /etc/os-release && echo "$PRETTY_NAME")" "$(id -u)"
  printf '%s (%s%s), Release build; %s; OpenSCAP %s with ssg-debian %s.\n' \
    "$("$rampart" --version 2>/dev/null | head -1)" \
    "$(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo 'no commit')" \
    "$([ -z "$(git -C "$src" status --porcelain -- src include CMakeLists.txt 2>/dev/null)" ] || echo ' plus uncommitted changes in the tree')" \
    "$(lynis --version 2>/dev/null | sed 's/^/Lynis /')" "$(pkgver openscap-scanner)" "$(pkgver ssg-debian)"
  printf 'Load average (1/5/15 min) before rampart: %s; before OpenSCAP: %s; before Lynis: %s;\n' \
    "$load_rampart" "$load_oscap" "$load_lynis"
  printf 'after Lynis: %s (%s CPUs; other builds may share the machine).\n\n' "$load_after" "$(nproc)"
  printf 'Commands, each under `/usr/bin/time -v` (run in this order):\n\n'
  printf '    %s    # %s runs after one warm-up, median\n' "${rampart_cmd[*]/#$src\//}" "$runs"
  printf '    %s    # once; exit 2 = some rules failed\n' "$(echo "${oscap_cmd[*]}" | sed "s|$tmp|/tmp/rampart-bench.XXXXXX|g")"
  printf '    %s    # once\n\n' "${lynis_cmd[*]}"
  printf 'OpenSCAP content: %s.\n\n' "$oscap_note"
  printf '| tool | wall | peak RSS | evaluated |\n| --- | --- | --- | --- |\n'
  printf '| rampart audit host | %s s (median of %s; max %s s) | %s MiB (median; max %s MiB) | %s findings from %s distinct checks (%s); %s checks in `rampart catalog` |\n' \
    "$r_wall" "$runs" "$r_wall_max" "$(mib "$r_rss")" "$(mib "$r_rss_max")" "$r_find" "$r_checks" "$r_status" "$rcat"
  printf '| oscap xccdf eval, %s | %s s | %s MiB | %s rules selected of %s; %s evaluated (%s) |\n' \
    "${oscap_profile#xccdf_org.ssgproject.content_profile_}" "$o_wall" "$(mib "$o_rss")" "$o_sel" "$o_total" "$o_run" "$o_status"
  printf '| lynis audit system --quick | %s s | %s MiB | %s tests performed (report: %s executed, %s skipped) |\n' \
    "$l_wall" "$(mib "$l_rss")" "$l_performed" "$l_executed" "$l_skipped"
  printf '| ratio OpenSCAP / rampart | %sx | %sx | |\n' "$(ratio "$o_wall" "$r_wall")" "$(ratio "$o_rss" "$r_rss")"
  printf '| ratio Lynis / rampart | %sx | %sx | |\n\n' "$(ratio "$l_wall" "$r_wall")" "$(ratio "$l_rss" "$r_rss")"
  printf 'Wall, in microsecond steps from bash'"'"'s EPOCHREALTIME: rampart started straight from bash, so\n'
  printf 'process start is included (on this machine starting /bin/true the same way takes %s s,\n' "$floor"
  printf 'median of %s); the peers around their `/usr/bin/time -v` call (the same for /bin/true: %s s).\n' "$runs" "$floor_time"
  printf "time's own wall figures, in 0.01 s steps: rampart %s s (median), OpenSCAP %s s,\n" "$r_wall_tv" "$o_wall_tv"
  printf 'Lynis %s s. Peak RSS is time'"'"'s "Maximum resident set size" (rampart: median of the %s\n' "$l_wall_tv" "$runs"
  printf 'runs under time). Ratios are peer / rampart from the figures in the table.\n' 
  printf 'Targets for rampart (issue 3): wall under 1 s (%s, slowest run %s s), peak RSS under 20 MB (%s, largest %s MiB).\n' \
    "$(verdict "$r_wall" 1)" "$r_wall_max" "$(verdict "$r_rss_max" 19531.25)" "$(mib "$r_rss_max")"
  printf 'The tools do different work: the counts above are what each evaluated on this machine,\n'
  printf 'not a measure of equal coverage.\n'
} >> "$results"

echo "host_audit.sh: rampart ${r_wall}s / $(mib "$r_rss") MiB, oscap ${o_wall}s / $(mib "$o_rss") MiB, lynis ${l_wall}s / $(mib "$l_rss") MiB; appended to $results"
