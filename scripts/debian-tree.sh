#!/usr/bin/env bash
# Builds, once, the two real Debian 12 trees the end-to-end case
# tests/e2e/debian_tree.sh audits (see docs/debian-tree-findings.md):
#
#   CACHE_DIR/minbase  mmdebstrap --variant=minbase bookworm, nothing else
#   CACHE_DIR/servers  the same plus nginx, apache2, openssh-server and sudo
#
# A tree is built into CACHE_DIR/NAME.partial, renamed to CACHE_DIR/NAME only
# when mmdebstrap succeeded, and then marked complete by CACHE_DIR/NAME.stamp,
# which records the recipe (suite, variant, packages, mirrors). A tree without
# a stamp, or with the stamp of another recipe, is removed and rebuilt: a
# half-built tree is never reused. Both trees are built in parallel.
#
# Mirrors: the ones apt already uses on this machine (deb822
# /etc/apt/sources.list.d/*.sources, else one-line /etc/apt/sources.list*),
# else Debian's defaults. DEBIAN_TREE_MIRROR and DEBIAN_TREE_SECURITY_MIRROR
# override them. Needs root (mmdebstrap --mode=root) and the package mmdebstrap.
#
# Usage: scripts/debian-tree.sh CACHE_DIR        (prints timings on stderr)
#        scripts/debian-tree.sh --rebuild CACHE_DIR
set -euo pipefail

rebuild=0
if [ "${1:-}" = "--rebuild" ]; then
  rebuild=1
  shift
fi
cache=${1:?usage: debian-tree.sh [--rebuild] CACHE_DIR}

suite=bookworm
variant=minbase
server_pkgs=nginx,apache2,openssh-server,sudo

log() { echo "debian-tree: $*" >&2; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

if [ "$(id -u)" -ne 0 ]; then
  log "must run as root (mmdebstrap --mode=root keeps the real owners and modes the audit looks at)"
  exit 1
fi
if ! command -v mmdebstrap >/dev/null; then
  log "mmdebstrap not found (a test dependency: scripts/install-deps.sh test)"
  exit 1
fi

# The first URI apt uses for SUITE_RE, from deb822 and one-line sources.
host_uri() {
  local suite_re=$1 f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -r "$f" ] || continue
    awk -v re="$suite_re" '
      function flush() { if (uris != "" && suites ~ re && types ~ /(^| )deb( |$)/ && enabled !~ /^[Nn]o/) { split(uris, u, " "); print u[1]; found = 1; exit } }
      /^[[:space:]]*#/ { next }
      /^[[:space:]]*$/ { flush(); uris = suites = types = enabled = ""; next }
      { k = tolower($1); sub(/:$/, "", k); v = $0; sub(/^[^:]*:[[:space:]]*/, "", v)
        if (k == "uris") uris = v; else if (k == "suites") suites = " " v " ";
        else if (k == "types") types = v; else if (k == "enabled") enabled = v }
      END { if (!found) flush() }' "$f"
  done | head -n1
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -r "$f" ] || continue
    awk -v re="$suite_re" '
      $1 == "deb" { i = 2; if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
                    if ((" " $(i + 1) " ") ~ re) { print $i; exit } }' "$f"
  done | head -n1
}

mirror=${DEBIAN_TREE_MIRROR:-$(host_uri " $suite ")}
mirror=${mirror:-http://deb.debian.org/debian}
security=${DEBIAN_TREE_SECURITY_MIRROR:-$(host_uri " $suite-security ")}
security=${security:-http://deb.debian.org/debian-security}
mirror=$(printf '%s\n' "$mirror" | head -n1)
security=$(printf '%s\n' "$security" | head -n1)

mkdir -p "$cache"
cache=$(cd "$cache" && pwd)

# One-line sources for mmdebstrap: the archive, its updates, and security, as
# on an installed Debian 12.
sources=(
  "deb $mirror $suite main"
  "deb $mirror $suite-updates main"
  "deb $security $suite-security main"
)

recipe() {  # $1 extra packages
  printf 'suite=%s variant=%s include=%s mirror=%s security=%s mmdebstrap=%s\n' \
    "$suite" "$variant" "$1" "$mirror" "$security" "$(mmdebstrap --version | awk '{print $2}')"
}

fresh() {  # $1 name, $2 packages: is CACHE_DIR/NAME complete and of this recipe?
  [ $rebuild -eq 0 ] && [ -d "$cache/$1" ] && [ -f "$cache/$1.stamp" ] &&
    [ "$(head -n1 "$cache/$1.stamp")" = "$(recipe "$2")" ]
}

build() {  # $1 name, $2 packages (comma-separated, may be empty)
  local name=$1 pkgs=$2 start end args=()
  rm -rf "${cache:?}/$name" "$cache/$name.partial" "$cache/$name.stamp"
  [ -n "$pkgs" ] && args+=("--include=$pkgs")
  start=$(date +%s.%N)
  # --mode=root: real ownership. mmdebstrap installs a policy-rc.d that keeps
  # package scripts from starting services in the tree.
  if ! mmdebstrap --mode=root --variant="$variant" "${args[@]}" "$suite" \
      "$cache/$name.partial" "${sources[@]}" >"$cache/$name.log" 2>&1; then
    log "building $name failed; last lines of $cache/$name.log:"
    tail -n 20 "$cache/$name.log" >&2
    rm -rf "${cache:?}/$name.partial"
    return 1
  fi
  mv "$cache/$name.partial" "$cache/$name"
  end=$(date +%s.%N)
  { recipe "$pkgs"; printf 'built %s in %s s\n' "$(date -u +%FT%TZ)" "$(elapsed "$start" "$end")"; } \
    >"$cache/$name.stamp"
  log "$name built in $(sed -n 's/^built .* in //p' "$cache/$name.stamp") ($(du -sh "$cache/$name" | cut -f1))"
}

t0=$(date +%s.%N)
pids=()
names=()
for spec in "minbase:" "servers:$server_pkgs"; do
  name=${spec%%:*}
  pkgs=${spec#*:}
  if fresh "$name" "$pkgs"; then
    log "$name: cached ($(sed -n 2p "$cache/$name.stamp"))"
    continue
  fi
  log "$name: building (mmdebstrap --variant=$variant $suite${pkgs:+ --include=$pkgs}, mirror $mirror)"
  build "$name" "$pkgs" &
  pids+=($!)
  names+=("$name")
done

rc=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then
    log "${names[$i]}: FAILED"
    rc=1
  fi
done
t1=$(date +%s.%N)
log "done in $(elapsed "$t0" "$t1") s"
exit $rc
