#!/usr/bin/env bash
# BGP benchmark (issue 5 item 7): the same table through FRR bgpd, BIRD 2, GoBGP and bgpd-cfn,
# one after the other in the same run, each in its own network namespace.
#
#   bench/bgp_bench/run.sh [N] [K] [--peers P] [--fib] [--daemons LIST] [--tsv FILE] [--timeout S]
#
#   N prefixes (IPv4 /24s from 20.0.0.0, default 1000000) over K attribute sets (default 10000),
#   sent by P load peers (default 1; peer p sends its own slice of N/P prefixes, so
#   `run.sh 1000000 10000 --peers 10` is the 10 peers x 100,000 scenario). LIST: a comma list
#   of bgpd-cfn,frr,bird,gobgp (default all). --fib: the daemons also program the kernel FIB
#   (FRR with zebra, BIRD with a kernel protocol; GoBGP n/a) and the time is until both the
#   monitor and the kernel hold every prefix. --timeout: seconds per daemon (default 600).
#   bench/bgp_bench/run.sh 1000 10      tiny run: a few seconds per daemon, checks that it works
#
# Per daemon: namespace DUT (the daemon, 100.64.0.1 on veth `dut`) and namespace LOAD (the
# monitor at 100.64.0.2 and the load peers at 100.64.0.11.., on veth `load`). Needs root; the
# namespaces and everything started are removed on exit, whatever the exit. Builds bgp_load and
# bgpd-cfn if needed (RelWithDebInfo, in $CFN_BENCH_BUILD_DIR, default build/bench; CFN_BENCH_BIN=path uses that
# binary). CFN_BGPD_BIN: the bgpd-cfn binary (default next to bgp_load's build). Not a test:
# nothing gates on the PASS/FAIL lines; exit 1 when a daemon that ran did not deliver every
# prefix, 2 on a setup error.
set -euo pipefail

N=1000000
K=10000
P=1
FIB=0
DAEMONS_WANTED=bgpd-cfn,frr,bird,gobgp
TSV=
TIMEOUT=600
positional=0
while (($#)); do
  case $1 in
    --peers) P=$2; shift 2 ;;
    --fib) FIB=1; shift ;;
    --daemons) DAEMONS_WANTED=$2; shift 2 ;;
    --tsv) TSV=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) if ((positional == 0)); then N=$1; else K=$1; fi; positional=$((positional + 1)); shift ;;
  esac
done
if ((P < 1 || P > 200)); then echo "run.sh: --peers must be 1..200" >&2; exit 2; fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD_DIR=${CFN_BENCH_BUILD_DIR:-$ROOT/build/bench}
BIN=${CFN_BENCH_BIN:-$BUILD_DIR/bench/bgp_bench/bgp_load}
BGPD_CFN=${CFN_BGPD_BIN:-$(dirname "$(dirname "$(dirname "$BIN")")")/bgpd-cfn/bgpd-cfn}
FRR_DIR=${CFN_FRR_DIR:-/usr/lib/frr}

if [[ $(id -u) -ne 0 ]]; then
  echo "run.sh: needs root (ip netns add)" >&2
  exit 2
fi
if [[ -z ${CFN_BENCH_BIN:-} ]]; then
  # The release preset's optimisation (-O2): GCC 12's -O3 warns falsely (-Wrestrict) in std::string.
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCFN_BUILD_TESTS=OFF >/dev/null
  targets=(bgp_load)
  [[ -z ${CFN_BGPD_BIN:-} ]] && targets+=(bgpd-cfn)
  cmake --build "$BUILD_DIR" --target "${targets[@]}" >/dev/null
fi
if [[ ,$DAEMONS_WANTED, == *,bgpd-cfn,* && ! -x $BGPD_CFN ]]; then
  echo "run.sh: no bgpd-cfn at $BGPD_CFN (set CFN_BGPD_BIN)" >&2
  exit 2
fi

# Addresses and ASes: the daemon under test AS 65000, the load peers AS 65001, the monitor AS 65002.
DUT_ADDR=100.64.0.1
MON_ADDR=100.64.0.2
LOAD_FIRST=11  # load peer p has 100.64.0.(11 + p)
load_addr() { echo "100.64.0.$((LOAD_FIRST + $1))"; }

