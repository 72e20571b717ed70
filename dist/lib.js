import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  formatStatus,
  status
} from "./chunks/chunk-VRFK2OGX.js";
import {
  buildReport,
  farm,
  renderMarkdownSummary
} from "./chunks/chunk-ZLOQZBJO.js";
import "./chunks/chunk-EDVIATQW.js";
import {
  loadConfig
} from "./chunks/chunk-FEJZT2XD.js";
import "./chunks/chunk-56BKLTV2.js";
import "./chunks/chunk-TSUAKYHZ.js";
import "./chunks/chunk-6XEX5UTC.js";
import {
  UsageError
} from "./chunks/chunk-VRDWDH7S.js";
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
