#!/usr/bin/env bash
# Installs every Debian 12 package cfn needs to build, test and run its demo; idempotent.
# Packages that start services on install (frr, bird2, gobgpd, exabgp) are stopped and disabled:
# nothing from a package may run in the root namespace behind the tests' back.
set -euo pipefail

PKGS=(
  build-essential cmake ninja-build pkg-config clang-14 libclang-rt-14-dev
  libboost-dev libprotobuf-dev protobuf-compiler libspdlog-dev libfmt-dev
  catch2 libreadline-dev nlohmann-json3-dev libbenchmark-dev libssl-dev
  iproute2 procps psmisc tcpdump
  python3 python3-pytest
  frr bird2 gobgpd exabgp
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # policy-rc.d keeps package maintainer scripts from starting daemons at all.
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    created_policy=1
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
  if [ "$created_policy" = 1 ]; then rm -f "$policy"; fi
fi

# Stop anything a package may have started anyway (no systemd here, or an older install).
for svc in frr bird gobgpd exabgp; do
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemctl disable --now "$svc" >/dev/null 2>&1 || true
  fi
  if [ -x "/etc/init.d/$svc" ]; then "/etc/init.d/$svc" stop >/dev/null 2>&1 || true; fi
done
for proc in watchfrr zebra bgpd ospfd staticd mgmtd bird gobgpd exabgp; do
  # Only the root network namespace: the tests run their own peers in namespaces they create.
  for pid in $(pgrep -x "$proc" 2>/dev/null || true); do
    if [ "$(readlink "/proc/$pid/ns/net")" = "$(readlink /proc/1/ns/net)" ]; then
      kill "$pid" 2>/dev/null || true
    fi
  done
done

# Our kernel route protocol numbers (FIB issue uses them); harmless to name early.
mkdir -p /etc/iproute2/rt_protos.d
printf '# cfn routing daemons\n220\tcfn-bgp\n221\tcfn-ospf\n' >/etc/iproute2/rt_protos.d/cfn.conf
echo "install-deps: ok"
