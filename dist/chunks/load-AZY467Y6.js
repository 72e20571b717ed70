import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  loadConfig
} from "./chunk-DLAFFG76.js";
import "./chunk-QHBWXELA.js";
import "./chunk-VRDWDH7S.js";
import "./chunk-CFRLDQD2.js";
export {
  loadConfig
};
