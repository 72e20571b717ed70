import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  formatStatus,
  status
} from "./chunks/chunk-D5WNERBI.js";
import {
  buildReport,
  farm,
  renderMarkdownSummary
} from "./chunks/chunk-HKVABDYR.js";
import {
  loadConfig
} from "./chunks/chunk-DLAFFG76.js";
import "./chunks/chunk-QHBWXELA.js";
import "./chunks/chunk-D3XK7U5S.js";
import "./chunks/chunk-ZKJRFCXP.js";
import {
  UsageError
} from "./chunks/chunk-VRDWDH7S.js";
import "./chunks/chunk-BWQM4W4J.js";
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
