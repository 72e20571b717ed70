import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  formatStatus,
  status
} from "./chunks/chunk-2EBAFXKY.js";
import {
  buildReport,
  farm,
  renderMarkdownSummary
} from "./chunks/chunk-ZXAPHUZP.js";
import "./chunks/chunk-BWQM4W4J.js";
import {
  loadConfig
} from "./chunks/chunk-HOBOZMNF.js";
import {
  UsageError
} from "./chunks/chunk-XBZKRDSN.js";
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
