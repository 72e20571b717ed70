import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  loadConfig
} from "./chunk-4433KU6N.js";
import "./chunk-YVEOIR5I.js";
import "./chunk-CFRLDQD2.js";
export {
  loadConfig
};
