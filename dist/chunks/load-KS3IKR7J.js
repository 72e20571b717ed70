import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  loadConfig
} from "./chunk-FCSRPYJT.js";
import "./chunk-JQPW4QAZ.js";
import "./chunk-CFRLDQD2.js";
export {
  loadConfig
};
