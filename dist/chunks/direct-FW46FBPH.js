import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  APPEND_NO_FOLLOW,
  createFresh
} from "./chunk-5UQ4L4UB.js";
import {
  execa
} from "./chunk-4KIFXIFY.js";
import {
  killTree
} from "./chunk-T4NJYJET.js";
import "./chunk-VRDWDH7S.js";
import "./chunk-CFRLDQD2.js";

// src/runners/direct.ts
import { closeSync as closeSync2 } from "node:fs";
import { constants as constants2 } from "node:os";

// src/runners/append-log.ts
import { closeSync, constants, fstatSync, openSync, readSync, writeSync } from "node:fs";
var AppendLog = class {
  path;
  afd = -1;
  rfd = -1;
  /** The append descriptor for `path` (opened once, kept while the path stays the same). */
  open(path) {
    if (this.path === path) return this.afd;
    this.close();
    const afd = openSync(path, APPEND_NO_FOLLOW, 420);
    try {
      this.rfd = openSync(path, constants.O_RDWR | constants.O_NOFOLLOW);
    } catch (err) {
      closeSync(afd);
      throw err;
    }
    this.afd = afd;
    this.path = path;
    return afd;
  }
  begin(header) {
    const at = fstatSync(this.afd).size;
    writeSync(this.afd, header);
    const slot = header.indexOf("?");
    let width = 0;
    while (header[slot + width] === "?") width++;
    return { out: at + Buffer.byteLength(header), slot: at + slot, width };
  }
  end(f) {
    const size = fstatSync(this.afd).size;
    const n = size - f.out;
    if (n > 0) {
      const last = Buffer.alloc(1);
      readSync(this.rfd, last, 0, 1, size - 1);
      if (last[0] !== 10) writeSync(this.afd, "\n");
    }
    writeSync(this.rfd, String(n).padStart(f.width), f.slot);
  }
  close() {
    if (this.path === void 0) return;
    closeSync(this.afd);
    closeSync(this.rfd);
    this.path = void 0;
  }
};

// src/runners/direct.ts
var DirectLauncher = class {
  /** `bind`: the slot's cores; each task is started under taskset. */
  constructor(baseEnv, bind) {
    this.baseEnv = baseEnv;
    this.bind = bind;
  }
  baseEnv;
  bind;
  /** The slot's append-mode log (--logs per-worker), kept open between tasks. */
  appendLog = new AppendLog();
  run(spec, log, env) {
    const [file, args] = this.bind ? [this.bind.taskset, ["-c", this.bind.cpus, spec.file, ...spec.args]] : [spec.file, spec.args];
    let frame;
    let fd;
    try {
      fd = log.append ? this.appendLog.open(log.path) : createFresh(log.path, 420);
      if (log.append && log.header) frame = this.appendLog.begin(log.header);
    } catch (err) {
      return { exited: Promise.resolve({ code: 127, signal: null, error: err.message }), kill: () => {
      } };
    }
    try {
      const task = execa(file, args, {
        detached: true,
        cleanup: false,
        reject: false,
        stdin: "ignore",
        // execa's types name descriptors 3 to 9 only; any open descriptor goes to spawn as is.
        stdout: fd,
        stderr: fd,
        env: { ...this.baseEnv, ...env },
        extendEnv: false,
        cwd: spec.cwd
      });
      const ended = (info) => {
        if (frame) {
          try {
            this.appendLog.end(frame);
          } catch {
          }
          frame = void 0;
        }
        return info;
      };
      const exited = task.then(
        (r) => {
          if (r.signal) return ended({ code: 128 + (constants2.signals[r.signal] ?? 0), signal: r.signal });
          if (r.exitCode !== void 0) return ended({ code: r.exitCode, signal: null });
          return ended({ code: 127, signal: null, error: r.originalMessage ?? r.shortMessage });
        },
        (err) => ended({ code: 127, signal: null, error: err.message })
      );
      return { exited, kill: (signal) => killTree(task.pid, signal) };
    } finally {
      if (!log.append) closeSync2(fd);
    }
  }
  close() {
    this.appendLog.close();
  }
};
export {
  DirectLauncher
};
