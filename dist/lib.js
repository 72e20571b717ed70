import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  formatStatus,
  status
} from "./chunks/chunk-SLGJQJEC.js";
import {
  buildReport,
  farm,
  renderMarkdownSummary
} from "./chunks/chunk-S56X3OXO.js";
import {
  loadConfig
} from "./chunks/chunk-FGBO4GZS.js";
import "./chunks/chunk-EX64IPZX.js";
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
