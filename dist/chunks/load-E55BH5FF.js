import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  loadConfig
} from "./chunk-7QECC624.js";
import "./chunk-4GSG2RMJ.js";
import "./chunk-VRDWDH7S.js";
import "./chunk-CFRLDQD2.js";
export {
  loadConfig
};
