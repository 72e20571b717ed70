import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  formatStatus,
  status
} from "./chunks/chunk-NWHPPF36.js";
import {
  UsageError,
  buildReport,
  farm,
  loadConfig,
  renderMarkdownSummary
} from "./chunks/chunk-3KDUGCO4.js";
import "./chunks/chunk-QINNG2DY.js";
export {
  UsageError,
  buildReport,
  farm,
  formatStatus,
  loadConfig,
  renderMarkdownSummary,
  status
};
