#!/usr/bin/env bash
# A throw-away GlusterFS volume on this one host, seen through several FUSE mounts, for tests.
#
#   tests/gluster/cluster.sh start DIR        # last line on stdout: export GLUSTER_MOUNTS="DIR/m1 DIR/m2 DIR/m3"
#   tests/gluster/cluster.sh stop DIR         # unmounts, deletes the volume, removes the brick
#   tests/gluster/cluster.sh brick-pid DIR    # pid of the volume's brick process (glusterfsd)
#   tests/gluster/cluster.sh client-pid DIR N # pid of the glusterfs client behind mount N
#   tests/gluster/cluster.sh brick-start DIR  # `gluster volume start V force`: restarts a dead brick
#
# Each mount is a separate `glusterfs` client process with its own caches, so it stands for one
# node of a cluster: what one mount writes, another sees only through the brick, as on a real
# parallel filesystem (appends from two mounts to one file can interleave mid-line, listings can
# lag). The brick is DIR/brick; the volume is named after DIR's path (tf-<hash>), so several
# volumes of several test runs coexist on the one glusterd of this host.
#
# glusterd is one daemon per host. `start` starts it if it does not answer (as CI's fresh
# machine needs) and otherwise uses the one that runs; `stop` stops it only when no volume is
# left and a cluster.sh started it. Both hold a lock (/run/lock/taskfarmer-gluster.lock) while
# they talk to glusterd, whose CLI refuses concurrent transactions.
#
# Environment:
#   GLUSTER_TEST_MOUNTS   how many client mounts (default 3)
#   GLUSTER_TEST_TIMEOUT  seconds to wait for glusterd, the brick and each mount (default 60)
#
# Must run as root (glusterd, mount, /dev/fuse). Things that tripped us (GlusterFS 10.3, Debian 12):
#  * glusterd daemonizes only after its init, ~1-12 s here; its CLI fails meanwhile.
#  * A brick on "localhost" or 127.0.0.1 is refused: the brick host is this host's name, which
#    must resolve to a local address (it does through /etc/hosts on Debian).
#  * A brick under /tmp or / is refused unless `force` is given (we give it: the brick is scratch).
#  * Killing a client (glusterfs) leaves its mount point answering ENOTCONN until unmounted;
#    `umount -l` detaches it. Killing the brick (glusterfsd) makes every mount answer ENOTCONN
#    until `gluster volume start V force` starts it again; the clients reconnect by themselves
#    within a few seconds.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop|brick-pid|brick-start DIR | client-pid DIR N" >&2
  exit 2
}

[[ $# -ge 2 ]] || usage
cmd=$1
dir=$2
if [[ $cmd == stop && ! -d $dir ]]; then exit 0; fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd -P)
volume=tf-$(printf '%s' "$dir" | md5sum | cut -c1-12)
nmounts=${GLUSTER_TEST_MOUNTS:-3}
timeout=${GLUSTER_TEST_TIMEOUT:-60}
lockfile=/run/lock/taskfarmer-gluster.lock
started_mark=/run/lock/taskfarmer-gluster.glusterd-pid

mounts() {
  local i
  for ((i = 1; i <= nmounts; i++)); do echo "$dir/m$i"; done
}

find_bin() {
  local p
  for p in "$(command -v "$1" 2>/dev/null || true)" "/usr/sbin/$1" "/usr/bin/$1" "/sbin/$1"; do
    if [[ -n $p && -x $p ]]; then
      echo "$p"
      return 0
    fi
  done
  echo "cluster.sh: $1 not found (apt-get install glusterfs-server glusterfs-client)" >&2
  return 1
}

g() { timeout 60 gluster --mode=script "$@"; }

# The glusterd CLI refuses a second transaction while one runs ("Another transaction is in
# progress"), which other test runs may cause at any time: retry a few times.
g_retry() {
  local i out
  for ((i = 0; i < 10; i++)); do
    if out=$(g "$@" 2>&1); then
      printf '%s\n' "$out"
      return 0
    fi
    case $out in
    *"in progress"* | *"Locking failed"* | *"try again"* | *"Connection failed"*) sleep 1 ;;
    *)
      printf '%s\n' "$out" >&2
      return 1
      ;;
    esac
  done
  printf '%s\n' "$out" >&2
  return 1
}

glusterd_up() { g volume list >/dev/null 2>&1; }

is_mounted() { awk -v m="$1" '$2 == m && $3 ~ /glusterfs/ { f = 1 } END { exit !f }' /proc/mounts; }

# The client process serving a mount point: the glusterfs whose last argument is the mount point.
client_pid() {
  local m=$1 p me
  # Only this mount namespace's: a Slurm test node may run a client for the same path in its own.
  me=$(readlink /proc/self/ns/mnt)
  for p in $(pgrep -f -- "--volfile-id=/$volume $m\$" || true); do
    [[ $(readlink "/proc/$p/ns/mnt" 2>/dev/null) == "$me" ]] && echo "$p"
  done
  return 0
}

