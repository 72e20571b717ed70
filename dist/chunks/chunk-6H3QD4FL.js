import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);

// src/workdir/lock-stats.ts
var MAX = 1e6;
var holds = [];
var claims = [];
function recordLockHold(ms, claimed) {
  if (holds.length >= MAX) return;
  holds.push(ms);
  claims.push(claimed);
}
function lockStats() {
  return { holdMs: holds, claims };
}

export {
  recordLockHold,
  lockStats
};
