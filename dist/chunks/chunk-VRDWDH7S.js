import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);

// src/util/errors.ts
var UsageError = class extends Error {
  name = "UsageError";
  exitCode = 2;
};
function isUsageError(err) {
  return err instanceof UsageError;
}
function oneLine(err) {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/\s*\n\s*/g, " ").trim();
}

export {
  UsageError,
  isUsageError,
  oneLine
};
