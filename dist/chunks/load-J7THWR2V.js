import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  loadConfig
} from "./chunk-EO4HNBJC.js";
import "./chunk-DGYVN3PJ.js";
import "./chunk-6TYOLSMY.js";
import "./chunk-CFRLDQD2.js";
export {
  loadConfig
};
