import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  lockStats,
  recordLockHold
} from "./chunk-6H3QD4FL.js";
import "./chunk-CFRLDQD2.js";
export {
  lockStats,
  recordLockHold
};
