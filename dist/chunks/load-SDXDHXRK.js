import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  loadConfig
} from "./chunk-LJ5E6UE7.js";
import "./chunk-PUEK53PI.js";
import "./chunk-CFRLDQD2.js";
export {
  loadConfig
};
