import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  FARMER_SIGNALS
} from "./chunk-D3XK7U5S.js";
import {
  killTree
} from "./chunk-T4NJYJET.js";
import "./chunk-VRDWDH7S.js";
import "./chunk-CFRLDQD2.js";

// src/runners/process.ts
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";

// src/runners/launcher-source.ts
var launcher_source_default = `#!/usr/bin/perl
# The per-slot task launcher of taskfarmer (src/runners/process.ts starts one per worker slot).
#
# Why it exists: Node's spawn copies the whole Node process for every task. On our 2-core test
# machine 1,000 \`true\` tasks at -n 8 took 6.9x the wall time with Node spawning each task than
# through this launcher (npm run bench, the "no perl" row; docs/architecture.md has the run).
#
# Usage: perl launcher.pl SIGNAL...
#   The signals named on the command line (without SIG, e.g. INT TERM HUP USR1 USR2) are the
#   farmer's stop and drain signals. Slurm sends them to every process of a job step; the
#   launcher ignores them (the farmer decides what happens to tasks) and gives every task the
#   default handling back.
#
# Wire protocol, one request at a time (one launcher serves one worker slot):
#   request  (stdin):  a field count N, "\\n", then N fields, each "<byte length>\\n<bytes>".
#                      Fields: log file, log mode, frame header, working directory ("" =
#                      inherit), env count K, K "NAME=value" entries, then the argv (file first).
#                      Log mode "w": the log is created or truncated for this task alone (one
#                      file per task; the frame header must be empty).
#                      Log mode "a": the task's output is appended to the log, which stays open
#                      for the next requests naming the same file (no open or create per task).
#                      A non-empty frame header is written first; it must hold one run of "?"
#                      (the size slot). When the task has ended, a newline is appended if its
#                      output is not empty and does not end with one, and then the size of its
#                      output in bytes (without that newline), right-aligned, is written over
#                      the "?"s. A slot still full of "?"s thus means "running, or the launcher
#                      died" (src/workdir/tasklog.ts reads these frames).
#   replies (stdout):  "P <pid>\\n"   the task started, in its own process group <pid>;
#                      then one of
#                      "X <code>\\n"  it exited with status <code>,
#                      "S <signo>\\n" it was killed by signal <signo>,
#                      "E <why>\\n"   it could not be started (no "P" line before it).
#   The launcher exits when its stdin closes.
use strict;
use warnings;
use POSIX ();
use Fcntl qw(O_WRONLY O_APPEND O_CREAT O_EXCL O_NOFOLLOW);

$| = 1;
binmode STDIN;
binmode STDOUT;

my @stops = @ARGV;

# The append-mode log stays open between tasks: an append handle the tasks write to, and a
# second handle without O_APPEND to fill in size slots (on Linux, a positioned write to an
# O_APPEND file appends).
my ($apath, $afh, $rfh);
$SIG{$_} = 'IGNORE' for @stops;

# Reads one "<length>\\n<bytes>" field; undef at end of input.
sub field {
    my $n = <STDIN>;
    return undef unless defined $n;
    chomp $n;
    my $b = '';
    while (length($b) < $n) {
        my $r = read(STDIN, $b, $n - length($b), length($b));
        return undef unless $r;
    }
    return $b;
}

while (defined(my $count = <STDIN>)) {
    chomp $count;
    my @f;
    for (1 .. $count) {
        my $x = field();
        exit 0 unless defined $x;
        push @f, $x;
    }
    my ($log, $mode, $header, $cwd, $nenv) = splice(@f, 0, 5);
    my @env  = splice(@f, 0, $nenv);
    my @argv = @f;

    my ($fh, $frame);
    if ($mode eq 'a') {
        $fh = append_log($log);
        unless ($fh) {
            print "E cannot write log $log: $!\\n";
            next;
        }
        $frame = begin_frame($header) if length $header;
    } else {
        close_append();
        # The log is a new file of our own: whatever is at its path goes first (a symlink or
        # hard link planted by another user of the workdir is removed, its target untouched),
        # and the exclusive, no-follow create fails rather than write through one planted again.
        unlink $log;
        unless (sysopen($fh, $log, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644)) {
            print "E cannot write log $log: $!\\n";
            next;
        }
    }
    my $pid = fork();
    unless (defined $pid) {
        print "E cannot fork: $!\\n";
        close $fh if $mode ne 'a';
        next;
    }
    if ($pid == 0) {
        POSIX::setpgid(0, 0);
        $SIG{$_} = 'DEFAULT' for @stops;
        open(STDIN, '<', '/dev/null');
        POSIX::dup2(fileno($fh), 1);
        POSIX::dup2(fileno($fh), 2);
        for my $e (@env) {
            my ($k, $v) = split(/=/, $e, 2);
            $ENV{$k} = $v;
        }
        if (length $cwd && !chdir $cwd) {
            print STDERR "taskfarmer: cannot cd to $cwd: $!\\n";
            POSIX::_exit(127);
        }
        { no warnings 'exec'; exec { $argv[0] } @argv; }
        print STDERR "taskfarmer: cannot run $argv[0]: $!\\n";
        POSIX::_exit(127);
    }
    close $fh if $mode ne 'a';
    # Set in both parent and child: whichever runs first, the group exists before "P" is read.
    POSIX::setpgid($pid, $pid);
    print "P $pid\\n";
    waitpid($pid, 0);
    my $status = $?;
    end_frame($frame) if $frame;
    if ($status & 127) { print "S ", ($status & 127), "\\n" } else { print "X ", ($status >> 8), "\\n" }
}

sub append_log {
    my ($path) = @_;
    return $afh if defined $apath && $apath eq $path;
    close_append();
    # Never through a symlink planted in the workdir.
    sysopen($afh, $path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW, 0644) or return undef;
    unless (sysopen($rfh, $path, POSIX::O_RDWR() | O_NOFOLLOW)) {
        close $afh;
        return undef;
    }
    $apath = $path;
    return $afh;
}

sub close_append {
    close $afh if $afh;
    close $rfh if $rfh;
    ($apath, $afh, $rfh) = ();
}

# Writes the header; returns where the output starts and where the size slot is.
sub begin_frame {
    my ($header) = @_;
    my $at = (stat $afh)[7];
    syswrite($afh, $header);
    my $slot = index($header, '?');
    my $width = 0;
    $width++ while substr($header, $slot + $width, 1) eq '?';
    return { out => $at + length($header), slot => $at + $slot, width => $width };
}

sub end_frame {
    my ($fr) = @_;
    my $size = (stat $afh)[7];
    my $n = $size - $fr->{out};
    if ($n > 0) {
        my $last = '';
        sysseek($rfh, $size - 1, 0);
        sysread($rfh, $last, 1);
        syswrite($afh, "\\n") if $last ne "\\n";
    }
    sysseek($rfh, $fr->{slot}, 0);
    syswrite($rfh, sprintf('%*d', $fr->{width}, $n));
}
`;

