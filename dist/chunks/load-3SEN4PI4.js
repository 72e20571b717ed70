import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  loadConfig
} from "./chunk-FGBO4GZS.js";
import "./chunk-EX64IPZX.js";
import "./chunk-VRDWDH7S.js";
import "./chunk-CFRLDQD2.js";
export {
  loadConfig
};
