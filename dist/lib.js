import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  UsageError,
  farm,
  formatStatus,
  status
} from "./chunks/chunk-OQQFRSXV.js";
export {
  UsageError,
  farm,
  formatStatus,
  status
};
