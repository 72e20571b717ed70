import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  formatStatus,
  status
} from "./chunks/chunk-MQJQWH5C.js";
import {
  buildReport,
  farm,
  renderMarkdownSummary
} from "./chunks/chunk-HT63OLIH.js";
import "./chunks/chunk-EDVIATQW.js";
import {
  loadConfig
} from "./chunks/chunk-HMT32AV4.js";
import "./chunks/chunk-TMJFQARZ.js";
import "./chunks/chunk-V4BGKSPJ.js";
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
