import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  formatStatus,
  status
<<<<<<< HEAD
} from "./chunks/chunk-ZSZCRG24.js";
=======
} from "./chunks/chunk-RHCF7JHJ.js";
>>>>>>> i9b
import {
  buildReport,
  farm,
  renderMarkdownSummary
<<<<<<< HEAD
} from "./chunks/chunk-DIWJ62Q5.js";
import "./chunks/chunk-EDVIATQW.js";
import {
  loadConfig
} from "./chunks/chunk-FEJZT2XD.js";
import "./chunks/chunk-56BKLTV2.js";
import "./chunks/chunk-ECQAAMSH.js";
import "./chunks/chunk-6XEX5UTC.js";
import {
  UsageError
} from "./chunks/chunk-VRDWDH7S.js";
=======
} from "./chunks/chunk-C6SWH7YY.js";
import "./chunks/chunk-BWQM4W4J.js";
import {
  loadConfig
} from "./chunks/chunk-MVXYLYJZ.js";
import {
  UsageError
} from "./chunks/chunk-USIMGRUD.js";
>>>>>>> i9b
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
