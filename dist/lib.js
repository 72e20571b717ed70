import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  formatStatus,
  status
} from "./chunks/chunk-L4KZEMSJ.js";
import {
  buildReport,
  farm,
  renderMarkdownSummary
} from "./chunks/chunk-DQG4XKQ3.js";
import "./chunks/chunk-EDVIATQW.js";
import {
  loadConfig
} from "./chunks/chunk-EO4HNBJC.js";
import "./chunks/chunk-DGYVN3PJ.js";
import "./chunks/chunk-T7Q255PZ.js";
import "./chunks/chunk-6XEX5UTC.js";
import {
  UsageError
} from "./chunks/chunk-6TYOLSMY.js";
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
