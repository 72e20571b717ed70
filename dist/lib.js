import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  formatStatus,
  status
} from "./chunks/chunk-UTU6OY6Q.js";
import {
  buildReport,
  farm,
  renderMarkdownSummary
} from "./chunks/chunk-PJSABOCK.js";
import "./chunks/chunk-BWQM4W4J.js";
import {
  loadConfig
} from "./chunks/chunk-CGMDF3CT.js";
import {
  UsageError
} from "./chunks/chunk-N6JARWRZ.js";
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
