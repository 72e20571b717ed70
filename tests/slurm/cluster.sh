#!/usr/bin/env bash
# A throw-away Slurm cluster on this one host, for tests.
#
#   tests/slurm/cluster.sh start DIR   # last line on stdout: export SLURM_CONF=DIR/slurm.conf
#   tests/slurm/cluster.sh stop DIR    # cancels all jobs, stops the daemons, kills leftovers
#
# Everything (munge key and socket, slurm.conf, state, spool, logs, pid files)
# lives under DIR; nothing in /etc, /run or /var is read or written, only the
# binaries of Debian's `slurm-wlm` and `munge` packages are used. One munged,
# one slurmctld and three slurmd (n1, n2, n3) on distinct ports of this host.
# Start takes ~0.4-1 s, stop ~0.2 s (up to ~2.5 s with jobs still running).
#
# Environment:
#   SLURM_TEST_PORT_BASE  slurmctld listens on BASE, slurmd n1..n3 on BASE+1..BASE+3
#                         (default: a random free range in 20000-29999, retried on
#                         a clash, so that several clusters may run at once).
#   SLURM_TEST_CPUS       CPUs per node (default 4; more than the host has is fine,
#                         SlurmdParameters=config_overrides lets us overcommit).
#   SLURM_TEST_TIMEOUT    seconds `start` waits for the nodes to be idle (default 60).
#   SLURM_TEST_HOST       SlurmctldHost/NodeHostname (default localhost, see below).
#   SLURM_TEST_SBIN       where to look first for munged/slurmctld/slurmd.
#   SLURM_TEST_GLUSTER    VOLUME:PATH (e.g. from tests/gluster/cluster.sh): each slurmd runs in
#                         its own mount namespace (unshare -m --propagation private) with its
#                         own GlusterFS client mounting localhost:/VOLUME at PATH, so the three
#                         nodes see one volume at one path through three clients, each with its
#                         own caches, as real nodes do. Unset: the nodes share this host's mounts.
#
# Must run as root: slurmd has to become the job's user (SlurmUser=root too).
#
# Things that tripped us (Slurm 22.05.8, munge 0.5.15, Debian 12, in a VM):
#  * Debian's Slurm is not built with --enable-multiple-slurmd, yet `slurmd -N`
#    with a per-node `Port=` works, as long as every slurmd has its own
#    SlurmdSpoolDir (%n) and pid file (%n), where slurmstepd sockets live.
#  * SlurmctldHost must be this host's short name or "localhost", else
#    slurmctld exits at once ("This host (vm/vm) not a valid controller") after
#    its parent already returned 0: so we wait for its pid file and check it.
#    We use localhost and give every daemon 127.0.0.1 explicitly (NodeAddr,
#    munged --origin), so the hostname need not resolve (DNS or /etc/hosts).
#  * munged wants --force as root and checks the permissions of its key,
#    socket and log dirs; it warns unless the socket dir is executable by all
#    (we chmod 711 DIR). sun_path is 108 bytes: keep DIR short (checked below).
#  * AuthInfo=socket=... is read by auth/munge and cred/munge in every daemon
#    and client command (through SLURM_CONF): one setting covers all.
#  * No cgroups needed: ProctrackType=proctrack/linuxproc + TaskPlugin=task/none
#    (no cgroup.conf, /sys/fs/cgroup may be read-only). linuxproc finds a job's
#    processes by parent pid, so it also kills tasks that made their own
#    process group (setsid/detached), but not ones that daemonized away.
#  * SchedulerParameters=batch_sched_delay=0,bf_interval=1: sbatch jobs still
#    start ~1 s after submission (slurmctld's background loop ticks once a
#    second); srun/salloc start at once unless an sbatch job is queued ahead.
#  * `scancel` of a job that ignores SIGTERM: SIGKILL came ~5 s later, not
#    KillWait=2 s; `scancel -s KILL` behaves the same. See stop_cluster.
#  * This VM's PID 1 reaps orphans only every ~2-5 s: a dead daemon or killed
#    job process stays a zombie meanwhile, and `kill -0 PID` still succeeds.
#    We treat state Z as dead. (Same trap for the farmer's own liveness checks.)
#  * Stopping slurmd does NOT stop running job steps (slurmstepd lives on):
#    stop cancels all jobs first, then kills what is left, found by open files
#    under DIR and parent pids, never by process name.
#  * Clients: an srun/salloc whose controller is gone ignores SIGTERM and keeps
#    retrying; callers should end their srun/salloc before `stop` (or SIGKILL).
#  * Harmless log noise: "mpi/pmix_v4 ... can not load PMIx library" (slurmd
#    loads every MPI plugin; no libpmix installed), "Could not open ... state
#    file" (fresh StateSaveLocation), munged "Unauthorized credential for
#    client UID=0" and "Replayed credential" (logged while every job works).
#  * apt's postinst tries to start the munge/slurmd/slurmctld services; in a
#    container policy-rc.d denies it, which is what we want. A system munged,
#    if running, is left alone: ours has its own socket and key.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop DIR" >&2
  exit 2
}

