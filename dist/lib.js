import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  formatStatus,
  status
} from "./chunks/chunk-RHCF7JHJ.js";
import {
  buildReport,
  farm,
  renderMarkdownSummary
} from "./chunks/chunk-C6SWH7YY.js";
import "./chunks/chunk-BWQM4W4J.js";
import {
  loadConfig
} from "./chunks/chunk-MVXYLYJZ.js";
import {
  UsageError
} from "./chunks/chunk-USIMGRUD.js";
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