# The daemons, in the order they run. An entry in NO_FIB is n/a with --fib. start_NAME DIR NS starts the daemon in namespace
# NS, its files in DIR, and sets DUT_PIDS (the processes whose memory counts).
DAEMONS=(bgpd-cfn frr bird gobgp)
declare -A NO_FIB=([gobgp]="n/a: gobgpd runs without zebra here")

TMP=$(mktemp -d /tmp/cfn-bgp-bench.XXXXXX)
chmod 755 "$TMP"
STARTED=()   # every pid we started, stopped on exit
NAMESPACES=()
cleanup() {
  local pid ns
  trap '' PIPE  # a reader of our output that is gone must not stop the cleanup
  for pid in "${STARTED[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED[@]}"; do wait "$pid" 2>/dev/null || true; done
  for ns in "${NAMESPACES[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  if [[ -n ${KEEP_TMP:-} ]]; then echo "logs kept in $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# In the background in namespace $1, stdout to $2, stderr to $3; the pid in LAST_PID.
spawn() {
  local ns=$1 out=$2 err=$3
  shift 3
  ip netns exec "$ns" "$@" >"$out" 2>"$err" &
  LAST_PID=$!
  STARTED+=("$LAST_PID")
}

# Waits until file $1 has a line matching $2: 0, or 1 after $3 seconds, or 2 when one of the
# pids after that has exited.
wait_line() {
  local file=$1 pattern=$2 end=$((SECONDS + $3)) pid
  shift 3
  until grep -q "$pattern" "$file" 2>/dev/null; do
    for pid in "$@"; do running "$pid" || return 2; done
    ((SECONDS < end)) || return 1
    sleep 0.1
  done
}

field() {  # field FILE LINE-PREFIX KEY: KEY=value of the first such line
  sed -n "s/^$2 .*\b$3=\([^ ]*\).*/\1/p" "$1" | head -n 1
}

elapsed() {  # elapsed START_NS END_NS: seconds, 3 decimals
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'
}

kib() {  # kib KEY PIDS...: the sum of /proc/PID/status KEY (VmRSS, VmHWM) in KiB
  local key=$1 total=0 pid v
  shift
  for pid in "$@"; do
    v=$(awk -v k="$key:" '$1 == k { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

running() {  # the process exists and is not a zombie (no fork: this runs in poll loops)
  local stat
  read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}

stop() {  # TERM, wait up to 10 s, then KILL what is left
  local pid i left
  for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
  for i in $(seq 100); do
    left=0
    for pid in "$@"; do running "$pid" && left=1; done
    ((left)) || break
    sleep 0.1
  done
  for pid in "$@"; do kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
}

# ---- daemon configurations: accept everything from the load peers, advertise everything to
# the monitor, nothing back to the load peers (the same work for every daemon).

frr_bgpd_conf() {  # also bgpd-cfn's: it reads FRR's syntax
  local p
  echo "router bgp 65000"
  echo " bgp router-id $DUT_ADDR"
  echo " no bgp ebgp-requires-policy"
  echo " no bgp network import-check"
  echo " neighbor LOAD peer-group"
  echo " neighbor LOAD remote-as 65001"
  for ((p = 0; p < P; p++)); do echo " neighbor $(load_addr $p) peer-group LOAD"; done
  echo " neighbor $MON_ADDR remote-as 65002"
  echo " address-family ipv4 unicast"
  echo "  neighbor LOAD route-map NOTHING out"
  echo " exit-address-family"
  echo "!"
  echo "route-map NOTHING deny 10"
}

start_frr() {
  local dir=$1 ns=$2 zebra_args=(-Z -n)
  frr_bgpd_conf >"$dir/bgpd.conf"
  : >"$dir/zebra.conf"
  chown -R frr:frr "$dir"
  local common=(-P 0 --vty_socket "$dir" -z "$dir/zserv.api" -u frr -g frr -F traditional)
  DUT_PIDS=()
  if ((FIB)); then
    spawn "$ns" "$dir/zebra.out" "$dir/zebra.err" "$FRR_DIR/zebra" "${common[@]}" \
      -f "$dir/zebra.conf" -i "$dir/zebra.pid" --log "file:$dir/zebra.log"
    DUT_PIDS+=("$LAST_PID")
    local i
    for i in $(seq 300); do [[ -S $dir/zserv.api ]] && break; sleep 0.1; done
    zebra_args=()
  fi
  spawn "$ns" "$dir/bgpd.out" "$dir/bgpd.err" "$FRR_DIR/bgpd" "${common[@]}" \
    -f "$dir/bgpd.conf" -i "$dir/bgpd.pid" --log "file:$dir/bgpd.log" "${zebra_args[@]}"
  DUT_PIDS+=("$LAST_PID")
}

start_bgpd-cfn() {
  local dir=$1 ns=$2 args=(-n)
  ((FIB)) && args=()
  frr_bgpd_conf >"$dir/bgpd-cfn.conf"
  spawn "$ns" "$dir/bgpd-cfn.out" "$dir/bgpd-cfn.err" "$BGPD_CFN" -f "$dir/bgpd-cfn.conf" \
    --vty_socket "$dir" -i "$dir/bgpd-cfn.pid" "${args[@]}"
  DUT_PIDS=("$LAST_PID")
}

start_bird() {
  local dir=$1 ns=$2 p
  {
    echo "log \"$dir/bird.log\" { info, remote, warning, error, auth, fatal, bug };"
    echo "router id $DUT_ADDR;"
    echo "protocol device { }"
    if ((FIB)); then echo "protocol kernel { ipv4 { export all; }; }"; fi
    for ((p = 0; p < P; p++)); do
      echo "protocol bgp load$p { local $DUT_ADDR as 65000; neighbor $(load_addr $p) as 65001;"
      echo "  ipv4 { import all; export none; }; }"
    done
    echo "protocol bgp monitor { local $DUT_ADDR as 65000; neighbor $MON_ADDR as 65002;"
    echo "  ipv4 { import none; export all; }; }"
  } >"$dir/bird.conf"
  spawn "$ns" "$dir/bird.out" "$dir/bird.err" bird -f -c "$dir/bird.conf" -s "$dir/bird.ctl" \
    -P "$dir/bird.pid"
  DUT_PIDS=("$LAST_PID")
}

start_gobgp() {
  local dir=$1 ns=$2 p
  {
    echo "[global.config]"
    echo "  as = 65000"
    echo "  router-id = \"$DUT_ADDR\""
    echo "[global.apply-policy.config]"
    echo "  export-policy-list = [\"nothing-to-load\"]"
    echo "  default-export-policy = \"accept-route\""
    echo "[[defined-sets.neighbor-sets]]"
    echo "  neighbor-set-name = \"load\""
    echo -n "  neighbor-info-list = ["
    for ((p = 0; p < P; p++)); do echo -n "\"$(load_addr $p)\"$( ((p + 1 < P)) && echo ", ")"; done
    echo "]"
    echo "[[policy-definitions]]"
    echo "  name = \"nothing-to-load\""
    echo "  [[policy-definitions.statements]]"
    echo "    [policy-definitions.statements.conditions.match-neighbor-set]"
    echo "      neighbor-set = \"load\""
    echo "    [policy-definitions.statements.actions]"
    echo "      route-disposition = \"reject-route\""
    for addr in "$MON_ADDR" $(for ((p = 0; p < P; p++)); do load_addr $p; done); do
      echo "[[neighbors]]"
      echo "  [neighbors.config]"
      echo "    neighbor-address = \"$addr\""
      echo "    peer-as = $([[ $addr == "$MON_ADDR" ]] && echo 65002 || echo 65001)"
      echo "  [[neighbors.afi-safis]]"
      echo "    [neighbors.afi-safis.config]"
      echo "      afi-safi-name = \"ipv4-unicast\""
    done
  } >"$dir/gobgpd.toml"
  spawn "$ns" "$dir/gobgpd.out" "$dir/gobgpd.err" gobgpd -f "$dir/gobgpd.toml" -t toml \
    --api-hosts 127.0.0.1:50051 -p -l warn --pprof-disable
  DUT_PIDS=("$LAST_PID")
}

# ---- one daemon: namespaces, daemon, monitor, load peers; one result row.

ROWS=()  # name|status|seconds|rss_base_kib|rss_peak_kib|held|monitor_decode_s|note

run_daemon() {
  local name=$1 dir=$TMP/$1 ns=cfn-bgpb-$$-$1 lns=cfn-bgpb-$$-$1-load p
  mkdir -p "$dir"
  chmod 755 "$dir"
  ip netns add "$ns"
  NAMESPACES+=("$ns")
  ip netns add "$lns"
  NAMESPACES+=("$lns")
  ip -n "$ns" link set lo up
  ip -n "$lns" link set lo up
  ip -n "$ns" link add dut type veth peer name load netns "$lns"
  ip -n "$ns" addr add "$DUT_ADDR/24" dev dut
  ip -n "$lns" addr add "$MON_ADDR/24" dev load
  for ((p = 0; p < P; p++)); do ip -n "$lns" addr add "$(load_addr $p)/24" dev load; done
  ip -n "$ns" link set dut up
  ip -n "$lns" link set load up

  "start_$name" "$dir" "$ns"
  local note="" status=fail seconds="" base=0 peak=0 held=0 decode
  spawn "$lns" "$dir/monitor.out" "$dir/monitor.err" "$BIN" monitor --connect "$DUT_ADDR" \
    --source "$MON_ADDR" --local-as 65002 --peer-as 65000 --expect "$N" --wait 60
  local monitor=$LAST_PID watcher="" injector=""
  if ! wait_line "$dir/monitor.out" '^established' 65 "$monitor" "${DUT_PIDS[@]}"; then
    note="monitor session not established: $(tail -n 1 "$dir/monitor.err")"
  else
    base=$(kib VmRSS "${DUT_PIDS[@]}")
    if ((FIB)); then
      spawn "$ns" "$dir/fib.out" "$dir/fib.err" "$BIN" fib --expect "$N" --base 20.0.0.0 --length 24
      watcher=$LAST_PID
      wait_line "$dir/fib.out" '^listening' 10 "$watcher" || note="fib watcher failed: $(head -n 1 "$dir/fib.err")"
    fi
    if [[ -z $note ]]; then
      spawn "$lns" "$dir/inject.out" "$dir/inject.err" "$BIN" inject --connect "$DUT_ADDR" \
        --source "$(load_addr 0)" --peers "$P" --local-as 65001 --peer-as 65000 \
        --prefixes "$N" --attr-sets "$K" --base 20.0.0.0 --length 24 --wait 60
      injector=$LAST_PID
      local alive=("$monitor" "$injector" "${DUT_PIDS[@]}" $watcher)
      local waited=0
      wait_line "$dir/monitor.out" '^complete' "$TIMEOUT" "${alive[@]}" || waited=$?
      if ((waited == 1)); then
        note="monitor incomplete after $TIMEOUT s"
      elif ((waited == 2)); then
        note="a process exited: $(cat "$dir/monitor.err" "$dir/inject.err" | head -n 2 | tr '\n' ' ')"
      elif ((FIB)) && ! wait_line "$dir/fib.out" '^complete' "$TIMEOUT" "${alive[@]}"; then
        note="kernel FIB incomplete: $(head -n 1 "$dir/fib.err")"
      else
        local start monitor_done fib_done
        start=$(field "$dir/inject.out" start mono_ns)
        monitor_done=$(field "$dir/monitor.out" complete mono_ns)
        seconds=$(elapsed "$start" "$monitor_done")
        if ((FIB)); then
          fib_done=$(field "$dir/fib.out" complete mono_ns)
          note="monitor $seconds s, kernel $(elapsed "$start" "$fib_done") s"
          ((fib_done > monitor_done)) && seconds=$(elapsed "$start" "$fib_done")
        fi
        status=ok
      fi
    fi
    peak=$(kib VmHWM "${DUT_PIDS[@]}")
  fi
  stop "$monitor"  # first: the daemon withdraws when the load peers go
  stop $injector $watcher
  held=$(field "$dir/monitor.out" complete held)
  [[ -n $held ]] || held=$(field "$dir/monitor.out" final held)
  decode=$(field "$dir/monitor.out" final decode_s)
  [[ $status == ok && ${held:-0} -lt $N ]] && { status=fail; note="monitor holds only $held"; }
  stop "${DUT_PIDS[@]}"
  ip netns del "$lns"
  ip netns del "$ns"
  ROWS+=("$name|$status|$seconds|$base|$peak|${held:-0}|$decode|${note//|/ }")
  echo "$name: $status ${seconds:+$seconds s} ${note:+($note)}" >&2
  [[ $status == ok ]]
}

echo "bgp_bench: N=$N K=$K peers=$P fib=$FIB, $(nproc) CPUs, kernel $(uname -r)," \
  "$("$FRR_DIR/bgpd" --version 2>/dev/null | head -n 1 | awk '{print $3}' | sed 's/^/FRR /')," \
  "$(bird --version 2>&1 | awk '{print "BIRD " $3}'), $(gobgpd --version | awk '{print "GoBGP " $3}')"
failed=0
for name in "${DAEMONS[@]}"; do
  [[ ,$DAEMONS_WANTED, == *,$name,* ]] || continue
  if ((FIB)) && [[ -n ${NO_FIB[$name]:-} ]]; then
    ROWS+=("$name|n/a||||||${NO_FIB[$name]}")
  else
    run_daemon "$name" || failed=1
  fi
done

# ---- the table: ratios are to bgpd-cfn (n/a while it has no figures).
ref_seconds="" ref_per_route=""
for row in "${ROWS[@]}"; do
  IFS='|' read -r name status seconds base peak held decode note <<<"$row"
  if [[ $name == bgpd-cfn && $status == ok ]]; then
    ref_seconds=$seconds
    ref_per_route=$(((peak - base) * 1024 / N))
  fi
done
printf '%-9s %-8s %10s %13s %12s %11s %11s  %s\n' daemon status seconds "peak RSS MiB" \
  "B/route" "t/bgpd-cfn" "B/bgpd-cfn" note
[[ -n $TSV ]] && printf 'daemon\tstatus\tprefixes\tattr_sets\tpeers\tfib\tseconds\trss_base_kib\trss_peak_kib\tbytes_per_route\theld\tmonitor_decode_s\tnote\n' >"$TSV"
for row in "${ROWS[@]}"; do
  IFS='|' read -r name status seconds base peak held decode note <<<"$row"
  per_route="" mib="" t_ratio=n/a m_ratio=n/a
  if [[ $status == ok ]]; then
    per_route=$(((peak - base) * 1024 / N))
    mib=$(awk -v k="$peak" 'BEGIN { printf "%.1f", k / 1024 }')
    if [[ -n $ref_seconds ]]; then
      t_ratio=$(awk -v a="$seconds" -v b="$ref_seconds" 'BEGIN { printf "%.2f", a / b }')
      m_ratio=$(awk -v a="$per_route" -v b="$ref_per_route" 'BEGIN { printf "%.2f", b ? a / b : 0 }')
    fi
  fi
  printf '%-9s %-8s %10s %13s %12s %11s %11s  %s\n' "$name" "$status" "${seconds:--}" "${mib:--}" \
    "${per_route:--}" "$t_ratio" "$m_ratio" "$note"
  [[ -n $TSV ]] && printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$status" \
    "$N" "$K" "$P" "$FIB" "$seconds" "$base" "$peak" "$per_route" "$held" "$decode" "$note" >>"$TSV"
done
if [[ -z $ref_seconds ]]; then
  echo "PASS/FAIL: n/a (bgpd-cfn has no figures in this run)"
fi
# Issue 5's targets, for the daemons that delivered in this run: (kind, daemon, what).
verdict() {  # KIND DAEMON METRIC(seconds|per_route) TEXT [or-equal]
  local row name status seconds base peak held decode note theirs ours
  for row in "${ROWS[@]}"; do
    IFS='|' read -r name status seconds base peak held decode note <<<"$row"
    [[ $name == "$2" && $status == ok && -n $ref_seconds ]] || continue
    if [[ $3 == seconds ]]; then
      theirs=$seconds ours=$ref_seconds
    else
      theirs=$(((peak - base) * 1024 / N)) ours=$ref_per_route
    fi
    awk -v a="$ours" -v b="$theirs" -v kind="$1" -v text="$4" -v eq="${5:-}" \
      'BEGIN { ok = a < b || (eq != "" && a == b)
               printf "%s: %s: %s (bgpd-cfn %s, %s)\n", kind, text, ok ? "PASS" : "FAIL", a, b }'
  done
}
verdict required frr seconds "faster than FRR bgpd"
verdict required gobgp seconds "faster than GoBGP"
verdict required frr per_route "less memory per route than FRR bgpd"
verdict goal bird seconds "faster than BIRD"
verdict goal bird per_route "no more memory per route than BIRD" or-equal
exit "$failed"
