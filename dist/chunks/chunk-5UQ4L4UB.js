import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);

// src/util/no-follow.ts
import { closeSync, constants, openSync, unlinkSync, writeSync } from "node:fs";
var { O_WRONLY, O_RDWR, O_APPEND, O_CREAT, O_EXCL, O_NOFOLLOW } = constants;
var APPEND_NO_FOLLOW = O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW;
var READ_APPEND_NO_FOLLOW = O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW;
function createFresh(path, mode) {
  try {
    unlinkSync(path);
  } catch (err) {
    if (err.code !== "ENOENT") throw err;
  }
  return openSync(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
}
function createIfAbsent(path, text, mode) {
  let fd;
  try {
    fd = openSync(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
  } catch (err) {
    if (err.code === "EEXIST") return;
    throw err;
  }
  try {
    if (text) writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
function appendNoFollow(path, text, mode = 420) {
  const fd = openSync(path, APPEND_NO_FOLLOW, mode);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

export {
  APPEND_NO_FOLLOW,
  READ_APPEND_NO_FOLLOW,
  createFresh,
  createIfAbsent,
  appendNoFollow
};
