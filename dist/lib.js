import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  formatStatus,
  status
} from "./chunks/chunk-33OPCI7P.js";
import {
  buildReport,
  farm,
  renderMarkdownSummary
} from "./chunks/chunk-XHMG2PQO.js";
import {
  loadConfig
} from "./chunks/chunk-DLAFFG76.js";
import "./chunks/chunk-QHBWXELA.js";
import "./chunks/chunk-D3XK7U5S.js";
import "./chunks/chunk-3M5A3TEK.js";
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
