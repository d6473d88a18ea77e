#!/usr/bin/env bash
# Installs the Debian packages rampart's build and tests need. Idempotent:
# packages already installed are skipped, and apt-get runs only when needed.
# Usage: scripts/install-deps.sh [build|test|fuzz|bench]...  (default: build test)
set -euo pipefail

build_pkgs=(gcc make cmake pkg-config libyaml-dev libjansson-dev libssl-dev)
test_pkgs=(libcmocka-dev python3 python3-jsonschema openssh-server sudo nginx apache2 openssl postgresql procps systemd)
fuzz_pkgs=(clang libclang-rt-14-dev)
bench_pkgs=(lynis time openscap-scanner ssg-debian)

want=()
[ $# -eq 0 ] && set -- build test
for group in "$@"; do
  case "$group" in
    build) want+=("${build_pkgs[@]}") ;;
    test)  want+=("${test_pkgs[@]}") ;;
    fuzz)  want+=("${fuzz_pkgs[@]}") ;;
    bench) want+=("${bench_pkgs[@]}") ;;
    *) echo "install-deps: unknown group '$group' (build, test, fuzz, bench)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
# Do not let package scripts start services (sshd) on the build machine.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod 755 "$policy"
  created_policy=1
fi
trap '[ $created_policy -eq 1 ] && $sudo rm -f "$policy"' EXIT
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
