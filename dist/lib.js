import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  formatStatus,
  status
} from "./chunks/chunk-2YYGF6PQ.js";
import {
  UsageError,
  buildReport,
  farm,
  loadConfig,
  renderMarkdownSummary
} from "./chunks/chunk-G7UJHW25.js";
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
