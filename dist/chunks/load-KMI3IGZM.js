import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  loadConfig
<<<<<<<< HEAD:dist/chunks/load-KMI3IGZM.js
} from "./chunk-FEJZT2XD.js";
import "./chunk-56BKLTV2.js";
import "./chunk-VRDWDH7S.js";
========
} from "./chunk-MVXYLYJZ.js";
import "./chunk-USIMGRUD.js";
>>>>>>>> i9b:dist/chunks/load-BWHZBEEL.js
import "./chunk-CFRLDQD2.js";
export {
  loadConfig
};
