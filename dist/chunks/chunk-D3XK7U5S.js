import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);

// src/util/signals.ts
var STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGUSR1"];
var DRAIN_SIGNAL = "SIGUSR2";
var FARMER_SIGNALS = [...STOP_SIGNALS, DRAIN_SIGNAL];

export {
  STOP_SIGNALS,
  DRAIN_SIGNAL,
  FARMER_SIGNALS
};
