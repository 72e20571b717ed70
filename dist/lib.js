import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  formatStatus,
  status
} from "./chunks/chunk-NPTV6ZCU.js";
import {
  buildReport,
  farm,
  renderMarkdownSummary
} from "./chunks/chunk-E4IH6V7Y.js";
import "./chunks/chunk-6H3QD4FL.js";
import "./chunks/chunk-BWQM4W4J.js";
import {
  loadConfig
} from "./chunks/chunk-3LJL7KY4.js";
import {
  UsageError
} from "./chunks/chunk-PUEK53PI.js";
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
