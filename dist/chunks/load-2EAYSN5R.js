import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  loadConfig
} from "./chunk-HOBOZMNF.js";
import "./chunk-XBZKRDSN.js";
import "./chunk-CFRLDQD2.js";
export {
  loadConfig
};