[[ $# -eq 2 ]] || usage
cmd=$1
dir=$2
if [[ $cmd == stop && ! -d $dir ]]; then exit 0; fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd -P)

SBIN=${SLURM_TEST_SBIN:-}
find_bin() {
  local name=$1 p
  for p in ${SBIN:+"$SBIN/$name"} "$(command -v "$name" 2>/dev/null || true)" "/usr/sbin/$name" "/usr/bin/$name"; do
    if [[ -n $p && -x $p ]]; then
      echo "$p"
      return 0
    fi
  done
  echo "cluster.sh: $name not found (apt-get install slurm-wlm munge)" >&2
  return 1
}

conf=$dir/slurm.conf
nodes=(n1 n2 n3)

# --- ports -------------------------------------------------------------------

listening_ports() {
  # Local ports in LISTEN state (st 0A) from /proc/net/tcp{,6}, in decimal.
  local f
  for f in /proc/net/tcp /proc/net/tcp6; do
    [[ -r $f ]] || continue
    awk 'NR > 1 && $4 == "0A" { split($2, a, ":"); print a[2] }' "$f"
  done | while read -r hex; do echo $((16#$hex)); done | sort -u
}

pick_port_base() {
  if [[ -n ${SLURM_TEST_PORT_BASE:-} ]]; then
    echo "$SLURM_TEST_PORT_BASE"
    return
  fi
  local used base i ok
  used=" $(listening_ports | tr '\n' ' ') "
  for _ in $(seq 1 50); do
    base=$((20000 + (RANDOM % 2500) * 4))
    ok=1
    for i in 0 1 2 3; do
      [[ $used == *" $((base + i)) "* ]] && ok=0
    done
    if [[ $ok == 1 ]]; then
      echo "$base"
      return
    fi
  done
  echo "cluster.sh: no free port range found" >&2
  return 1
}

# --- pid helpers ---------------------------------------------------------------

# Daemons are reparented to PID 1; in some containers PID 1 reaps late, so a
# dead daemon lingers as a zombie for a while and `kill -0` still succeeds.
# Treat zombies as dead.
pid_alive() {
  [[ -n ${1:-} ]] || return 1
  local st
  st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  st=${st##*) }
  [[ ${st:0:1} != Z ]]
}

read_pid() { if [[ -s $1 ]]; then tr -dc '0-9' <"$1"; fi; }

pidfiles() {
  local n
  for n in "${nodes[@]}"; do echo "$dir/slurmd.$n.pid"; done
  echo "$dir/slurmctld.pid"
  echo "$dir/munged.pid"
}

# "pid ppid state" for every process (comm may contain spaces: cut at ") ").
proc_table() {
  cat /proc/[0-9]*/stat 2>/dev/null |
    awk '{ pid = $1; s = $0; sub(/^.*\) /, "", s); split(s, a, " "); print pid, a[2], a[1] }' || true
}

# Processes that have a file open under the given DIR subfolders: slurmstepd
# and slurmscriptd keep a daemon log (DIR/log) open, a batch job's shell its
# script (DIR/spool). Found by their open files, never by name, so other
# clusters and a system Slurm are left alone.
stray_roots() {
  local sub args=()
  for sub in "$@"; do args+=(-o -lname "$dir/$sub/*"); done
  find /proc/[0-9]*/fd -maxdepth 1 \( "${args[@]:1}" \) 2>/dev/null |
    cut -d/ -f3 | sort -u || true
}

# The given pids and all their descendants that are alive (not zombies), but
# never this script, nor its ancestors, nor PID 1.
with_descendants() {
  proc_table | awk -v roots="$*" -v self="$$" -v sub_="${BASHPID:-}" '
    BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1 }
    { ppid[$1] = $2; st[$1] = $3 }
    END {
      do {
        changed = 0
        for (p in ppid) if (!(p in keep) && (ppid[p] in keep)) { keep[p] = 1; changed = 1 }
      } while (changed)
      for (p = self; p > 1 && (p in ppid); p = ppid[p]) spare[p] = 1
      spare[sub_] = 1
      for (p in keep) if ((p in st) && st[p] != "Z" && p > 1 && !(p in spare)) print p
    }' | sort -n
}

# SIGKILL what jobs left behind. Freeze (SIGSTOP) the tree first and look
# again until it stops growing, so nothing forks away while we kill.
#   kill_strays jobs  only the jobs' processes (the daemons and slurmstepd live)
#   kill_strays all   also slurmstepd, slurmscriptd, ... (once daemons are gone)
kill_strays() {
  local mode=$1 roots protect="" pids prev="" i f
  roots=$(stray_roots log spool)
  [[ -n $roots ]] || return 0
  if [[ $mode == jobs ]]; then
    protect="$(stray_roots log) $(for f in $(pidfiles); do read_pid "$f"; echo; done)"
  fi
  for ((i = 0; i < 5; i++)); do
    # shellcheck disable=SC2086
    pids=$(with_descendants $roots $prev | grep -vxF -f <(printf '%s\n' $protect) || true)
    [[ -n $pids && $pids != "$prev" ]] || break
    # shellcheck disable=SC2086
    kill -STOP $pids 2>/dev/null || true
    prev=$pids
  done
  [[ -n $prev ]] || return 0
  [[ $mode == all ]] && echo "cluster.sh: killing leftover processes: $(tr '\n' ' ' <<<"$prev")" >&2
  # shellcheck disable=SC2086
  kill -KILL $prev 2>/dev/null || true
}

wait_for_file() { # file timeout_deciseconds
  local i
  for ((i = 0; i < $2; i++)); do
    [[ -s $1 ]] && return 0
    sleep 0.1
  done
  return 1
}

dump_logs() {
  local f
  for f in "$dir"/log/*.log; do
    [[ -f $f ]] || continue
    echo "===== $f (last 40 lines) =====" >&2
    tail -n 40 "$f" >&2
  done
  if pid_alive "$(read_pid "$dir/slurmctld.pid")" && command -v sinfo >/dev/null; then
    echo "===== sinfo =====" >&2
    SLURM_CONF=$conf sinfo -N -o '%N %T %E' >&2 || true
  fi
}

fail() {
  # Lost a race for a randomly picked port (another cluster starting at the
  # same moment): exit 3, and `start` picks new ports and tries again.
  if [[ -z ${SLURM_TEST_PORT_BASE:-} ]] && grep -qs 'Address already in use' "$dir"/log/*.log; then
    echo "cluster.sh: port range ${base:-?} busy, retrying with other ports" >&2
    stop_cluster >/dev/null 2>&1 || true
    exit 3
  fi
  echo "cluster.sh: $*" >&2
  dump_logs
  stop_cluster || true
  exit 1
}

# --- start ---------------------------------------------------------------------

write_conf() {
  local base=$1 cpus=$2 host=$3 n i
  {
    cat <<EOF
# Generated by tests/slurm/cluster.sh; state lives in $dir
ClusterName=taskfarmer
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$base
SlurmdPort=$((base + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.sock
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.%n.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.%n.log
SlurmctldDebug=info
SlurmdDebug=info
SlurmdParameters=config_overrides
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
# batch_sched_delay defaults to 3 s: sbatch jobs would wait up to 3 s to start.
SchedulerParameters=batch_sched_delay=0,bf_interval=1
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
KillWait=2
MinJobAge=300
InactiveLimit=0
PropagateResourceLimits=NONE
MailProg=/bin/true
TmpFS=$dir/tmp
EOF
    i=1
    for n in "${nodes[@]}"; do
      echo "NodeName=$n NodeHostname=$host NodeAddr=127.0.0.1 Port=$((base + i)) CPUs=$cpus State=UNKNOWN"
      i=$((i + 1))
    done
    echo "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP"
  } >"$conf"
}

# slurmd of node $2 in a mount namespace of its own, with its own GlusterFS client at PATH. The
# namespace lives as long as a process in it does: slurmd (and its job steps) and the client,
# whose pid goes to DIR/gluster-client.NODE.pid for stop_cluster.
start_slurmd_with_mount() {
  local slurmd=$1 n=$2 volume=${SLURM_TEST_GLUSTER%%:*} path=${SLURM_TEST_GLUSTER#*:}
  [[ -d $path ]] || fail "SLURM_TEST_GLUSTER: $path is not a directory"
  unshare -m --propagation private bash -c '
    set -e
    volume=$1 path=$2 pidfile=$3 slurmd=$4 node=$5 conf=$6
    # The host may mount the volume at PATH too: detach our private copy of that mount first
    # (mount.glusterfs refuses a path /proc/mounts lists), so that this node has its own client.
    umount -l "$path" 2>/dev/null || true
    mount -t glusterfs "localhost:/$volume" "$path"
    me=$(readlink /proc/self/ns/mnt)
    # The client serving PATH in this namespace (the host may run one for the same PATH).
    for p in $(pgrep -f -- "--volfile-id=/$volume $path\$" || true); do
      [[ $(readlink "/proc/$p/ns/mnt" 2>/dev/null) == "$me" ]] && echo "$p" >"$pidfile"
    done
    [[ -s $pidfile ]] || { echo "no glusterfs client found for $path" >&2; exit 1; }
    exec "$slurmd" -N "$node" -f "$conf"
  ' bash "$volume" "$path" "$dir/gluster-client.$n.pid" "$slurmd" "$n" "$conf"
}

start_cluster() {
  local munged slurmctld slurmd sinfo base cpus host timeout n i
  munged=$(find_bin munged)
  slurmctld=$(find_bin slurmctld)
  slurmd=$(find_bin slurmd)
  sinfo=$(find_bin sinfo)

  for f in $(pidfiles); do
    if pid_alive "$(read_pid "$f")"; then
      echo "cluster.sh: a cluster already runs in $dir ($f); stop it first" >&2
      exit 1
    fi
  done

  if [[ ${#dir} -gt 90 ]]; then
    echo "cluster.sh: DIR path too long for a unix socket (${#dir} > 90 chars): $dir" >&2
    exit 1
  fi

  base=$(pick_port_base)
  cpus=${SLURM_TEST_CPUS:-4}
  timeout=${SLURM_TEST_TIMEOUT:-60}
  host=${SLURM_TEST_HOST:-localhost}

  chmod 711 "$dir" # munged: no group/other write; x lets clients reach the socket
  mkdir -p "$dir/log" "$dir/state" "$dir/tmp"
  for n in "${nodes[@]}"; do mkdir -p "$dir/spool/$n"; done
  write_conf "$base" "$cpus" "$host"

  # munge: private key, own socket, everything under DIR.
  if [[ ! -s $dir/munge.key ]]; then
    (umask 077 && head -c 1024 /dev/urandom >"$dir/munge.key")
  fi
  chmod 400 "$dir/munge.key"
  rm -f "$dir/munge.sock" "$dir/munge.sock.lock" "$dir/munged.pid"
  "$munged" --force \
    --socket="$dir/munge.sock" \
    --key-file="$dir/munge.key" \
    --pid-file="$dir/munged.pid" \
    --log-file="$dir/log/munged.log" \
    --seed-file="$dir/munged.seed" \
    --origin=127.0.0.1 ||
    fail "munged failed to start"
  wait_for_file "$dir/munged.pid" 50 || fail "munged wrote no pid file"
  for ((i = 0; i < 50; i++)); do [[ -S $dir/munge.sock ]] && break; sleep 0.1; done
  [[ -S $dir/munge.sock ]] || fail "munged socket did not appear"

  export SLURM_CONF=$conf
  # -c: clear saved state (a fresh cluster every time); daemons fork themselves.
  "$slurmctld" -c -f "$conf" || fail "slurmctld failed to start"
  # slurmctld forks and returns 0 before it validates much (e.g. "This host
  # (x) not a valid controller"): wait for its pid file and check it lives.
  wait_for_file "$dir/slurmctld.pid" 50 || fail "slurmctld wrote no pid file"
  sleep 0.1
  pid_alive "$(read_pid "$dir/slurmctld.pid")" || fail "slurmctld died at start"
  for n in "${nodes[@]}"; do
    if [[ -n ${SLURM_TEST_GLUSTER:-} ]]; then
      start_slurmd_with_mount "$slurmd" "$n" || fail "slurmd $n with its own GlusterFS mount failed to start"
    else
      "$slurmd" -N "$n" -f "$conf" || fail "slurmd $n failed to start"
    fi
  done
  for n in "${nodes[@]}"; do
    wait_for_file "$dir/slurmd.$n.pid" 50 || fail "slurmd $n wrote no pid file"
  done

  local deadline=$((SECONDS + timeout)) out idle
  while :; do
    out=$("$sinfo" -h -N -o '%N %T' 2>/dev/null || true)
    idle=$(awk '$2 == "idle" { c++ } END { print c + 0 }' <<<"$out")
    [[ $idle -ge ${#nodes[@]} ]] && break
    ((SECONDS >= deadline)) && fail "nodes not idle after ${timeout}s: $(tr '\n' ';' <<<"$out")"
    for f in $(pidfiles); do
      pid_alive "$(read_pid "$f")" || fail "daemon of $f is not running"
    done
    sleep 0.2
  done
  echo "cluster.sh: slurm cluster up in $dir (slurmctld port $base, slurmd ports $((base + 1))-$((base + 3)))" >&2
  echo "export SLURM_CONF=$conf"
}

# --- stop ----------------------------------------------------------------------

stop_cluster() {
  # Best effort: one failing command must not leave the daemons running.
  set +e
  local f pid pids=() i alive
  # 1. Cancel every job while slurmctld still runs, so that srun/salloc
  #    clients of the tests learn that their job ended and exit. A job that
  #    ignores SIGTERM would take >= 5 s to die (slurmd waits
  #    max(KillWait, 5) s before SIGKILL; `scancel -s KILL` does not help,
  #    slurmctld treats it as a plain cancel), so after 0.5 s we SIGKILL the
  #    jobs' processes ourselves, and stop waiting after 1 s: killed
  #    processes can linger as zombies where PID 1 reaps late, and
  #    proctrack/linuxproc then backs off 1, 2, 4 s. Step 3 cleans up.
  if pid_alive "$(read_pid "$dir/slurmctld.pid")" && [[ -f $conf ]]; then
    local ids
    ids=$(SLURM_CONF=$conf squeue -h -o %A 2>/dev/null | tr '\n' ' ' || true)
    if [[ -n ${ids// /} ]]; then
      # shellcheck disable=SC2086
      SLURM_CONF=$conf scancel $ids 2>/dev/null || true
      for ((i = 0; i < 10; i++)); do
        ids=$(SLURM_CONF=$conf squeue -h -o %A 2>/dev/null || true)
        [[ -z $ids ]] && break
        [[ $i == 5 ]] && kill_strays jobs
        sleep 0.1
      done
    fi
  fi
  # 2. The daemons, all at once, each by the pid in its pid file. A slurmd
  #    does not exit on SIGTERM while it still waits for a job step to end,
  #    so after 3 s it gets SIGKILL: all its state is disposable.
  for f in $(pidfiles); do
    pid=$(read_pid "$f")
    if pid_alive "$pid"; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done
  for ((i = 0; i < 50; i++)); do
    alive=()
    for pid in "${pids[@]}"; do pid_alive "$pid" && alive+=("$pid"); done
    [[ ${#alive[@]} == 0 ]] && break
    if [[ $i == 30 ]]; then
      kill -KILL "${alive[@]}" 2>/dev/null || true
    fi
    sleep 0.1
  done
  alive=()
  for pid in "${pids[@]}"; do pid_alive "$pid" && alive+=("$pid"); done
  if [[ ${#alive[@]} -gt 0 ]]; then
    echo "cluster.sh: daemons still running after SIGKILL: ${alive[*]}" >&2
    return 1
  fi
  for f in $(pidfiles); do rm -f "$f"; done
  # 3. slurmstepd and job processes survive their slurmd: kill them.
  kill_strays all
  # 4. The nodes' own GlusterFS clients (SLURM_TEST_GLUSTER): their mounts go with their
  #    namespaces once nothing else lives in them.
  for f in "$dir"/gluster-client.*.pid; do
    [[ -s $f ]] || continue
    pid=$(read_pid "$f")
    pid_alive "$pid" && kill -TERM "$pid" 2>/dev/null
    rm -f "$f"
  done
  return 0
}

case $cmd in
start)
  for _ in 1 2 3 4 5; do
    rc=0
    "$BASH" "${BASH_SOURCE[0]}" __start "$dir" || rc=$?
    [[ $rc == 3 ]] || exit "$rc"
    rm -f "$dir"/log/*.log
  done
  exit 1
  ;;
__start) start_cluster ;;
stop) stop_cluster ;;
*) usage ;;
esac
