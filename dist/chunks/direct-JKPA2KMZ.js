import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  execa
} from "./chunk-4KIFXIFY.js";
import {
  killTree
} from "./chunk-3M5A3TEK.js";
import "./chunk-VRDWDH7S.js";
import "./chunk-CFRLDQD2.js";

// src/runners/direct.ts
import { closeSync, openSync } from "node:fs";
import { constants } from "node:os";
var DirectLauncher = class {
  constructor(baseEnv) {
    this.baseEnv = baseEnv;
  }
  baseEnv;
  run(spec, logFile, env) {
    const fd = openSync(logFile, "w", 420);
    try {
      const task = execa(spec.file, spec.args, {
        detached: true,
        cleanup: false,
        reject: false,
        stdin: "ignore",
        stdout: fd,
        stderr: fd,
        env: { ...this.baseEnv, ...env },
        extendEnv: false,
        cwd: spec.cwd
      });
      const exited = task.then(
        (r) => {
          if (r.signal) return { code: 128 + (constants.signals[r.signal] ?? 0), signal: r.signal };
          if (r.exitCode !== void 0) return { code: r.exitCode, signal: null };
          return { code: 127, signal: null, error: r.originalMessage ?? r.shortMessage };
        },
        (err) => ({ code: 127, signal: null, error: err.message })
      );
      return { exited, kill: (signal) => killTree(task.pid, signal) };
    } finally {
      closeSync(fd);
    }
  }
  close() {
  }
};
export {
  DirectLauncher
};
