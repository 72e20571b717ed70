import * as core from '@actions/core';
import { randomUUID } from 'node:crypto';
import type { FarmEvent } from '../farm/options.js';
import { attemptTail, logWhere } from '../report/logtail.js';
import { formatDuration } from '../util/duration.js';
import { howEnded } from '../report/ended.js';

/** A task that failed for good in this job (its retries used up). */
export interface FailedTask {
  id: number;
  attempt: number;
  task: string;
  rc: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  log: string;
}

export interface ProgressOptions {
  /** Between two progress lines; default 30 s (TASKFARMER_PROGRESS_INTERVAL, in seconds, overrides). */
  intervalMs?: number;
  /** Failed tasks whose log tail is printed in a foldable group; later ones get one line each. */
  maxGroups?: number;
  /** Warning annotations the farm's warnings may use; later ones are plain log lines. */
  maxWarnings?: number;
}

export const shorten = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/**
 * Turns farm events into the step's log: a line when the farm starts, a progress line at an
 * interval, a foldable group with the log tail of each failed task, and the failures
 * themselves for the annotations and the summary.
 */
export class Progress {
  readonly failures: FailedTask[] = [];
  /** Workers of this job's farmer, once it started. */
  workers = 0;
  private readonly intervalMs: number;
  private readonly maxGroups: number;
  private readonly maxWarnings: number;
  private readonly started = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private pending = 0;
  private done = 0;
  private failed = 0;
  private running = 0;
  private retried = 0;
  private warnings = 0;
  private readonly debug = core.isDebug();

  constructor(o: ProgressOptions = {}) {
    const env = Number(process.env.TASKFARMER_PROGRESS_INTERVAL);
    this.intervalMs = o.intervalMs ?? (env > 0 ? env * 1000 : 30_000);
    this.maxGroups = o.maxGroups ?? 50;
    this.maxWarnings = o.maxWarnings ?? 8;
  }

  readonly onEvent = (e: FarmEvent): void => {
    switch (e.type) {
      case 'started': {
        this.pending = e.pending;
        this.workers = e.workers;
        const before = e.finished + e.failed > 0 ? ` (${e.finished} finished and ${e.failed} failed before)` : '';
        core.info(`taskfarmer: ${e.pending} tasks to process in ${e.workdir} with ${e.workers} workers${before}`);
        this.timer = setInterval(() => core.info(this.line()), this.intervalMs);
        this.timer.unref();
        break;
      }
      case 'task-start':
        this.running++;
        break;
      case 'task-end':
        this.running = Math.max(0, this.running - 1);
        this.taskEnd(e);
        break;
      case 'stopping':
        core.info(
          e.reason === 'drain'
            ? 'taskfarmer: draining: running tasks finish, no new ones start'
            : `taskfarmer: stopping (${e.reason}): running tasks go back to toprocess`,
        );
        break;
      case 'warning':
        if (++this.warnings <= this.maxWarnings) core.warning(e.message, { title: 'taskfarmer' });
        else core.info(`taskfarmer: warning: ${e.message}`);
        break;
    }
  };

  /** Stops the progress timer and prints the last progress line. */
  end(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    core.info(this.line());
  }

  /** This job's progress; in a shared workdir other jobs take tasks too, so "left" is what it found. */
  line(): string {
    const elapsed = formatDuration(Date.now() - this.started);
    const retried = this.retried ? `, ${this.retried} retried` : '';
    return (
      `taskfarmer [${elapsed}]: ${this.done + this.failed} of ${this.pending} tasks done by this job ` +
      `(${this.done} finished, ${this.failed} failed${retried}), ${this.running} running`
    );
  }

  private taskEnd(e: Extract<FarmEvent, { type: 'task-end' }>): void {
    switch (e.outcome) {
      case 'done':
        this.done++;
        if (this.debug)
          this.group(`task ${e.id} finished in ${formatDuration(e.durationMs)}: ${shorten(e.task, 100)}`, e);
        break;
      case 'failed': {
        this.failed++;
        const f: FailedTask = { ...e };
        this.failures.push(f);
        const title = `✗ task ${e.id} failed (${howEnded({ code: e.rc, signal: e.signal, timedOut: e.timedOut })}) after ${formatDuration(e.durationMs)}, attempt ${e.attempt}: ${shorten(e.task, 100)}`;
        if (this.failed <= this.maxGroups) this.group(title, e);
        else core.info(`${title} — ${logWhere(e)}`);
        break;
      }
      case 'retry':
        this.retried++;
        core.info(
          `task ${e.id} attempt ${e.attempt} failed (${howEnded({ code: e.rc, signal: e.signal, timedOut: e.timedOut })}); it will be retried`,
        );
        break;
      case 'fenced':
        core.info(`task ${e.id}: this job's claim had been taken back (presumed dead); another job owns it now`);
        break;
      case 'stopped':
        break;
    }
  }

  private group(title: string, e: { id: number; attempt: number; log: string }): void {
    const tail = attemptTail(e, 40, 8192);
    core.startGroup(title);
    if (tail.truncated) core.info(`… (last lines; ${logWhere(e)})`);
    // A task's output is data: a line in it that looks like a workflow command must not run.
    const token = `taskfarmer-${randomUUID()}`;
    core.info(`::stop-commands::${token}`);
    core.info(tail.text || (e.log ? '(empty log)' : '(no log kept: logs is none)'));
    core.info(`::${token}::`);
    core.endGroup();
  }
}
