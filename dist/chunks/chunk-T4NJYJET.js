import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  UsageError
} from "./chunk-VRDWDH7S.js";

// src/runners/launcher.ts
function killTree(pid, signal) {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
  }
}
async function defaultLaunchers(env = process.env) {
  const choice = env.TASKFARMER_LAUNCHER || "auto";
  if (!["auto", "perl", "node"].includes(choice)) {
    throw new UsageError(`TASKFARMER_LAUNCHER must be perl, node or auto (got "${choice}")`);
  }
  if (choice !== "node") {
    const { findPerl, PerlLauncher } = await import("./process-SV65LRQ6.js");
    const perl = findPerl(env.PATH);
    if (perl) return (baseEnv, bind) => new PerlLauncher(perl, baseEnv, bind);
  }
  const { DirectLauncher } = await import("./direct-FW46FBPH.js");
  return (baseEnv, bind) => new DirectLauncher(baseEnv, bind);
}

export {
  killTree,
  defaultLaunchers
};
