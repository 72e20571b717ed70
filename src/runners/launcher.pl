#!/usr/bin/perl
# The per-slot task launcher of taskfarmer (src/runners/process.ts starts one per worker slot).
#
# Why it exists: Node's spawn copies the whole Node process for every task. On our 2-core test
# machine 1,000 `true` tasks at -n 8 took 6.9x the wall time with Node spawning each task than
# through this launcher (npm run bench, the "no perl" row; docs/architecture.md has the run).
#
# Usage: perl launcher.pl SIGNAL...
#   The signals named on the command line (without SIG, e.g. INT TERM HUP USR1 USR2) are the
#   farmer's stop and drain signals. Slurm sends them to every process of a job step; the
#   launcher ignores them (the farmer decides what happens to tasks) and gives every task the
#   default handling back.
#
# Wire protocol, one request at a time (one launcher serves one worker slot):
#   request  (stdin):  a field count N, "\n", then N fields, each "<byte length>\n<bytes>".
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
#   replies (stdout):  "P <pid>\n"   the task started, in its own process group <pid>;
#                      then one of
#                      "X <code>\n"  it exited with status <code>,
#                      "S <signo>\n" it was killed by signal <signo>,
#                      "E <why>\n"   it could not be started (no "P" line before it).
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

# Reads one "<length>\n<bytes>" field; undef at end of input.
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
            print "E cannot write log $log: $!\n";
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
            print "E cannot write log $log: $!\n";
            next;
        }
    }
    my $pid = fork();
    unless (defined $pid) {
        print "E cannot fork: $!\n";
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
            print STDERR "taskfarmer: cannot cd to $cwd: $!\n";
            POSIX::_exit(127);
        }
        { no warnings 'exec'; exec { $argv[0] } @argv; }
        print STDERR "taskfarmer: cannot run $argv[0]: $!\n";
        POSIX::_exit(127);
    }
    close $fh if $mode ne 'a';
    # Set in both parent and child: whichever runs first, the group exists before "P" is read.
    POSIX::setpgid($pid, $pid);
    print "P $pid\n";
    waitpid($pid, 0);
    my $status = $?;
    end_frame($frame) if $frame;
    if ($status & 127) { print "S ", ($status & 127), "\n" } else { print "X ", ($status >> 8), "\n" }
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
        syswrite($afh, "\n") if $last ne "\n";
    }
    sysseek($rfh, $fr->{slot}, 0);
    syswrite($rfh, sprintf('%*d', $fr->{width}, $n));
}
