import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  loadConfig
} from "./chunk-FEJZT2XD.js";
import "./chunk-56BKLTV2.js";
import "./chunk-VRDWDH7S.js";
import "./chunk-CFRLDQD2.js";
export {
  loadConfig
};
