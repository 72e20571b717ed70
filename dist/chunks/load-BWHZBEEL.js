import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  loadConfig
} from "./chunk-MVXYLYJZ.js";
import "./chunk-USIMGRUD.js";
import "./chunk-CFRLDQD2.js";
export {
  loadConfig
};
