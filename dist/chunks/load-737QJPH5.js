import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  loadConfig
} from "./chunk-HMT32AV4.js";
import "./chunk-TMJFQARZ.js";
import "./chunk-6TYOLSMY.js";
import "./chunk-CFRLDQD2.js";
export {
  loadConfig
};
