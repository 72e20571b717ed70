import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  formatStatus,
  status
} from "./chunks/chunk-5VU3HKFV.js";
import {
  buildReport,
  farm,
  renderMarkdownSummary
} from "./chunks/chunk-ZYTCY7JZ.js";
import "./chunks/chunk-BWQM4W4J.js";
import {
  loadConfig
} from "./chunks/chunk-FCSRPYJT.js";
import {
  UsageError
} from "./chunks/chunk-JQPW4QAZ.js";
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
