import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  formatStatus,
  status
} from "./chunks/chunk-6UTADB7N.js";
import {
  buildReport,
  farm,
  renderMarkdownSummary
} from "./chunks/chunk-5QVEW55T.js";
import "./chunks/chunk-BWQM4W4J.js";
import {
  loadConfig
} from "./chunks/chunk-4433KU6N.js";
import {
  UsageError
} from "./chunks/chunk-YVEOIR5I.js";
import "./chunks/chunk-CFRLDQD2.js";
export {
  UsageError,
  buildReport,
  farm,
  formatStatus,
  loadConfig,
  renderMarkdownSummary,
  status
};