// src/runners/process.ts
function findPerl(path = "/usr/bin:/bin") {
  for (const dir of path.split(":")) {
    const p = `${dir}/perl`;
    if (dir && existsSync(p)) return p;
  }
  return void 0;
}
var signalNames = new Map(Object.entries(constants.signals).map(([k, v]) => [v, k]));
var PerlLauncher = class {
  /**
   * `bind`: the slot's cores. The launcher is started under taskset once, and every task it
   * forks inherits its affinity: binding costs nothing per task.
   */
  constructor(perl, baseEnv, bind) {
    this.perl = perl;
    this.baseEnv = baseEnv;
    this.bind = bind;
  }
  perl;
  baseEnv;
  bind;
  child;
  buffered = "";
  current;
  run(spec, log, env) {
    const child = this.ensure();
    const cur = { resolve: () => {
    } };
    const exited = new Promise((resolve) => cur.resolve = resolve);
    this.current = cur;
    const envs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    const mode = log.append ? "a" : "w";
    const fields = [log.path, mode, log.header, spec.cwd ?? "", String(envs.length), ...envs, spec.file, ...spec.args];
    let msg = `${fields.length}
`;
    for (const f of fields) msg += `${Buffer.byteLength(f)}
${f}`;
    child.stdin.write(msg);
    return {
      exited,
      kill: (signal) => {
        if (cur.pid) killTree(cur.pid, signal);
        else cur.pendingKill = signal;
      }
    };
  }
  /** Ends the launcher (it exits when its input closes). */
  close() {
    this.child?.stdin?.end();
    this.child = void 0;
  }
  ensure() {
    if (this.child) return this.child;
    const ignored = FARMER_SIGNALS.map((s) => s.slice(3));
    const argv = [this.perl, "-e", launcher_source_default, "--", ...ignored];
    if (this.bind) argv.unshift(this.bind.taskset, "-c", this.bind.cpus);
    const child = spawn(argv[0], argv.slice(1), {
      stdio: ["pipe", "pipe", "inherit"],
      env: this.baseEnv,
      detached: true
    });
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => this.onData(chunk));
    child.stdin.on("error", () => {
    });
    child.on("exit", () => {
      if (this.child === child) this.child = void 0;
      const cur = this.current;
      this.current = void 0;
      if (cur) {
        killTree(cur.pid, "SIGKILL");
        cur.resolve({ code: null, signal: null, error: "its launcher process died" });
      }
    });
    child.unref();
    this.child = child;
    return child;
  }
  onData(chunk) {
    this.buffered += chunk;
    let nl;
    while ((nl = this.buffered.indexOf("\n")) >= 0) {
      const line = this.buffered.slice(0, nl);
      this.buffered = this.buffered.slice(nl + 1);
      const cur = this.current;
      if (!cur) continue;
      const value = Number(line.slice(2));
      if (line[0] === "P") {
        cur.pid = value;
        if (cur.pendingKill) killTree(value, cur.pendingKill);
        continue;
      }
      this.current = void 0;
      if (line[0] === "X") cur.resolve({ code: value, signal: null });
      else if (line[0] === "S") cur.resolve({ code: 128 + value, signal: signalNames.get(value) ?? `SIG${value}` });
      else cur.resolve({ code: 127, signal: null, error: line.slice(2) });
    }
  }
};
export {
  PerlLauncher,
  findPerl
};
