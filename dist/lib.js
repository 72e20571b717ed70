import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  formatStatus,
  status
} from "./chunks/chunk-Z7S6SNJB.js";
import {
  buildReport,
  farm,
  renderMarkdownSummary
} from "./chunks/chunk-TIG66V6S.js";
import "./chunks/chunk-EDVIATQW.js";
import "./chunks/chunk-BHPX7USW.js";
import "./chunks/chunk-6XEX5UTC.js";
import {
  loadConfig
} from "./chunks/chunk-7QECC624.js";
import "./chunks/chunk-4GSG2RMJ.js";
import "./chunks/chunk-D3XK7U5S.js";
import "./chunks/chunk-5UQ4L4UB.js";
import "./chunks/chunk-T4NJYJET.js";
import {
  UsageError
} from "./chunks/chunk-VRDWDH7S.js";
import "./chunks/chunk-6H3QD4FL.js";
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
