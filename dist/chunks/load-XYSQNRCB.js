import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  loadConfig
} from "./chunk-3LJL7KY4.js";
import "./chunk-PUEK53PI.js";
import "./chunk-CFRLDQD2.js";
export {
  loadConfig
};