brick_pid() {
  local f
  f=$(ls /var/run/gluster/vols/"$volume"/*.pid 2>/dev/null | head -1 || true)
  [[ -n $f && -s $f ]] && echo "$(tr -dc '0-9' <"$f")"
  return 0
}

start() {
  local glusterd brick host i m deadline
  glusterd=$(find_bin glusterd)
  find_bin gluster >/dev/null
  find_bin mount.glusterfs >/dev/null
  [[ -e /dev/fuse ]] || {
    echo "cluster.sh: /dev/fuse is missing: no FUSE mounts here" >&2
    exit 1
  }
  brick=$dir/brick
  host=$(hostname)
  mkdir -p "$brick"
  (
    flock -w 300 9 || {
      echo "cluster.sh: $lockfile stayed locked for 300 s" >&2
      exit 1
    }
    if ! glusterd_up; then
      # 9>&-: the daemon must not inherit the lock's descriptor, or it holds the lock for as
      # long as it runs and every later start, stop and brick-start waits for it in vain.
      "$glusterd" 9>&- || true
      deadline=$((SECONDS + timeout))
      until glusterd_up; do
        ((SECONDS < deadline)) || {
          echo "cluster.sh: glusterd does not answer after ${timeout}s (see /var/log/glusterfs/glusterd.log)" >&2
          exit 1
        }
        sleep 0.5
      done
      cat /var/run/glusterd.pid >"$started_mark" 2>/dev/null || true
    fi
    if ! g volume info "$volume" >/dev/null 2>&1; then
      g_retry volume create "$volume" "$host:$brick" force >/dev/null
    fi
    if ! g volume info "$volume" | grep -q '^Status: Started'; then
      g_retry volume start "$volume" force >/dev/null
    fi
  ) 9>>"$lockfile"

  for m in $(mounts); do
    # A mount whose client died (a fault test killed it) answers ENOTCONN: detach it, mount anew.
    if is_mounted "$m" && ! stat "$m" >/dev/null 2>&1; then umount -l "$m"; fi
    mkdir -p "$m"
    is_mounted "$m" && continue
    deadline=$((SECONDS + timeout))
    until mount -t glusterfs "localhost:/$volume" "$m" 2>"$dir/mount.err"; do
      # The brick may take a moment to listen after `volume start`.
      ((SECONDS < deadline)) || {
        echo "cluster.sh: mount of $volume at $m failed: $(cat "$dir/mount.err")" >&2
        exit 1
      }
      sleep 0.5
    done
  done
  # A mount is usable once a file written through one is seen through the others.
  echo "$volume" >"$(mounts | head -1)/.cluster-probe"
  for m in $(mounts); do
    deadline=$((SECONDS + timeout))
    until [[ $(cat "$m/.cluster-probe" 2>/dev/null) == "$volume" ]]; do
      ((SECONDS < deadline)) || {
        echo "cluster.sh: $m does not show the volume's files" >&2
        exit 1
      }
      sleep 0.2
    done
  done
  rm -f "$(mounts | head -1)/.cluster-probe"
  echo "cluster.sh: gluster volume $volume up, brick $brick, mounts $(mounts | tr '\n' ' ')" >&2
  echo "export GLUSTER_VOLUME=$volume GLUSTER_MOUNTS=\"$(mounts | tr '\n' ' ' | sed 's/ $//')\""
}

stop() {
  set +e
  local m pid p
  # Every mount point under DIR named m<N>, whatever GLUSTER_TEST_MOUNTS was at start.
  for m in "$dir"/m[0-9]*; do
    [[ -d $m ]] || continue
    pid=$(client_pid "$m")
    if is_mounted "$m"; then umount "$m" 2>/dev/null || umount -l "$m"; fi
    # A client killed by a test, or one a lazy unmount left running: no longer needed.
    for p in $pid; do kill -TERM "$p" 2>/dev/null; done
  done
  (
    flock -w 300 9 || exit 1
    if glusterd_up; then
      if g volume info "$volume" >/dev/null 2>&1; then
        g_retry volume stop "$volume" force >/dev/null
        g_retry volume delete "$volume" >/dev/null
      fi
      # The last volume gone: stop the glusterd a cluster.sh started (never a system one).
      if [[ $(g volume list 2>/dev/null) == "No volumes present"* && -s $started_mark ]]; then
        pid=$(tr -dc '0-9' <"$started_mark")
        if [[ -n $pid && $({ tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null) == *glusterd* ]]; then
          kill -TERM "$pid" 2>/dev/null
        fi
        rm -f "$started_mark"
      fi
    fi
  ) 9>>"$lockfile"
  rm -rf "$dir/brick" "$dir/mount.err"
  for m in "$dir"/m[0-9]*; do rmdir "$m" 2>/dev/null; done
  return 0
}

case $cmd in
start) start ;;
stop) stop ;;
brick-pid) brick_pid ;;
brick-start) (flock -w 300 9 && g_retry volume start "$volume" force >/dev/null) 9>>"$lockfile" ;;
client-pid)
  [[ $# -eq 3 ]] || usage
  client_pid "$dir/m$3"
  ;;
*) usage ;;
esac
