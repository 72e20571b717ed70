import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  loadConfig
} from "./chunk-CGMDF3CT.js";
import "./chunk-N6JARWRZ.js";
import "./chunk-CFRLDQD2.js";
export {
  loadConfig
};
