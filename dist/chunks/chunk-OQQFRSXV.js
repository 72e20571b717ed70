import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key2 of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key2) && key2 !== except)
        __defProp(to, key2, { get: () => from[key2], enumerable: !(desc = __getOwnPropDesc(from, key2)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/graceful-fs/polyfills.js
var require_polyfills = __commonJS({
  "node_modules/graceful-fs/polyfills.js"(exports, module) {
    var constants3 = __require("constants");
    var origCwd = process.cwd;
    var cwd = null;
    var platform = process.env.GRACEFUL_FS_PLATFORM || process.platform;
    process.cwd = function() {
      if (!cwd)
        cwd = origCwd.call(process);
      return cwd;
    };
    try {
      process.cwd();
    } catch (er) {
    }
    if (typeof process.chdir === "function") {
      chdir = process.chdir;
      process.chdir = function(d) {
        cwd = null;
        chdir.call(process, d);
      };
      if (Object.setPrototypeOf) Object.setPrototypeOf(process.chdir, chdir);
    }
    var chdir;
    module.exports = patch;
    function patch(fs) {
      if (constants3.hasOwnProperty("O_SYMLINK") && process.version.match(/^v0\.6\.[0-2]|^v0\.5\./)) {
        patchLchmod(fs);
      }
      if (!fs.lutimes) {
        patchLutimes(fs);
      }
      fs.chown = chownFix(fs.chown);
      fs.fchown = chownFix(fs.fchown);
      fs.lchown = chownFix(fs.lchown);
      fs.chmod = chmodFix(fs.chmod);
      fs.fchmod = chmodFix(fs.fchmod);
      fs.lchmod = chmodFix(fs.lchmod);
      fs.chownSync = chownFixSync(fs.chownSync);
      fs.fchownSync = chownFixSync(fs.fchownSync);
      fs.lchownSync = chownFixSync(fs.lchownSync);
      fs.chmodSync = chmodFixSync(fs.chmodSync);
      fs.fchmodSync = chmodFixSync(fs.fchmodSync);
      fs.lchmodSync = chmodFixSync(fs.lchmodSync);
      fs.stat = statFix(fs.stat);
      fs.fstat = statFix(fs.fstat);
      fs.lstat = statFix(fs.lstat);
      fs.statSync = statFixSync(fs.statSync);
      fs.fstatSync = statFixSync(fs.fstatSync);
      fs.lstatSync = statFixSync(fs.lstatSync);
      if (fs.chmod && !fs.lchmod) {
        fs.lchmod = function(path, mode, cb) {
          if (cb) process.nextTick(cb);
        };
        fs.lchmodSync = function() {
        };
      }
      if (fs.chown && !fs.lchown) {
        fs.lchown = function(path, uid, gid, cb) {
          if (cb) process.nextTick(cb);
        };
        fs.lchownSync = function() {
        };
      }
      if (platform === "win32") {
        fs.rename = typeof fs.rename !== "function" ? fs.rename : (function(fs$rename) {
          function rename(from, to, cb) {
            var start = Date.now();
            var backoff = 0;
            fs$rename(from, to, function CB(er) {
              if (er && (er.code === "EACCES" || er.code === "EPERM" || er.code === "EBUSY") && Date.now() - start < 6e4) {
                setTimeout(function() {
                  fs.stat(to, function(stater, st) {
                    if (stater && stater.code === "ENOENT")
                      fs$rename(from, to, CB);
                    else
                      cb(er);
                  });
                }, backoff);
                if (backoff < 100)
                  backoff += 10;
                return;
              }
              if (cb) cb(er);
            });
          }
          if (Object.setPrototypeOf) Object.setPrototypeOf(rename, fs$rename);
          return rename;
        })(fs.rename);
      }
      fs.read = typeof fs.read !== "function" ? fs.read : (function(fs$read) {
        function read(fd, buffer, offset, length, position, callback_) {
          var callback;
          if (callback_ && typeof callback_ === "function") {
            var eagCounter = 0;
            callback = function(er, _, __) {
              if (er && er.code === "EAGAIN" && eagCounter < 10) {
                eagCounter++;
                return fs$read.call(fs, fd, buffer, offset, length, position, callback);
              }
              callback_.apply(this, arguments);
            };
          }
          return fs$read.call(fs, fd, buffer, offset, length, position, callback);
        }
        if (Object.setPrototypeOf) Object.setPrototypeOf(read, fs$read);
        return read;
      })(fs.read);
      fs.readSync = typeof fs.readSync !== "function" ? fs.readSync : /* @__PURE__ */ (function(fs$readSync) {
        return function(fd, buffer, offset, length, position) {
          var eagCounter = 0;
          while (true) {
            try {
              return fs$readSync.call(fs, fd, buffer, offset, length, position);
            } catch (er) {
              if (er.code === "EAGAIN" && eagCounter < 10) {
                eagCounter++;
                continue;
              }
              throw er;
            }
          }
        };
      })(fs.readSync);
      function patchLchmod(fs2) {
        fs2.lchmod = function(path, mode, callback) {
          fs2.open(
            path,
            constants3.O_WRONLY | constants3.O_SYMLINK,
            mode,
            function(err, fd) {
              if (err) {
                if (callback) callback(err);
                return;
              }
              fs2.fchmod(fd, mode, function(err2) {
                fs2.close(fd, function(err22) {
                  if (callback) callback(err2 || err22);
                });
              });
            }
          );
        };
        fs2.lchmodSync = function(path, mode) {
          var fd = fs2.openSync(path, constants3.O_WRONLY | constants3.O_SYMLINK, mode);
          var threw = true;
          var ret;
          try {
            ret = fs2.fchmodSync(fd, mode);
            threw = false;
          } finally {
            if (threw) {
              try {
                fs2.closeSync(fd);
              } catch (er) {
              }
            } else {
              fs2.closeSync(fd);
            }
          }
          return ret;
        };
      }
      function patchLutimes(fs2) {
        if (constants3.hasOwnProperty("O_SYMLINK") && fs2.futimes) {
          fs2.lutimes = function(path, at, mt, cb) {
            fs2.open(path, constants3.O_SYMLINK, function(er, fd) {
              if (er) {
                if (cb) cb(er);
                return;
              }
              fs2.futimes(fd, at, mt, function(er2) {
                fs2.close(fd, function(er22) {
                  if (cb) cb(er2 || er22);
                });
              });
            });
          };
          fs2.lutimesSync = function(path, at, mt) {
            var fd = fs2.openSync(path, constants3.O_SYMLINK);
            var ret;
            var threw = true;
            try {
              ret = fs2.futimesSync(fd, at, mt);
              threw = false;
            } finally {
              if (threw) {
                try {
                  fs2.closeSync(fd);
                } catch (er) {
                }
              } else {
                fs2.closeSync(fd);
              }
            }
            return ret;
          };
        } else if (fs2.futimes) {
          fs2.lutimes = function(_a, _b, _c, cb) {
            if (cb) process.nextTick(cb);
          };
          fs2.lutimesSync = function() {
          };
        }
      }
      function chmodFix(orig) {
        if (!orig) return orig;
        return function(target, mode, cb) {
          return orig.call(fs, target, mode, function(er) {
            if (chownErOk(er)) er = null;
            if (cb) cb.apply(this, arguments);
          });
        };
      }
      function chmodFixSync(orig) {
        if (!orig) return orig;
        return function(target, mode) {
          try {
            return orig.call(fs, target, mode);
          } catch (er) {
            if (!chownErOk(er)) throw er;
          }
        };
      }
      function chownFix(orig) {
        if (!orig) return orig;
        return function(target, uid, gid, cb) {
          return orig.call(fs, target, uid, gid, function(er) {
            if (chownErOk(er)) er = null;
            if (cb) cb.apply(this, arguments);
          });
        };
      }
      function chownFixSync(orig) {
        if (!orig) return orig;
        return function(target, uid, gid) {
          try {
            return orig.call(fs, target, uid, gid);
          } catch (er) {
            if (!chownErOk(er)) throw er;
          }
        };
      }
      function statFix(orig) {
        if (!orig) return orig;
        return function(target, options, cb) {
          if (typeof options === "function") {
            cb = options;
            options = null;
          }
          function callback(er, stats) {
            if (stats) {
              if (stats.uid < 0) stats.uid += 4294967296;
              if (stats.gid < 0) stats.gid += 4294967296;
            }
            if (cb) cb.apply(this, arguments);
          }
          return options ? orig.call(fs, target, options, callback) : orig.call(fs, target, callback);
        };
      }
      function statFixSync(orig) {
        if (!orig) return orig;
        return function(target, options) {
          var stats = options ? orig.call(fs, target, options) : orig.call(fs, target);
          if (stats) {
            if (stats.uid < 0) stats.uid += 4294967296;
            if (stats.gid < 0) stats.gid += 4294967296;
          }
          return stats;
        };
      }
      function chownErOk(er) {
        if (!er)
          return true;
        if (er.code === "ENOSYS")
          return true;
        var nonroot = !process.getuid || process.getuid() !== 0;
        if (nonroot) {
          if (er.code === "EINVAL" || er.code === "EPERM")
            return true;
        }
        return false;
      }
    }
  }
});

// node_modules/graceful-fs/legacy-streams.js
var require_legacy_streams = __commonJS({
  "node_modules/graceful-fs/legacy-streams.js"(exports, module) {
    var Stream = __require("stream").Stream;
    module.exports = legacy;
    function legacy(fs) {
      return {
        ReadStream,
        WriteStream
      };
      function ReadStream(path, options) {
        if (!(this instanceof ReadStream)) return new ReadStream(path, options);
        Stream.call(this);
        var self = this;
        this.path = path;
        this.fd = null;
        this.readable = true;
        this.paused = false;
        this.flags = "r";
        this.mode = 438;
        this.bufferSize = 64 * 1024;
        options = options || {};
        var keys = Object.keys(options);
        for (var index = 0, length = keys.length; index < length; index++) {
          var key2 = keys[index];
          this[key2] = options[key2];
        }
        if (this.encoding) this.setEncoding(this.encoding);
        if (this.start !== void 0) {
          if ("number" !== typeof this.start) {
            throw TypeError("start must be a Number");
          }
          if (this.end === void 0) {
            this.end = Infinity;
          } else if ("number" !== typeof this.end) {
            throw TypeError("end must be a Number");
          }
          if (this.start > this.end) {
            throw new Error("start must be <= end");
          }
          this.pos = this.start;
        }
        if (this.fd !== null) {
          process.nextTick(function() {
            self._read();
          });
          return;
        }
        fs.open(this.path, this.flags, this.mode, function(err, fd) {
          if (err) {
            self.emit("error", err);
            self.readable = false;
            return;
          }
          self.fd = fd;
          self.emit("open", fd);
          self._read();
        });
      }
      function WriteStream(path, options) {
        if (!(this instanceof WriteStream)) return new WriteStream(path, options);
        Stream.call(this);
        this.path = path;
        this.fd = null;
        this.writable = true;
        this.flags = "w";
        this.encoding = "binary";
        this.mode = 438;
        this.bytesWritten = 0;
        options = options || {};
        var keys = Object.keys(options);
        for (var index = 0, length = keys.length; index < length; index++) {
          var key2 = keys[index];
          this[key2] = options[key2];
        }
        if (this.start !== void 0) {
          if ("number" !== typeof this.start) {
            throw TypeError("start must be a Number");
          }
          if (this.start < 0) {
            throw new Error("start must be >= zero");
          }
          this.pos = this.start;
        }
        this.busy = false;
        this._queue = [];
        if (this.fd === null) {
          this._open = fs.open;
          this._queue.push([this._open, this.path, this.flags, this.mode, void 0]);
          this.flush();
        }
      }
    }
  }
});

// node_modules/graceful-fs/clone.js
var require_clone = __commonJS({
  "node_modules/graceful-fs/clone.js"(exports, module) {
    "use strict";
    module.exports = clone;
    var getPrototypeOf = Object.getPrototypeOf || function(obj) {
      return obj.__proto__;
    };
    function clone(obj) {
      if (obj === null || typeof obj !== "object")
        return obj;
      if (obj instanceof Object)
        var copy = { __proto__: getPrototypeOf(obj) };
      else
        var copy = /* @__PURE__ */ Object.create(null);
      Object.getOwnPropertyNames(obj).forEach(function(key2) {
        Object.defineProperty(copy, key2, Object.getOwnPropertyDescriptor(obj, key2));
      });
      return copy;
    }
  }
});

// node_modules/graceful-fs/graceful-fs.js
var require_graceful_fs = __commonJS({
  "node_modules/graceful-fs/graceful-fs.js"(exports, module) {
    var fs = __require("fs");
    var polyfills = require_polyfills();
    var legacy = require_legacy_streams();
    var clone = require_clone();
    var util = __require("util");
    var gracefulQueue;
    var previousSymbol;
    if (typeof Symbol === "function" && typeof Symbol.for === "function") {
      gracefulQueue = /* @__PURE__ */ Symbol.for("graceful-fs.queue");
      previousSymbol = /* @__PURE__ */ Symbol.for("graceful-fs.previous");
    } else {
      gracefulQueue = "___graceful-fs.queue";
      previousSymbol = "___graceful-fs.previous";
    }
    function noop() {
    }
    function publishQueue(context, queue2) {
      Object.defineProperty(context, gracefulQueue, {
        get: function() {
          return queue2;
        }
      });
    }
    var debug = noop;
    if (util.debuglog)
      debug = util.debuglog("gfs4");
    else if (/\bgfs4\b/i.test(process.env.NODE_DEBUG || ""))
      debug = function() {
        var m = util.format.apply(util, arguments);
        m = "GFS4: " + m.split(/\n/).join("\nGFS4: ");
        console.error(m);
      };
    if (!fs[gracefulQueue]) {
      queue = global[gracefulQueue] || [];
      publishQueue(fs, queue);
      fs.close = (function(fs$close) {
        function close(fd, cb) {
          return fs$close.call(fs, fd, function(err) {
            if (!err) {
              resetQueue();
            }
            if (typeof cb === "function")
              cb.apply(this, arguments);
          });
        }
        Object.defineProperty(close, previousSymbol, {
          value: fs$close
        });
        return close;
      })(fs.close);
      fs.closeSync = (function(fs$closeSync) {
        function closeSync4(fd) {
          fs$closeSync.apply(fs, arguments);
          resetQueue();
        }
        Object.defineProperty(closeSync4, previousSymbol, {
          value: fs$closeSync
        });
        return closeSync4;
      })(fs.closeSync);
      if (/\bgfs4\b/i.test(process.env.NODE_DEBUG || "")) {
        process.on("exit", function() {
          debug(fs[gracefulQueue]);
          __require("assert").equal(fs[gracefulQueue].length, 0);
        });
      }
    }
    var queue;
    if (!global[gracefulQueue]) {
      publishQueue(global, fs[gracefulQueue]);
    }
    module.exports = patch(clone(fs));
    if (process.env.TEST_GRACEFUL_FS_GLOBAL_PATCH && !fs.__patched) {
      module.exports = patch(fs);
      fs.__patched = true;
    }
    function patch(fs2) {
      polyfills(fs2);
      fs2.gracefulify = patch;
      fs2.createReadStream = createReadStream;
      fs2.createWriteStream = createWriteStream;
      var fs$readFile = fs2.readFile;
      fs2.readFile = readFile;
      function readFile(path, options, cb) {
        if (typeof options === "function")
          cb = options, options = null;
        return go$readFile(path, options, cb);
        function go$readFile(path2, options2, cb2, startTime) {
          return fs$readFile(path2, options2, function(err) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$readFile, [path2, options2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      var fs$writeFile = fs2.writeFile;
      fs2.writeFile = writeFile;
      function writeFile(path, data, options, cb) {
        if (typeof options === "function")
          cb = options, options = null;
        return go$writeFile(path, data, options, cb);
        function go$writeFile(path2, data2, options2, cb2, startTime) {
          return fs$writeFile(path2, data2, options2, function(err) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$writeFile, [path2, data2, options2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      var fs$appendFile = fs2.appendFile;
      if (fs$appendFile)
        fs2.appendFile = appendFile;
      function appendFile(path, data, options, cb) {
        if (typeof options === "function")
          cb = options, options = null;
        return go$appendFile(path, data, options, cb);
        function go$appendFile(path2, data2, options2, cb2, startTime) {
          return fs$appendFile(path2, data2, options2, function(err) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$appendFile, [path2, data2, options2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      var fs$copyFile = fs2.copyFile;
      if (fs$copyFile)
        fs2.copyFile = copyFile;
      function copyFile(src, dest, flags, cb) {
        if (typeof flags === "function") {
          cb = flags;
          flags = 0;
        }
        return go$copyFile(src, dest, flags, cb);
        function go$copyFile(src2, dest2, flags2, cb2, startTime) {
          return fs$copyFile(src2, dest2, flags2, function(err) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$copyFile, [src2, dest2, flags2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      var fs$readdir = fs2.readdir;
      fs2.readdir = readdir;
      var noReaddirOptionVersions = /^v[0-5]\./;
      function readdir(path, options, cb) {
        if (typeof options === "function")
          cb = options, options = null;
        var go$readdir = noReaddirOptionVersions.test(process.version) ? function go$readdir2(path2, options2, cb2, startTime) {
          return fs$readdir(path2, fs$readdirCallback(
            path2,
            options2,
            cb2,
            startTime
          ));
        } : function go$readdir2(path2, options2, cb2, startTime) {
          return fs$readdir(path2, options2, fs$readdirCallback(
            path2,
            options2,
            cb2,
            startTime
          ));
        };
        return go$readdir(path, options, cb);
        function fs$readdirCallback(path2, options2, cb2, startTime) {
          return function(err, files) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([
                go$readdir,
                [path2, options2, cb2],
                err,
                startTime || Date.now(),
                Date.now()
              ]);
            else {
              if (files && files.sort)
                files.sort();
              if (typeof cb2 === "function")
                cb2.call(this, err, files);
            }
          };
        }
      }
      if (process.version.substr(0, 4) === "v0.8") {
        var legStreams = legacy(fs2);
        ReadStream = legStreams.ReadStream;
        WriteStream = legStreams.WriteStream;
      }
      var fs$ReadStream = fs2.ReadStream;
      if (fs$ReadStream) {
        ReadStream.prototype = Object.create(fs$ReadStream.prototype);
        ReadStream.prototype.open = ReadStream$open;
      }
      var fs$WriteStream = fs2.WriteStream;
      if (fs$WriteStream) {
        WriteStream.prototype = Object.create(fs$WriteStream.prototype);
        WriteStream.prototype.open = WriteStream$open;
      }
      Object.defineProperty(fs2, "ReadStream", {
        get: function() {
          return ReadStream;
        },
        set: function(val) {
          ReadStream = val;
        },
        enumerable: true,
        configurable: true
      });
      Object.defineProperty(fs2, "WriteStream", {
        get: function() {
          return WriteStream;
        },
        set: function(val) {
          WriteStream = val;
        },
        enumerable: true,
        configurable: true
      });
      var FileReadStream = ReadStream;
      Object.defineProperty(fs2, "FileReadStream", {
        get: function() {
          return FileReadStream;
        },
        set: function(val) {
          FileReadStream = val;
        },
        enumerable: true,
        configurable: true
      });
      var FileWriteStream = WriteStream;
      Object.defineProperty(fs2, "FileWriteStream", {
        get: function() {
          return FileWriteStream;
        },
        set: function(val) {
          FileWriteStream = val;
        },
        enumerable: true,
        configurable: true
      });
      function ReadStream(path, options) {
        if (this instanceof ReadStream)
          return fs$ReadStream.apply(this, arguments), this;
        else
          return ReadStream.apply(Object.create(ReadStream.prototype), arguments);
      }
      function ReadStream$open() {
        var that = this;
        open(that.path, that.flags, that.mode, function(err, fd) {
          if (err) {
            if (that.autoClose)
              that.destroy();
            that.emit("error", err);
          } else {
            that.fd = fd;
            that.emit("open", fd);
            that.read();
          }
        });
      }
      function WriteStream(path, options) {
        if (this instanceof WriteStream)
          return fs$WriteStream.apply(this, arguments), this;
        else
          return WriteStream.apply(Object.create(WriteStream.prototype), arguments);
      }
      function WriteStream$open() {
        var that = this;
        open(that.path, that.flags, that.mode, function(err, fd) {
          if (err) {
            that.destroy();
            that.emit("error", err);
          } else {
            that.fd = fd;
            that.emit("open", fd);
          }
        });
      }
      function createReadStream(path, options) {
        return new fs2.ReadStream(path, options);
      }
      function createWriteStream(path, options) {
        return new fs2.WriteStream(path, options);
      }
      var fs$open = fs2.open;
      fs2.open = open;
      function open(path, flags, mode, cb) {
        if (typeof mode === "function")
          cb = mode, mode = null;
        return go$open(path, flags, mode, cb);
        function go$open(path2, flags2, mode2, cb2, startTime) {
          return fs$open(path2, flags2, mode2, function(err, fd) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$open, [path2, flags2, mode2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      return fs2;
    }
    function enqueue(elem) {
      debug("ENQUEUE", elem[0].name, elem[1]);
      fs[gracefulQueue].push(elem);
      retry();
    }
    var retryTimer;
    function resetQueue() {
      var now = Date.now();
      for (var i = 0; i < fs[gracefulQueue].length; ++i) {
        if (fs[gracefulQueue][i].length > 2) {
          fs[gracefulQueue][i][3] = now;
          fs[gracefulQueue][i][4] = now;
        }
      }
      retry();
    }
    function retry() {
      clearTimeout(retryTimer);
      retryTimer = void 0;
      if (fs[gracefulQueue].length === 0)
        return;
      var elem = fs[gracefulQueue].shift();
      var fn = elem[0];
      var args = elem[1];
      var err = elem[2];
      var startTime = elem[3];
      var lastTime = elem[4];
      if (startTime === void 0) {
        debug("RETRY", fn.name, args);
        fn.apply(null, args);
      } else if (Date.now() - startTime >= 6e4) {
        debug("TIMEOUT", fn.name, args);
        var cb = args.pop();
        if (typeof cb === "function")
          cb.call(null, err);
      } else {
        var sinceAttempt = Date.now() - lastTime;
        var sinceStart = Math.max(lastTime - startTime, 1);
        var desiredDelay = Math.min(sinceStart * 1.2, 100);
        if (sinceAttempt >= desiredDelay) {
          debug("RETRY", fn.name, args);
          fn.apply(null, args.concat([startTime]));
        } else {
          fs[gracefulQueue].push(elem);
        }
      }
      if (retryTimer === void 0) {
        retryTimer = setTimeout(retry, 0);
      }
    }
  }
});

// node_modules/retry/lib/retry_operation.js
var require_retry_operation = __commonJS({
  "node_modules/retry/lib/retry_operation.js"(exports, module) {
    function RetryOperation(timeouts, options) {
      if (typeof options === "boolean") {
        options = { forever: options };
      }
      this._originalTimeouts = JSON.parse(JSON.stringify(timeouts));
      this._timeouts = timeouts;
      this._options = options || {};
      this._maxRetryTime = options && options.maxRetryTime || Infinity;
      this._fn = null;
      this._errors = [];
      this._attempts = 1;
      this._operationTimeout = null;
      this._operationTimeoutCb = null;
      this._timeout = null;
      this._operationStart = null;
      if (this._options.forever) {
        this._cachedTimeouts = this._timeouts.slice(0);
      }
    }
    module.exports = RetryOperation;
    RetryOperation.prototype.reset = function() {
      this._attempts = 1;
      this._timeouts = this._originalTimeouts;
    };
    RetryOperation.prototype.stop = function() {
      if (this._timeout) {
        clearTimeout(this._timeout);
      }
      this._timeouts = [];
      this._cachedTimeouts = null;
    };
    RetryOperation.prototype.retry = function(err) {
      if (this._timeout) {
        clearTimeout(this._timeout);
      }
      if (!err) {
        return false;
      }
      var currentTime = (/* @__PURE__ */ new Date()).getTime();
      if (err && currentTime - this._operationStart >= this._maxRetryTime) {
        this._errors.unshift(new Error("RetryOperation timeout occurred"));
        return false;
      }
      this._errors.push(err);
      var timeout = this._timeouts.shift();
      if (timeout === void 0) {
        if (this._cachedTimeouts) {
          this._errors.splice(this._errors.length - 1, this._errors.length);
          this._timeouts = this._cachedTimeouts.slice(0);
          timeout = this._timeouts.shift();
        } else {
          return false;
        }
      }
      var self = this;
      var timer = setTimeout(function() {
        self._attempts++;
        if (self._operationTimeoutCb) {
          self._timeout = setTimeout(function() {
            self._operationTimeoutCb(self._attempts);
          }, self._operationTimeout);
          if (self._options.unref) {
            self._timeout.unref();
          }
        }
        self._fn(self._attempts);
      }, timeout);
      if (this._options.unref) {
        timer.unref();
      }
      return true;
    };
    RetryOperation.prototype.attempt = function(fn, timeoutOps) {
      this._fn = fn;
      if (timeoutOps) {
        if (timeoutOps.timeout) {
          this._operationTimeout = timeoutOps.timeout;
        }
        if (timeoutOps.cb) {
          this._operationTimeoutCb = timeoutOps.cb;
        }
      }
      var self = this;
      if (this._operationTimeoutCb) {
        this._timeout = setTimeout(function() {
          self._operationTimeoutCb();
        }, self._operationTimeout);
      }
      this._operationStart = (/* @__PURE__ */ new Date()).getTime();
      this._fn(this._attempts);
    };
    RetryOperation.prototype.try = function(fn) {
      console.log("Using RetryOperation.try() is deprecated");
      this.attempt(fn);
    };
    RetryOperation.prototype.start = function(fn) {
      console.log("Using RetryOperation.start() is deprecated");
      this.attempt(fn);
    };
    RetryOperation.prototype.start = RetryOperation.prototype.try;
    RetryOperation.prototype.errors = function() {
      return this._errors;
    };
    RetryOperation.prototype.attempts = function() {
      return this._attempts;
    };
    RetryOperation.prototype.mainError = function() {
      if (this._errors.length === 0) {
        return null;
      }
      var counts = {};
      var mainError = null;
      var mainErrorCount = 0;
      for (var i = 0; i < this._errors.length; i++) {
        var error = this._errors[i];
        var message = error.message;
        var count = (counts[message] || 0) + 1;
        counts[message] = count;
        if (count >= mainErrorCount) {
          mainError = error;
          mainErrorCount = count;
        }
      }
      return mainError;
    };
  }
});

// node_modules/retry/lib/retry.js
var require_retry = __commonJS({
  "node_modules/retry/lib/retry.js"(exports) {
    var RetryOperation = require_retry_operation();
    exports.operation = function(options) {
      var timeouts = exports.timeouts(options);
      return new RetryOperation(timeouts, {
        forever: options && options.forever,
        unref: options && options.unref,
        maxRetryTime: options && options.maxRetryTime
      });
    };
    exports.timeouts = function(options) {
      if (options instanceof Array) {
        return [].concat(options);
      }
      var opts = {
        retries: 10,
        factor: 2,
        minTimeout: 1 * 1e3,
        maxTimeout: Infinity,
        randomize: false
      };
      for (var key2 in options) {
        opts[key2] = options[key2];
      }
      if (opts.minTimeout > opts.maxTimeout) {
        throw new Error("minTimeout is greater than maxTimeout");
      }
      var timeouts = [];
      for (var i = 0; i < opts.retries; i++) {
        timeouts.push(this.createTimeout(i, opts));
      }
      if (options && options.forever && !timeouts.length) {
        timeouts.push(this.createTimeout(i, opts));
      }
      timeouts.sort(function(a, b) {
        return a - b;
      });
      return timeouts;
    };
    exports.createTimeout = function(attempt, opts) {
      var random = opts.randomize ? Math.random() + 1 : 1;
      var timeout = Math.round(random * opts.minTimeout * Math.pow(opts.factor, attempt));
      timeout = Math.min(timeout, opts.maxTimeout);
      return timeout;
    };
    exports.wrap = function(obj, options, methods) {
      if (options instanceof Array) {
        methods = options;
        options = null;
      }
      if (!methods) {
        methods = [];
        for (var key2 in obj) {
          if (typeof obj[key2] === "function") {
            methods.push(key2);
          }
        }
      }
      for (var i = 0; i < methods.length; i++) {
        var method = methods[i];
        var original = obj[method];
        obj[method] = function retryWrapper(original2) {
          var op = exports.operation(options);
          var args = Array.prototype.slice.call(arguments, 1);
          var callback = args.pop();
          args.push(function(err) {
            if (op.retry(err)) {
              return;
            }
            if (err) {
              arguments[0] = op.mainError();
            }
            callback.apply(this, arguments);
          });
          op.attempt(function() {
            original2.apply(obj, args);
          });
        }.bind(obj, original);
        obj[method].options = options;
      }
    };
  }
});

// node_modules/retry/index.js
var require_retry2 = __commonJS({
  "node_modules/retry/index.js"(exports, module) {
    module.exports = require_retry();
  }
});

// node_modules/proper-lockfile/node_modules/signal-exit/signals.js
var require_signals = __commonJS({
  "node_modules/proper-lockfile/node_modules/signal-exit/signals.js"(exports, module) {
    module.exports = [
      "SIGABRT",
      "SIGALRM",
      "SIGHUP",
      "SIGINT",
      "SIGTERM"
    ];
    if (process.platform !== "win32") {
      module.exports.push(
        "SIGVTALRM",
        "SIGXCPU",
        "SIGXFSZ",
        "SIGUSR2",
        "SIGTRAP",
        "SIGSYS",
        "SIGQUIT",
        "SIGIOT"
        // should detect profiler and enable/disable accordingly.
        // see #21
        // 'SIGPROF'
      );
    }
    if (process.platform === "linux") {
      module.exports.push(
        "SIGIO",
        "SIGPOLL",
        "SIGPWR",
        "SIGSTKFLT",
        "SIGUNUSED"
      );
    }
  }
});

// node_modules/proper-lockfile/node_modules/signal-exit/index.js
var require_signal_exit = __commonJS({
  "node_modules/proper-lockfile/node_modules/signal-exit/index.js"(exports, module) {
    var process2 = global.process;
    var processOk = function(process3) {
      return process3 && typeof process3 === "object" && typeof process3.removeListener === "function" && typeof process3.emit === "function" && typeof process3.reallyExit === "function" && typeof process3.listeners === "function" && typeof process3.kill === "function" && typeof process3.pid === "number" && typeof process3.on === "function";
    };
    if (!processOk(process2)) {
      module.exports = function() {
        return function() {
        };
      };
    } else {
      assert = __require("assert");
      signals = require_signals();
      isWin = /^win/i.test(process2.platform);
      EE = __require("events");
      if (typeof EE !== "function") {
        EE = EE.EventEmitter;
      }
      if (process2.__signal_exit_emitter__) {
        emitter = process2.__signal_exit_emitter__;
      } else {
        emitter = process2.__signal_exit_emitter__ = new EE();
        emitter.count = 0;
        emitter.emitted = {};
      }
      if (!emitter.infinite) {
        emitter.setMaxListeners(Infinity);
        emitter.infinite = true;
      }
      module.exports = function(cb, opts) {
        if (!processOk(global.process)) {
          return function() {
          };
        }
        assert.equal(typeof cb, "function", "a callback must be provided for exit handler");
        if (loaded === false) {
          load();
        }
        var ev = "exit";
        if (opts && opts.alwaysLast) {
          ev = "afterexit";
        }
        var remove = function() {
          emitter.removeListener(ev, cb);
          if (emitter.listeners("exit").length === 0 && emitter.listeners("afterexit").length === 0) {
            unload();
          }
        };
        emitter.on(ev, cb);
        return remove;
      };
      unload = function unload2() {
        if (!loaded || !processOk(global.process)) {
          return;
        }
        loaded = false;
        signals.forEach(function(sig) {
          try {
            process2.removeListener(sig, sigListeners[sig]);
          } catch (er) {
          }
        });
        process2.emit = originalProcessEmit;
        process2.reallyExit = originalProcessReallyExit;
        emitter.count -= 1;
      };
      module.exports.unload = unload;
      emit = function emit2(event, code, signal) {
        if (emitter.emitted[event]) {
          return;
        }
        emitter.emitted[event] = true;
        emitter.emit(event, code, signal);
      };
      sigListeners = {};
      signals.forEach(function(sig) {
        sigListeners[sig] = function listener() {
          if (!processOk(global.process)) {
            return;
          }
          var listeners = process2.listeners(sig);
          if (listeners.length === emitter.count) {
            unload();
            emit("exit", null, sig);
            emit("afterexit", null, sig);
            if (isWin && sig === "SIGHUP") {
              sig = "SIGINT";
            }
            process2.kill(process2.pid, sig);
          }
        };
      });
      module.exports.signals = function() {
        return signals;
      };
      loaded = false;
      load = function load2() {
        if (loaded || !processOk(global.process)) {
          return;
        }
        loaded = true;
        emitter.count += 1;
        signals = signals.filter(function(sig) {
          try {
            process2.on(sig, sigListeners[sig]);
            return true;
          } catch (er) {
            return false;
          }
        });
        process2.emit = processEmit;
        process2.reallyExit = processReallyExit;
      };
      module.exports.load = load;
      originalProcessReallyExit = process2.reallyExit;
      processReallyExit = function processReallyExit2(code) {
        if (!processOk(global.process)) {
          return;
        }
        process2.exitCode = code || /* istanbul ignore next */
        0;
        emit("exit", process2.exitCode, null);
        emit("afterexit", process2.exitCode, null);
        originalProcessReallyExit.call(process2, process2.exitCode);
      };
      originalProcessEmit = process2.emit;
      processEmit = function processEmit2(ev, arg) {
        if (ev === "exit" && processOk(global.process)) {
          if (arg !== void 0) {
            process2.exitCode = arg;
          }
          var ret = originalProcessEmit.apply(this, arguments);
          emit("exit", process2.exitCode, null);
          emit("afterexit", process2.exitCode, null);
          return ret;
        } else {
          return originalProcessEmit.apply(this, arguments);
        }
      };
    }
    var assert;
    var signals;
    var isWin;
    var EE;
    var emitter;
    var unload;
    var emit;
    var sigListeners;
    var loaded;
    var load;
    var originalProcessReallyExit;
    var processReallyExit;
    var originalProcessEmit;
    var processEmit;
  }
});

// node_modules/proper-lockfile/lib/mtime-precision.js
var require_mtime_precision = __commonJS({
  "node_modules/proper-lockfile/lib/mtime-precision.js"(exports, module) {
    "use strict";
    var cacheSymbol = /* @__PURE__ */ Symbol();
    function probe(file, fs, callback) {
      const cachedPrecision = fs[cacheSymbol];
      if (cachedPrecision) {
        return fs.stat(file, (err, stat) => {
          if (err) {
            return callback(err);
          }
          callback(null, stat.mtime, cachedPrecision);
        });
      }
      const mtime = new Date(Math.ceil(Date.now() / 1e3) * 1e3 + 5);
      fs.utimes(file, mtime, mtime, (err) => {
        if (err) {
          return callback(err);
        }
        fs.stat(file, (err2, stat) => {
          if (err2) {
            return callback(err2);
          }
          const precision = stat.mtime.getTime() % 1e3 === 0 ? "s" : "ms";
          Object.defineProperty(fs, cacheSymbol, { value: precision });
          callback(null, stat.mtime, precision);
        });
      });
    }
    function getMtime(precision) {
      let now = Date.now();
      if (precision === "s") {
        now = Math.ceil(now / 1e3) * 1e3;
      }
      return new Date(now);
    }
    module.exports.probe = probe;
    module.exports.getMtime = getMtime;
  }
});

// node_modules/proper-lockfile/lib/lockfile.js
var require_lockfile = __commonJS({
  "node_modules/proper-lockfile/lib/lockfile.js"(exports, module) {
    "use strict";
    var path = __require("path");
    var fs = require_graceful_fs();
    var retry = require_retry2();
    var onExit = require_signal_exit();
    var mtimePrecision = require_mtime_precision();
    var locks = {};
    function getLockFile(file, options) {
      return options.lockfilePath || `${file}.lock`;
    }
    function resolveCanonicalPath(file, options, callback) {
      if (!options.realpath) {
        return callback(null, path.resolve(file));
      }
      options.fs.realpath(file, callback);
    }
    function acquireLock(file, options, callback) {
      const lockfilePath = getLockFile(file, options);
      options.fs.mkdir(lockfilePath, (err) => {
        if (!err) {
          return mtimePrecision.probe(lockfilePath, options.fs, (err2, mtime, mtimePrecision2) => {
            if (err2) {
              options.fs.rmdir(lockfilePath, () => {
              });
              return callback(err2);
            }
            callback(null, mtime, mtimePrecision2);
          });
        }
        if (err.code !== "EEXIST") {
          return callback(err);
        }
        if (options.stale <= 0) {
          return callback(Object.assign(new Error("Lock file is already being held"), { code: "ELOCKED", file }));
        }
        options.fs.stat(lockfilePath, (err2, stat) => {
          if (err2) {
            if (err2.code === "ENOENT") {
              return acquireLock(file, { ...options, stale: 0 }, callback);
            }
            return callback(err2);
          }
          if (!isLockStale(stat, options)) {
            return callback(Object.assign(new Error("Lock file is already being held"), { code: "ELOCKED", file }));
          }
          removeLock(file, options, (err3) => {
            if (err3) {
              return callback(err3);
            }
            acquireLock(file, { ...options, stale: 0 }, callback);
          });
        });
      });
    }
    function isLockStale(stat, options) {
      return stat.mtime.getTime() < Date.now() - options.stale;
    }
    function removeLock(file, options, callback) {
      options.fs.rmdir(getLockFile(file, options), (err) => {
        if (err && err.code !== "ENOENT") {
          return callback(err);
        }
        callback();
      });
    }
    function updateLock(file, options) {
      const lock2 = locks[file];
      if (lock2.updateTimeout) {
        return;
      }
      lock2.updateDelay = lock2.updateDelay || options.update;
      lock2.updateTimeout = setTimeout(() => {
        lock2.updateTimeout = null;
        options.fs.stat(lock2.lockfilePath, (err, stat) => {
          const isOverThreshold = lock2.lastUpdate + options.stale < Date.now();
          if (err) {
            if (err.code === "ENOENT" || isOverThreshold) {
              return setLockAsCompromised(file, lock2, Object.assign(err, { code: "ECOMPROMISED" }));
            }
            lock2.updateDelay = 1e3;
            return updateLock(file, options);
          }
          const isMtimeOurs = lock2.mtime.getTime() === stat.mtime.getTime();
          if (!isMtimeOurs) {
            return setLockAsCompromised(
              file,
              lock2,
              Object.assign(
                new Error("Unable to update lock within the stale threshold"),
                { code: "ECOMPROMISED" }
              )
            );
          }
          const mtime = mtimePrecision.getMtime(lock2.mtimePrecision);
          options.fs.utimes(lock2.lockfilePath, mtime, mtime, (err2) => {
            const isOverThreshold2 = lock2.lastUpdate + options.stale < Date.now();
            if (lock2.released) {
              return;
            }
            if (err2) {
              if (err2.code === "ENOENT" || isOverThreshold2) {
                return setLockAsCompromised(file, lock2, Object.assign(err2, { code: "ECOMPROMISED" }));
              }
              lock2.updateDelay = 1e3;
              return updateLock(file, options);
            }
            lock2.mtime = mtime;
            lock2.lastUpdate = Date.now();
            lock2.updateDelay = null;
            updateLock(file, options);
          });
        });
      }, lock2.updateDelay);
      if (lock2.updateTimeout.unref) {
        lock2.updateTimeout.unref();
      }
    }
    function setLockAsCompromised(file, lock2, err) {
      lock2.released = true;
      if (lock2.updateTimeout) {
        clearTimeout(lock2.updateTimeout);
      }
      if (locks[file] === lock2) {
        delete locks[file];
      }
      lock2.options.onCompromised(err);
    }
    function lock(file, options, callback) {
      options = {
        stale: 1e4,
        update: null,
        realpath: true,
        retries: 0,
        fs,
        onCompromised: (err) => {
          throw err;
        },
        ...options
      };
      options.retries = options.retries || 0;
      options.retries = typeof options.retries === "number" ? { retries: options.retries } : options.retries;
      options.stale = Math.max(options.stale || 0, 2e3);
      options.update = options.update == null ? options.stale / 2 : options.update || 0;
      options.update = Math.max(Math.min(options.update, options.stale / 2), 1e3);
      resolveCanonicalPath(file, options, (err, file2) => {
        if (err) {
          return callback(err);
        }
        const operation = retry.operation(options.retries);
        operation.attempt(() => {
          acquireLock(file2, options, (err2, mtime, mtimePrecision2) => {
            if (operation.retry(err2)) {
              return;
            }
            if (err2) {
              return callback(operation.mainError());
            }
            const lock2 = locks[file2] = {
              lockfilePath: getLockFile(file2, options),
              mtime,
              mtimePrecision: mtimePrecision2,
              options,
              lastUpdate: Date.now()
            };
            updateLock(file2, options);
            callback(null, (releasedCallback) => {
              if (lock2.released) {
                return releasedCallback && releasedCallback(Object.assign(new Error("Lock is already released"), { code: "ERELEASED" }));
              }
              unlock(file2, { ...options, realpath: false }, releasedCallback);
            });
          });
        });
      });
    }
    function unlock(file, options, callback) {
      options = {
        fs,
        realpath: true,
        ...options
      };
      resolveCanonicalPath(file, options, (err, file2) => {
        if (err) {
          return callback(err);
        }
        const lock2 = locks[file2];
        if (!lock2) {
          return callback(Object.assign(new Error("Lock is not acquired/owned by you"), { code: "ENOTACQUIRED" }));
        }
        lock2.updateTimeout && clearTimeout(lock2.updateTimeout);
        lock2.released = true;
        delete locks[file2];
        removeLock(file2, options, callback);
      });
    }
    function check(file, options, callback) {
      options = {
        stale: 1e4,
        realpath: true,
        fs,
        ...options
      };
      options.stale = Math.max(options.stale || 0, 2e3);
      resolveCanonicalPath(file, options, (err, file2) => {
        if (err) {
          return callback(err);
        }
        options.fs.stat(getLockFile(file2, options), (err2, stat) => {
          if (err2) {
            return err2.code === "ENOENT" ? callback(null, false) : callback(err2);
          }
          return callback(null, !isLockStale(stat, options));
        });
      });
    }
    function getLocks() {
      return locks;
    }
    onExit(() => {
      for (const file in locks) {
        const options = locks[file].options;
        try {
          options.fs.rmdirSync(getLockFile(file, options));
        } catch (e) {
        }
      }
    });
    module.exports.lock = lock;
    module.exports.unlock = unlock;
    module.exports.check = check;
    module.exports.getLocks = getLocks;
  }
});

// node_modules/proper-lockfile/lib/adapter.js
var require_adapter = __commonJS({
  "node_modules/proper-lockfile/lib/adapter.js"(exports, module) {
    "use strict";
    var fs = require_graceful_fs();
    function createSyncFs(fs2) {
      const methods = ["mkdir", "realpath", "stat", "rmdir", "utimes"];
      const newFs = { ...fs2 };
      methods.forEach((method) => {
        newFs[method] = (...args) => {
          const callback = args.pop();
          let ret;
          try {
            ret = fs2[`${method}Sync`](...args);
          } catch (err) {
            return callback(err);
          }
          callback(null, ret);
        };
      });
      return newFs;
    }
    function toPromise(method) {
      return (...args) => new Promise((resolve3, reject) => {
        args.push((err, result) => {
          if (err) {
            reject(err);
          } else {
            resolve3(result);
          }
        });
        method(...args);
      });
    }
    function toSync(method) {
      return (...args) => {
        let err;
        let result;
        args.push((_err, _result) => {
          err = _err;
          result = _result;
        });
        method(...args);
        if (err) {
          throw err;
        }
        return result;
      };
    }
    function toSyncOptions(options) {
      options = { ...options };
      options.fs = createSyncFs(options.fs || fs);
      if (typeof options.retries === "number" && options.retries > 0 || options.retries && typeof options.retries.retries === "number" && options.retries.retries > 0) {
        throw Object.assign(new Error("Cannot use retries with the sync api"), { code: "ESYNC" });
      }
      return options;
    }
    module.exports = {
      toPromise,
      toSync,
      toSyncOptions
    };
  }
});

// node_modules/proper-lockfile/index.js
var require_proper_lockfile = __commonJS({
  "node_modules/proper-lockfile/index.js"(exports, module) {
    "use strict";
    var lockfile2 = require_lockfile();
    var { toPromise, toSync, toSyncOptions } = require_adapter();
    async function lock(file, options) {
      const release = await toPromise(lockfile2.lock)(file, options);
      return toPromise(release);
    }
    function lockSync(file, options) {
      const release = toSync(lockfile2.lock)(file, toSyncOptions(options));
      return toSync(release);
    }
    function unlock(file, options) {
      return toPromise(lockfile2.unlock)(file, options);
    }
    function unlockSync(file, options) {
      return toSync(lockfile2.unlock)(file, toSyncOptions(options));
    }
    function check(file, options) {
      return toPromise(lockfile2.check)(file, options);
    }
    function checkSync(file, options) {
      return toSync(lockfile2.check)(file, toSyncOptions(options));
    }
    module.exports = lock;
    module.exports.lock = lock;
    module.exports.unlock = unlock;
    module.exports.lockSync = lockSync;
    module.exports.unlockSync = unlockSync;
    module.exports.check = check;
    module.exports.checkSync = checkSync;
  }
});

// src/util/errors.ts
var UsageError = class extends Error {
  name = "UsageError";
  exitCode = 2;
};
function isUsageError(err) {
  return err instanceof UsageError;
}
function oneLine(err) {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/\s*\n\s*/g, " ").trim();
}

// src/farm/farm.ts
import { availableParallelism } from "node:os";
import { resolve } from "node:path";

// src/util/count.ts
import { readFileSync } from "node:fs";
function countLines(path) {
  try {
    const buf = readFileSync(path);
    let n = 0;
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) n++;
    return n;
  } catch {
    return 0;
  }
}

// src/tasklist/handlers.ts
var listHandler = (line) => line;
var builtins = {
  default: listHandler,
  list: listHandler
};
function resolveHandler(name, extra = {}) {
  const handler = extra[name] ?? builtins[name];
  if (!handler) {
    const known = [.../* @__PURE__ */ new Set([...Object.keys(builtins), ...Object.keys(extra)])].join(", ");
    throw new UsageError(`--tasklist: unknown tasklist handler "${name}" (known: ${known})`);
  }
  return handler;
}

// src/runners/shell.ts
import { existsSync } from "node:fs";
function defaultShell() {
  return existsSync("/bin/bash") ? "/bin/bash" : "/bin/sh";
}
function shellRunner(shell = defaultShell()) {
  return {
    name: "default",
    command(task) {
      return { file: shell, args: ["-c", task] };
    }
  };
}

// src/runners/registry.ts
function resolveRunner(name, configured = {}) {
  if (configured[name]) return configured[name];
  if (name === "default" || name === "shell") return shellRunner();
  const known = ["default", ...Object.keys(configured)].join(", ");
  throw new UsageError(`--runner: unknown runner "${name}" (known: ${known})`);
}

// src/runners/process.ts
import { spawn } from "node:child_process";
import { closeSync, existsSync as existsSync2, openSync } from "node:fs";
import { constants } from "node:os";
function killTree(pid, signal) {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
  }
}
var PERL = (() => {
  for (const dir of (process.env.PATH ?? "/usr/bin:/bin").split(":")) {
    const p = `${dir || "."}/perl`;
    if (dir && existsSync2(p)) return p;
  }
  return void 0;
})();
var signalNames = new Map(Object.entries(constants.signals).map(([k, v]) => [v, k]));
var SlotLauncher = class {
  constructor(baseEnv) {
    this.baseEnv = baseEnv;
  }
  baseEnv;
  child;
  buffered = "";
  current;
  run(spec, logFile, env) {
    if (!PERL) return spawnDirect(spec, logFile, { ...this.baseEnv, ...env });
    const child = this.ensure(PERL);
    const cur = { resolve: () => {
    } };
    const exited = new Promise((resolve3) => cur.resolve = resolve3);
    this.current = cur;
    const envs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    const fields = [logFile, spec.cwd ?? "", String(envs.length), ...envs, spec.file, ...spec.args];
    let msg = `${fields.length}
`;
    for (const f of fields) msg += `${Buffer.byteLength(f)}
${f}`;
    child.stdin.write(msg);
    return {
      exited,
      kill: (signal) => {
        if (cur.pid) killTree(cur.pid, signal);
        else cur.pendingKill = signal;
      }
    };
  }
  /** Ends the launcher (it exits when its input closes). */
  close() {
    this.child?.stdin?.end();
    this.child = void 0;
  }
  ensure(perl) {
    if (this.child) return this.child;
    const child = spawn(perl, ["-e", LAUNCHER], {
      stdio: ["pipe", "pipe", "inherit"],
      env: this.baseEnv,
      detached: true
    });
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => this.onData(chunk));
    child.stdin.on("error", () => {
    });
    child.on("exit", () => {
      if (this.child === child) this.child = void 0;
      const cur = this.current;
      this.current = void 0;
      if (cur) {
        killTree(cur.pid, "SIGKILL");
        cur.resolve({ code: null, signal: null, error: "its launcher process died" });
      }
    });
    child.unref();
    this.child = child;
    return child;
  }
  onData(chunk) {
    this.buffered += chunk;
    let nl;
    while ((nl = this.buffered.indexOf("\n")) >= 0) {
      const line = this.buffered.slice(0, nl);
      this.buffered = this.buffered.slice(nl + 1);
      const cur = this.current;
      if (!cur) continue;
      const value = Number(line.slice(2));
      if (line[0] === "P") {
        cur.pid = value;
        if (cur.pendingKill) killTree(value, cur.pendingKill);
        continue;
      }
      this.current = void 0;
      if (line[0] === "X") cur.resolve({ code: value, signal: null });
      else if (line[0] === "S") cur.resolve({ code: 128 + value, signal: signalNames.get(value) ?? `SIG${value}` });
      else cur.resolve({ code: 127, signal: null, error: line.slice(2) });
    }
  }
};
var LAUNCHER = `
use strict; use POSIX ();
$| = 1; binmode STDIN; binmode STDOUT;
sub field { my $n = <STDIN>; return undef unless defined $n; chomp $n; my $b = '';
  while (length($b) < $n) { my $r = read(STDIN, $b, $n - length($b), length($b)); return undef unless $r; }
  return $b; }
while (defined(my $count = <STDIN>)) { chomp $count;
  my @f; for (1 .. $count) { my $x = field(); exit 0 unless defined $x; push @f, $x; }
  my ($log, $cwd, $nenv) = splice(@f, 0, 3); my @env = splice(@f, 0, $nenv); my @argv = @f;
  my $fh; unless (sysopen($fh, $log, POSIX::O_WRONLY() | POSIX::O_CREAT() | POSIX::O_TRUNC(), 0644)) { print "E cannot write log $log: $!
"; next; }
  my $pid = fork();
  unless (defined $pid) { print "E cannot fork: $!
"; close $fh; next; }
  if ($pid == 0) {
    POSIX::setpgid(0, 0);
    open(STDIN, '<', '/dev/null'); POSIX::dup2(fileno($fh), 1); POSIX::dup2(fileno($fh), 2);
    for my $e (@env) { my ($k, $v) = split(/=/, $e, 2); $ENV{$k} = $v; }
    if (length $cwd && !chdir $cwd) { print STDERR "taskfarmer: cannot cd to $cwd: $!
"; POSIX::_exit(127); }
    { exec { $argv[0] } @argv; }
    print STDERR "taskfarmer: cannot run $argv[0]: $!
"; POSIX::_exit(127);
  }
  close $fh; POSIX::setpgid($pid, $pid);
  print "P $pid
";
  waitpid($pid, 0);
  if ($? & 127) { print "S ", ($? & 127), "
" } else { print "X ", ($? >> 8), "
" }
}
`;
function spawnDirect(spec, logFile, env) {
  const fd = openSync(logFile, "w", 420);
  let child;
  try {
    child = spawn(spec.file, spec.args, { detached: true, stdio: ["ignore", fd, fd], env, cwd: spec.cwd });
  } finally {
    closeSync(fd);
  }
  const exited = new Promise((resolve3) => {
    child.once("error", (err) => resolve3({ code: 127, signal: null, error: err.message }));
    child.once(
      "exit",
      (code, signal) => resolve3({ code: code ?? (signal ? 128 + signalNumber(signal) : null), signal })
    );
  });
  return { exited, kill: (signal) => killTree(child.pid, signal) };
}
function signalNumber(signal) {
  return constants.signals[signal] ?? 0;
}

// src/workdir/workdir.ts
import {
  accessSync,
  appendFileSync,
  constants as constants2,
  existsSync as existsSync4,
  mkdirSync,
  readFileSync as readFileSync5,
  readdirSync as readdirSync2,
  renameSync as renameSync2,
  statSync,
  writeFileSync
} from "node:fs";
import { dirname, join as join2 } from "node:path";

// src/tasklist/parse.ts
function isTaskLine(trimmed) {
  return trimmed.length > 0 && !trimmed.startsWith("#");
}
function parseTasklist(text) {
  const tasks = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (isTaskLine(line)) tasks.push(line);
  }
  return tasks;
}

// src/workdir/files.ts
import { closeSync as closeSync2, fstatSync, fsyncSync, ftruncateSync, openSync as openSync2, readSync, renameSync, writeSync } from "node:fs";

// src/workdir/layout.ts
import { join } from "node:path";
function layout(dir) {
  const state = join(dir, ".taskfarmer");
  return {
    dir,
    toprocess: join(dir, "toprocess"),
    finished: join(dir, "finished"),
    failed: join(dir, "failed"),
    timeline: join(dir, "timeline.json"),
    logs: join(dir, "logs"),
    state,
    meta: join(state, "meta.json"),
    lock: join(state, "lock"),
    journals: join(state, "journal"),
    history: join(state, "history")
  };
}
function logPath(l, id) {
  return join(l.logs, `log_${id}`);
}
function journalPath(l, farmerId) {
  return join(l.journals, `${farmerId}.jsonl`);
}
var FILE_MODE = 420;
var DIR_MODE = 493;
function formatTaskLine(id, task) {
  return `${id} ${task}
`;
}
function parseTaskLines(text, file) {
  const out = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length === 0) continue;
    const space = line.indexOf(" ");
    const idText = space < 0 ? line : line.slice(0, space);
    if (!/^\d+$/.test(idText)) {
      throw new Error(`${file}:${i + 1}: expected "<id> <task>", got "${line.slice(0, 60)}"`);
    }
    out.push([Number(idText), space < 0 ? "" : line.slice(space + 1)]);
  }
  return out;
}
function idsOfTaskLines(text) {
  const ids = [];
  let start = 0;
  for (; ; ) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) break;
    const space = text.indexOf(" ", start);
    const end = space >= 0 && space < nl ? space : nl;
    const id = Number(text.slice(start, end));
    if (end > start && Number.isInteger(id)) ids.push(id);
    start = nl + 1;
  }
  return ids;
}

// src/workdir/files.ts
function appendLines(path, text) {
  if (text.length === 0) return;
  const fd = openSync2(path, "a+", FILE_MODE);
  try {
    const size = fstatSync(fd).size;
    if (size > 0) {
      const end = endOfLastLine(fd, size);
      if (end !== size) ftruncateSync(fd, end);
    }
    writeSync(fd, text);
  } finally {
    closeSync2(fd);
  }
}
function endOfLastLine(fd, size) {
  const buf = Buffer.alloc(Math.min(size, 64 * 1024));
  let pos = size;
  while (pos > 0) {
    const len = Math.min(buf.length, pos);
    readSync(fd, buf, 0, len, pos - len);
    const nl = buf.subarray(0, len).lastIndexOf(10);
    if (nl >= 0) return pos - len + nl + 1;
    pos -= len;
  }
  return 0;
}
function readRange(fd, from, to) {
  const buf = Buffer.alloc(to - from);
  let off = 0;
  while (off < buf.length) {
    const n = readSync(fd, buf, off, buf.length - off, from + off);
    if (n === 0) break;
    off += n;
  }
  return off === buf.length ? buf : buf.subarray(0, off);
}
function readTail(path, max) {
  let fd;
  try {
    fd = openSync2(path, "r");
  } catch {
    return "";
  }
  try {
    const size = fstatSync(fd).size;
    const from = Math.max(0, size - max);
    let text = readRange(fd, from, size).toString("utf8");
    if (from > 0) text = text.slice(text.indexOf("\n") + 1);
    return text;
  } finally {
    closeSync2(fd);
  }
}
function writeFileAtomic(path, chunks) {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync2(tmp, "w", FILE_MODE);
  try {
    let pending = "";
    for (const c of chunks) {
      pending += c;
      if (pending.length >= 1 << 20) {
        writeSync(fd, pending);
        pending = "";
      }
    }
    if (pending) writeSync(fd, pending);
    fsyncSync(fd);
  } finally {
    closeSync2(fd);
  }
  renameSync(tmp, path);
}
function appendJsonArray(path, items) {
  if (items.length === 0) return;
  const fd = openSync2(path, "a+", FILE_MODE);
  try {
    const size = fstatSync(fd).size;
    const tail = readRange(fd, Math.max(0, size - 4096), size).toString("latin1");
    const base = Math.max(0, size - 4096);
    const close = tail.lastIndexOf("]");
    let cut;
    let empty;
    if (size === 0 || tail.trim() === "") {
      cut = 0;
      empty = true;
    } else if (close >= 0 && tail.slice(close + 1).trim() === "") {
      cut = base + close;
      const before = tail.slice(0, close).trimEnd();
      empty = before.endsWith("[");
      cut = base + before.length;
    } else {
      const lastObj = tail.lastIndexOf("},\n");
      const open = tail.indexOf("[");
      cut = lastObj >= 0 ? base + lastObj + 1 : open >= 0 ? base + open + 1 : 0;
      empty = lastObj < 0;
    }
    const body = (cut === 0 ? "[\n" : empty ? "\n" : ",\n") + items.join(",\n") + "\n]\n";
    ftruncateSync(fd, cut);
    writeSync(fd, body, cut);
  } finally {
    closeSync2(fd);
  }
}

// src/workdir/identity.ts
import { readFileSync as readFileSync2 } from "node:fs";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
var bootId = (() => {
  try {
    return readFileSync2("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return hostname();
  }
})();
var host = hostname();
function newFarmerId() {
  const safeHost = host.replace(/[^A-Za-z0-9_.-]/g, "_");
  return `${safeHost}-${process.pid}-${randomBytes(3).toString("hex")}`;
}
function pidAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return err.code !== "ESRCH";
  }
  try {
    const stat = readFileSync2(`/proc/${pid}/stat`, "utf8");
    return stat[stat.lastIndexOf(")") + 2] !== "Z";
  } catch {
    return true;
  }
}

// src/workdir/journal.ts
function encodeRecords(records) {
  let out = "";
  for (const r of records) out += JSON.stringify(r) + "\n";
  return out;
}
function decodeChunk(chunk) {
  const end = chunk.lastIndexOf(10) + 1;
  const records = [];
  if (end === 0) return { records, consumed: 0 };
  const text = chunk.toString("utf8", 0, end);
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf("\n", start);
    const line = text.slice(start, nl);
    start = nl + 1;
    if (line.length === 0) continue;
    try {
      records.push(JSON.parse(line));
    } catch {
    }
  }
  return { records, consumed: end };
}

// src/workdir/lock.ts
var import_proper_lockfile = __toESM(require_proper_lockfile(), 1);
var sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function withLock(path, opts, fn) {
  const release = await acquire(path, opts);
  try {
    return fn();
  } finally {
    try {
      release();
    } catch {
    }
  }
}
async function acquire(path, opts) {
  let wait = 1;
  for (; ; ) {
    try {
      return import_proper_lockfile.default.lockSync(path, {
        realpath: false,
        lockfilePath: path,
        stale: opts.stale,
        update: Math.max(1e3, Math.floor(opts.stale / 3)),
        onCompromised: opts.onCompromised ?? (() => {
        })
      });
    } catch (err) {
      if (err.code !== "ELOCKED") throw err;
    }
    await sleep(wait * (0.5 + Math.random()));
    wait = Math.min(wait * 2, 100);
  }
}

// src/workdir/meta.ts
import { createHash } from "node:crypto";
import { readFileSync as readFileSync3 } from "node:fs";
function sha256(buf) {
  return createHash("sha256").update(buf).digest("hex");
}
function readMeta(l) {
  try {
    return JSON.parse(readFileSync3(l.meta, "utf8"));
  } catch (err) {
    if (err.code === "ENOENT") return void 0;
    throw new UsageError(`workdir ${l.dir}: ${l.meta} is unreadable or corrupt (${err.message})`);
  }
}
function writeMeta(l, meta) {
  writeFileAtomic(l.meta, [JSON.stringify(meta, null, 2) + "\n"]);
}
function appendedBytes(meta, tasklistPath, buf, workdir) {
  const changed = (why) => new UsageError(
    `tasklist ${tasklistPath} changed since workdir ${workdir} was created (${why}); only appending lines is allowed \u2014 restore it or use a new --workdir`
  );
  if (buf.length < meta.bytes) throw changed(`it is shorter: ${buf.length} bytes, was ${meta.bytes}`);
  if (sha256(buf.subarray(0, meta.bytes)) !== meta.sha256) throw changed("its existing lines were edited");
  let rest = buf.subarray(meta.bytes);
  const endedWithNewline = meta.bytes === 0 || buf[meta.bytes - 1] === 10;
  if (!endedWithNewline && rest.length > 0) {
    if (rest[0] !== 10) throw changed("its last line was extended");
  }
  const complete = rest.lastIndexOf(10) + 1;
  rest = rest.subarray(0, complete);
  return rest;
}

// src/workdir/reader.ts
import { closeSync as closeSync3, existsSync as existsSync3, fstatSync as fstatSync2, openSync as openSync3, readdirSync, readFileSync as readFileSync4 } from "node:fs";
import { basename } from "node:path";

// src/workdir/state.ts
var TaskState = class {
  /** id → command; undefined for ids not in this run. */
  tasks = [];
  status = new Uint8Array(1024);
  attempt = new Uint32Array(1024);
  released = new Uint32Array(1024);
  owner = new Int32Array(1024).fill(-1);
  fails = new Uint16Array(1024);
  claimedBy = /* @__PURE__ */ new Map();
  order = [];
  cursor = 0;
  returned = new MinHeap();
  count = { pending: 0, claimed: 0, done: 0, failed: 0 };
  get total() {
    return this.count.pending + this.count.claimed + this.count.done + this.count.failed;
  }
  statusOf(id) {
    return id < this.status.length ? this.status[id] : 0 /* Absent */;
  }
  attemptOf(id) {
    return id < this.attempt.length ? this.attempt[id] : 0;
  }
  failsOf(id) {
    return id < this.fails.length ? this.fails[id] : 0;
  }
  ownerOf(id) {
    return this.statusOf(id) === 2 /* Claimed */ ? this.owner[id] : -1;
  }
  /** The ids a farmer (by index) currently holds. */
  claimsOf(farmer) {
    return this.claimedBy.get(farmer) ?? /* @__PURE__ */ new Set();
  }
  /** Base tasks must be added in ascending id order. */
  addBase(id, task) {
    if (this.statusOf(id) !== 0 /* Absent */) return;
    this.ensure(id);
    this.tasks[id] = task;
    this.setStatus(id, 1 /* Pending */);
    this.order.push(id);
  }
  /** A task that joined later (appended to the tasklist, or recovered). */
  addLate(id, task) {
    if (this.statusOf(id) !== 0 /* Absent */) return;
    this.ensure(id);
    this.tasks[id] = task;
    this.setStatus(id, 1 /* Pending */);
    this.returned.push(id);
  }
  /** Folds one record written by farmer number `farmer`. */
  apply(farmer, r) {
    switch (r.t) {
      case "claim":
        return this.applyClaim(farmer, r.id, r.a);
      case "done":
        return this.finish(r.id, 3 /* Done */);
      case "fail":
        if (r.final) return this.finish(r.id, 4 /* Failed */);
        if (r.id < this.fails.length) this.fails[r.id]++;
        return this.release(r.id, r.a);
      case "requeue":
        return this.release(r.id, r.a);
      case "add":
        return this.addLate(r.id, r.task);
      default:
        return;
    }
  }
  /** The next pending task, lowest returned id first, then in tasklist order; -1 if none. */
  nextPending() {
    while (this.returned.size > 0) {
      const id = this.returned.pop();
      if (this.statusOf(id) === 1 /* Pending */) return id;
    }
    while (this.cursor < this.order.length) {
      const id = this.order[this.cursor++];
      if (this.statusOf(id) === 1 /* Pending */) return id;
    }
    return -1;
  }
  /** Puts an id taken by nextPending() but not claimed back in front of the queue. */
  unshift(id) {
    this.returned.push(id);
  }
  /** Every id that is pending or claimed, ascending: what `toprocess` holds at rest. */
  notDone() {
    const ids = [];
    for (let id = 0; id < this.status.length; id++) {
      const s = this.status[id];
      if (s === 1 /* Pending */ || s === 2 /* Claimed */) ids.push(id);
    }
    return ids;
  }
  applyClaim(farmer, id, a) {
    const s = this.statusOf(id);
    if (s === 0 /* Absent */ || s === 3 /* Done */ || s === 4 /* Failed */) return;
    if (a <= this.attempt[id]) return;
    this.attempt[id] = a;
    if (s === 2 /* Claimed */) this.dropClaim(id);
    if (this.released[id] >= a) {
      this.setStatus(id, 1 /* Pending */);
      return;
    }
    this.owner[id] = farmer;
    let set = this.claimedBy.get(farmer);
    if (!set) this.claimedBy.set(farmer, set = /* @__PURE__ */ new Set());
    set.add(id);
    this.setStatus(id, 2 /* Claimed */);
  }
  release(id, a) {
    if (this.statusOf(id) === 0 /* Absent */) return;
    if (a > this.released[id]) this.released[id] = a;
    if (this.status[id] === 2 /* Claimed */ && this.attempt[id] === a) {
      this.dropClaim(id);
      this.setStatus(id, 1 /* Pending */);
      this.returned.push(id);
    }
  }
  finish(id, to) {
    const s = this.statusOf(id);
    if (s === 0 /* Absent */ || s === 3 /* Done */ || s === 4 /* Failed */) return;
    if (s === 2 /* Claimed */) this.dropClaim(id);
    this.setStatus(id, to);
  }
  dropClaim(id) {
    this.claimedBy.get(this.owner[id])?.delete(id);
    this.owner[id] = -1;
  }
  setStatus(id, to) {
    const from = this.status[id];
    if (from !== 0 /* Absent */) this.count[key(from)]--;
    if (to !== 0 /* Absent */) this.count[key(to)]++;
    this.status[id] = to;
  }
  ensure(id) {
    if (id < this.status.length) return;
    let size = this.status.length;
    while (size <= id) size *= 2;
    this.status = grow(this.status, new Uint8Array(size));
    this.attempt = grow(this.attempt, new Uint32Array(size));
    this.released = grow(this.released, new Uint32Array(size));
    this.owner = grow(this.owner, new Int32Array(size).fill(-1));
    this.fails = grow(this.fails, new Uint16Array(size));
  }
};
function key(s) {
  return s === 1 /* Pending */ ? "pending" : s === 2 /* Claimed */ ? "claimed" : s === 3 /* Done */ ? "done" : "failed";
}
function grow(old, bigger) {
  bigger.set(old);
  return bigger;
}
var MinHeap = class {
  items = [];
  get size() {
    return this.items.length;
  }
  push(v) {
    const a = this.items;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = i - 1 >> 1;
      if (a[p] <= v) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = v;
  }
  pop() {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0) {
      let i = 0;
      for (; ; ) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && a[r] < a[l] ? r : l;
        if (a[c] >= last) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
};

// src/workdir/reader.ts
var Reader = class {
  constructor(l) {
    this.l = l;
  }
  l;
  state = new TaskState();
  farmers = /* @__PURE__ */ new Map();
  offsets = /* @__PURE__ */ new Map();
  /** Loads the base from `toprocess` (ascending ids, as PyTaskFarmer writes it). */
  loadBase() {
    if (!existsSync3(this.l.toprocess)) return;
    const text = readFileSync4(this.l.toprocess, "utf8");
    const lines = parseTaskLines(text, this.l.toprocess);
    lines.sort((a, b) => a[0] - b[0]);
    for (const [id, task] of lines) this.state.addBase(id, task);
  }
  /** Reads what every journal gained since the last poll. `self` is skipped: its writer applies its own records. */
  poll(self) {
    let names;
    try {
      names = readdirSync(this.l.journals);
    } catch {
      return;
    }
    const now = Date.now();
    for (const name of names) {
      if (!name.endsWith(".jsonl")) continue;
      const id = basename(name, ".jsonl");
      if (id === self) continue;
      this.readJournal(id, now);
    }
  }
  /** The farmer record for an id, created on first sight. */
  farmer(id) {
    let f = this.farmers.get(id);
    if (!f) {
      f = {
        id,
        index: this.farmers.size,
        host: "",
        boot: "",
        pid: 0,
        workers: 0,
        lease: 0,
        started: 0,
        lastTs: 0,
        lastSeen: Date.now(),
        bye: false
      };
      this.farmers.set(id, f);
    }
    return f;
  }
  /** Folds records written by farmer `id` (its own, or read from its journal). */
  apply(f, records) {
    for (const r of records) {
      switch (r.t) {
        case "hello":
          Object.assign(f, {
            host: r.host,
            boot: r.boot,
            pid: r.pid,
            workers: r.workers,
            lease: r.lease,
            started: r.ts,
            lastTs: r.ts
          });
          break;
        case "hb":
          f.lastTs = r.ts;
          break;
        case "bye":
          f.lastTs = r.ts;
          f.bye = true;
          break;
        default:
          this.state.apply(f.index, r);
      }
    }
  }
  readJournal(id, now) {
    const from = this.offsets.get(id) ?? 0;
    let fd;
    try {
      fd = openSync3(journalPath(this.l, id), "r");
    } catch {
      return;
    }
    try {
      const size = fstatSync2(fd).size;
      const first = !this.farmers.has(id);
      const f = this.farmer(id);
      if (size <= from) return;
      const { records, consumed } = decodeChunk(readRange(fd, from, size));
      this.offsets.set(id, from + consumed);
      this.apply(f, records);
      f.lastSeen = first && f.lastTs > 0 ? Math.min(now, f.lastTs) : now;
    } finally {
      closeSync3(fd);
    }
  }
};
function farmerGone(f, now, defaultLease) {
  if (f.bye) return true;
  if (f.boot === bootId && f.host === host && f.pid > 0 && !pidAlive(f.pid)) return true;
  return now - f.lastSeen > (f.lease || defaultLease);
}

// src/workdir/workdir.ts
var StaleWorkdirError = class extends Error {
};
var Workdir = class _Workdir {
  constructor(o) {
    this.o = o;
    this.l = layout(o.dir);
    this.reader = new Reader(this.l);
    this.self = this.reader.farmer(this.farmerId);
  }
  o;
  l;
  farmerId = newFarmerId();
  reader;
  self;
  ownOffset = 0;
  /** Tasks finished/failed before this farmer started (from the files). */
  previous = { finished: 0, failed: 0 };
  get state() {
    return this.reader.state;
  }
  get farmers() {
    return this.reader.farmers;
  }
  logPath(id) {
    return logPath(this.l, id);
  }
  /**
   * Validates everything first (nothing is written when a UsageError is thrown), then, under
   * the lock: creates or adopts the workdir, recovers what crashed farmers left, and registers.
   */
  static async open(o) {
    const wd = new _Workdir(o);
    const l = wd.l;
    checkWritableDir(l.dir, "workdir");
    const buf = readTasklist(o.tasklist);
    const meta0 = existsSync4(l.dir) ? readMeta(l) : void 0;
    if (meta0) appendedBytes(meta0, o.tasklist, buf, l.dir);
    if (existsSync4(l.toprocess)) parseTaskLines(readFileSync5(l.toprocess, "utf8"), l.toprocess);
    for (const d of [l.dir, l.logs, l.state, l.journals, l.history]) mkdirSync(d, { recursive: true, mode: DIR_MODE });
    await withLock(l.lock, wd.lockOptions(), () => wd.start(buf));
    return wd;
  }
  lockOptions() {
    return {
      stale: this.o.lockStale,
      onCompromised: (err) => this.o.warn(`workdir lock: ${err.message}`)
    };
  }
  /** Runs under the lock at start-up. */
  start(buf) {
    const l = this.l;
    let meta = readMeta(l);
    const fresh = !existsSync4(l.toprocess);
    if (fresh) {
      const tasks = parseTasklist(buf.toString("utf8")).map((line, id) => this.o.handler(line, id));
      writeFileAtomic(
        l.toprocess,
        tasks.map((t, id) => formatTaskLine(id, t))
      );
      for (const f of [l.finished, l.failed]) if (!existsSync4(f)) writeFileSync(f, "", { mode: FILE_MODE });
      if (!existsSync4(l.timeline)) writeFileSync(l.timeline, "[\n]\n", { mode: FILE_MODE });
      meta = {
        version: 1,
        tasklist: this.o.tasklist,
        bytes: buf.length,
        sha256: sha256(buf),
        tasks: tasks.length,
        created: (/* @__PURE__ */ new Date()).toISOString()
      };
      writeMeta(l, meta);
    }
    this.reader.loadBase();
    this.reader.poll(this.farmerId);
    const now = Date.now();
    const others = [...this.reader.farmers.values()].filter((f) => f !== this.self);
    const live = others.filter((f) => !this.isGone(f, now));
    const records = [];
    if (!meta) {
      meta = {
        version: 1,
        tasklist: this.o.tasklist,
        bytes: buf.length,
        sha256: sha256(buf),
        tasks: 0,
        created: (/* @__PURE__ */ new Date()).toISOString()
      };
      const all = parseTasklist(buf.toString("utf8"));
      meta.tasks = all.length;
      records.push(...this.recoverLost(all.map((line, id) => this.o.handler(line, id))));
      writeMeta(l, meta);
    } else {
      records.push(...this.appendedTasks(meta, buf));
    }
    for (const f of others) if (this.isGone(f, now)) records.push(...this.takeBack(f));
    this.write(records);
    if (live.length === 0) {
      this.compact();
      this.reader = new Reader(l);
      this.self = this.reader.farmer(this.farmerId);
      this.ownOffset = 0;
      this.reader.loadBase();
    }
    this.previous.finished = countLines2(l.finished);
    this.previous.failed = countLines2(l.failed);
    this.write([
      {
        t: "hello",
        host,
        boot: bootId,
        pid: process.pid,
        workers: this.o.workers,
        lease: this.o.lease,
        ts: Date.now()
      }
    ]);
    appendJsonArray(l.timeline, this.trackNames());
  }
  /** Claims, completions and requeues in one short locked section. */
  async sync(req) {
    return withLock(this.l.lock, this.lockOptions(), () => this.syncLocked(req));
  }
  syncLocked(req) {
    this.checkOwnJournal();
    this.reader.poll(this.farmerId);
    const st = this.state;
    const me = this.self.index;
    const records = [];
    const outcomes = [];
    let finished = "";
    let failed = "";
    const events = [];
    for (const c of req.completions ?? []) {
      if (st.ownerOf(c.id) !== me || st.attemptOf(c.id) !== c.attempt) {
        outcomes.push("fenced");
        continue;
      }
      const line = formatTaskLine(c.id, c.task);
      if (c.ok) {
        records.push({ t: "done", id: c.id, a: c.attempt, s: c.start, e: c.end, w: c.slot });
        finished += line;
        outcomes.push("done");
      } else {
        const final = st.failsOf(c.id) + 1 > this.o.retries;
        records.push({
          t: "fail",
          id: c.id,
          a: c.attempt,
          s: c.start,
          e: c.end,
          w: c.slot,
          rc: c.rc,
          sig: c.signal,
          to: c.timedOut,
          final
        });
        if (final) failed += line;
        outcomes.push(final ? "failed" : "retry");
      }
      events.push(this.traceEvent(c, outcomes[outcomes.length - 1]));
    }
    for (const s of req.stopped ?? []) {
      if (st.ownerOf(s.id) === me && st.attemptOf(s.id) === s.attempt)
        records.push({ t: "requeue", id: s.id, a: s.attempt, why: "stop" });
    }
    let reclaimed = 0;
    const now = Date.now();
    for (const f of this.reader.farmers.values()) {
      if (f === this.self || st.claimsOf(f.index).size === 0 || !this.isGone(f, now)) continue;
      const back = this.takeBack(f);
      reclaimed += back.filter((r) => r.t === "requeue").length;
      records.push(...back);
    }
    if (req.checkTasklist) records.push(...this.checkTasklist());
    appendLines(this.l.finished, finished);
    appendLines(this.l.failed, failed);
    appendJsonArray(this.l.timeline, events);
    this.write(records);
    const claims = [];
    const claimRecords = [];
    for (let i = 0; i < (req.want ?? 0); i++) {
      const id = st.nextPending();
      if (id < 0) break;
      const a = st.attemptOf(id) + 1;
      const claim = { t: "claim", id, a, ts: now };
      this.reader.apply(this.self, [claim]);
      claimRecords.push(claim);
      claims.push({ id, attempt: a, task: st.tasks[id] });
    }
    this.append(claimRecords);
    return { claims, outcomes, reclaimed };
  }
  /** A heartbeat: an append to our own journal, no lock needed (nobody else writes it). */
  heartbeat() {
    this.write([{ t: "hb", ts: Date.now() }]);
  }
  /** True while another live farmer holds claims or may still add work. */
  othersBusy() {
    const now = Date.now();
    for (const f of this.reader.farmers.values()) {
      if (f !== this.self && this.state.claimsOf(f.index).size > 0 && !this.isGone(f, now)) return true;
    }
    return false;
  }
  /**
   * Leaves the workdir: records our stop, and when no other farmer is alive, compacts it so that
   * `toprocess` holds exactly the tasks not done, as PyTaskFarmer expects at rest.
   */
  async close(stopped) {
    await withLock(this.l.lock, this.lockOptions(), () => {
      let stale = false;
      try {
        this.checkOwnJournal();
      } catch (err) {
        if (!(err instanceof StaleWorkdirError)) throw err;
        stale = true;
      }
      if (stale) return;
      this.reader.poll(this.farmerId);
      const records = [];
      for (const s of stopped) {
        if (this.state.ownerOf(s.id) === this.self.index && this.state.attemptOf(s.id) === s.attempt) {
          records.push({ t: "requeue", id: s.id, a: s.attempt, why: "stop" });
        }
      }
      records.push({ t: "bye", ts: Date.now() });
      this.write(records);
      const now = Date.now();
      const others = [...this.reader.farmers.values()].filter((f) => f !== this.self);
      if (others.every((f) => this.isGone(f, now))) {
        const back = [];
        for (const f of others) back.push(...this.takeBack(f));
        this.write(back);
        this.compact();
      }
    });
  }
  isGone(f, now) {
    return farmerGone(f, now, this.o.lease);
  }
  /**
   * Takes back the claims of a gone farmer. A claim whose task already reached `finished` or
   * `failed` (the farmer died between writing the line and its journal record) is completed,
   * not requeued, so no task is recorded twice.
   */
  takeBack(f) {
    const claims = [...this.state.claimsOf(f.index)];
    if (claims.length === 0) return [];
    const tailIds = (path) => new Set(idsOfTaskLines(readTail(path, 4 << 20)));
    const fin = tailIds(this.l.finished);
    const fail = tailIds(this.l.failed);
    const out = [];
    for (const id of claims) {
      const a = this.state.attemptOf(id);
      if (fin.has(id)) out.push({ t: "done", id, a, s: 0, e: 0, w: -1 });
      else if (fail.has(id))
        out.push({ t: "fail", id, a, s: 0, e: 0, w: -1, rc: null, sig: null, to: false, final: true });
      else out.push({ t: "requeue", id, a, why: "lease" });
    }
    if (out.length) this.o.warn(`farmer ${f.id} is gone: ${out.length} task(s) it held are back in the pool`);
    return out;
  }
  /** New tasks from lines appended to the tasklist. Under the lock. */
  checkTasklist() {
    const meta = readMeta(this.l);
    if (!meta) return [];
    let buf;
    try {
      if (statSync(this.o.tasklist).size <= meta.bytes) return [];
      buf = readFileSync5(this.o.tasklist);
    } catch {
      return [];
    }
    try {
      return this.appendedTasks(meta, buf);
    } catch (err) {
      this.o.warn(`${err.message}; ignoring the change`);
      return [];
    }
  }
  appendedTasks(meta, buf) {
    const added = appendedBytes(meta, this.o.tasklist, buf, this.l.dir);
    if (added.length === 0) return [];
    const lines = parseTasklist(added.toString("utf8"));
    const records = lines.map((line, i) => ({
      t: "add",
      id: meta.tasks + i,
      task: this.o.handler(line, meta.tasks + i)
    }));
    const bytes = meta.bytes + added.length;
    writeMeta(this.l, { ...meta, bytes, sha256: sha256(buf.subarray(0, bytes)), tasks: meta.tasks + lines.length });
    return records;
  }
  /** Tasks of the tasklist found in none of toprocess, finished, failed: PyTaskFarmer lost them. */
  recoverLost(tasks) {
    const known = /* @__PURE__ */ new Set();
    for (const f of [this.l.finished, this.l.failed]) {
      if (existsSync4(f)) for (const id of idsOfTaskLines(readFileSync5(f, "utf8"))) known.add(id);
    }
    const out = [];
    tasks.forEach((task, id) => {
      if (!known.has(id) && this.state.statusOf(id) === 0 /* Absent */) out.push({ t: "add", id, task });
    });
    if (out.length)
      this.o.warn(`recovered ${out.length} task(s) that were in no file of the workdir (lost by a crashed farmer)`);
    return out;
  }
  /**
   * Rewrites `toprocess` as the tasks not done and moves the journals to history. Only when no
   * other farmer is alive. Replaying the old journals over the new `toprocess` (a crash right
   * after the rename) changes nothing, so the two steps need no commit record.
   */
  compact() {
    const st = this.state;
    const ids = st.notDone();
    writeFileAtomic(
      this.l.toprocess,
      ids.map((id) => formatTaskLine(id, st.tasks[id]))
    );
    const stamp = (/* @__PURE__ */ new Date()).toISOString().replace(/[:.]/g, "-");
    for (const name of readdirSync2(this.l.journals)) {
      renameSync2(join2(this.l.journals, name), join2(this.l.history, `${stamp}-${name}`));
    }
  }
  /** Appends our records to our journal and folds them into our state. */
  write(records) {
    this.append(records);
    this.reader.apply(this.self, records);
  }
  append(records) {
    if (records.length === 0) return;
    const text = encodeRecords(records);
    appendFileSync(journalPath(this.l, this.farmerId), text, { mode: FILE_MODE });
    this.ownOffset += Buffer.byteLength(text);
  }
  checkOwnJournal() {
    let size = -1;
    try {
      size = statSync(journalPath(this.l, this.farmerId)).size;
    } catch {
    }
    if (size !== this.ownOffset) {
      throw new StaleWorkdirError(
        `workdir ${this.l.dir} was compacted by another farmer while this one was presumed dead; its tasks were given to others`
      );
    }
  }
  traceEvent(c, outcome) {
    return JSON.stringify({
      name: c.task,
      cat: outcome,
      ph: "X",
      ts: c.start * 1e3,
      dur: Math.max(0, c.end - c.start) * 1e3,
      pid: process.pid,
      tid: c.slot,
      args: { id: c.id, attempt: c.attempt, rc: c.rc, signal: c.signal, host, farmer: this.farmerId }
    });
  }
  /** Perfetto track names: one process per farmer (host and pid), one thread per worker slot. */
  trackNames() {
    const out = [
      JSON.stringify({
        name: "process_name",
        ph: "M",
        pid: process.pid,
        args: { name: `farmer ${host}:${process.pid}` }
      })
    ];
    for (let w = 0; w < this.o.workers; w++) {
      out.push(
        JSON.stringify({ name: "thread_name", ph: "M", pid: process.pid, tid: w, args: { name: `worker ${w}` } })
      );
    }
    return out;
  }
};
function countLines2(path) {
  try {
    return idsOfTaskLines(readFileSync5(path, "utf8")).length;
  } catch {
    return 0;
  }
}
function readTasklist(path) {
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`tasklist ${path} is a directory, not a file`);
    return readFileSync5(path);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = err.code;
    if (code === "ENOENT") throw new UsageError(`tasklist ${path} does not exist`);
    if (code === "EACCES") throw new UsageError(`tasklist ${path} is not readable (permission denied)`);
    throw new UsageError(`tasklist ${path} cannot be read (${code ?? err.message})`);
  }
}
function checkWritableDir(dir, what) {
  let p = dir;
  for (; ; ) {
    let st;
    try {
      st = statSync(p);
    } catch {
      const parent = dirname(p);
      if (parent === p) throw new UsageError(`${what} ${dir} cannot be created`);
      p = parent;
      continue;
    }
    if (!st.isDirectory()) {
      throw new UsageError(
        p === dir ? `${what} ${dir} exists and is not a directory` : `${what} ${dir} cannot be created: ${p} is not a directory`
      );
    }
    try {
      accessSync(p, constants2.W_OK | constants2.X_OK);
    } catch {
      throw new UsageError(
        p === dir ? `${what} ${dir} is not writable` : `${what} ${dir} cannot be created: ${p} is not writable`
      );
    }
    return;
  }
}

// src/farm/farm.ts
var STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGUSR1"];
var DRAIN_SIGNAL = "SIGUSR2";
async function farm(options) {
  const f = new Farm(options);
  return f.run();
}
var Farm = class {
  o;
  runner;
  wd;
  slots;
  completions = [];
  stoppedAttempts = [];
  syncing = false;
  syncAgain = false;
  stopReason;
  draining = false;
  finishing = false;
  fatal;
  checkTasklist = false;
  /** Claimed, not yet started: short tasks are claimed ahead so the lock is taken per batch, not per task. */
  queue = [];
  /** Recent mean task duration (ms), to decide whether claiming ahead pays. */
  meanMs = 1e3;
  flushTimer;
  timers = [];
  ran = { done: 0, failed: 0, retried: 0, stopped: 0 };
  started = Date.now();
  baseEnv = { ...process.env };
  launchers = [];
  resolveDone;
  handlers = /* @__PURE__ */ new Map();
  constructor(options) {
    this.o = {
      ...options,
      workers: options.workers ?? availableParallelism(),
      retries: options.retries ?? 0,
      lease: options.lease ?? 6e4,
      lockStale: options.lockStale ?? 3e4,
      killGrace: options.killGrace ?? 1e3
    };
    this.runner = typeof options.runner === "object" ? options.runner : resolveRunner(options.runner ?? "default", options.runners);
    this.slots = new Array(this.o.workers).fill(null);
    this.launchers = this.slots.map(() => new SlotLauncher(this.baseEnv));
  }
  async run() {
    const o = this.o;
    const tasklist = resolve(o.tasklist);
    const handler = typeof o.handler === "function" ? o.handler : resolveHandler(o.handler ?? "default", o.handlers);
    this.runner.preflight?.();
    this.installSignals();
    try {
      this.wd = await Workdir.open({
        dir: resolve(o.workdir ?? `${o.tasklist}_workdir`),
        tasklist,
        handler,
        retries: o.retries,
        lease: o.lease,
        lockStale: o.lockStale,
        workers: o.workers,
        warn: (message) => this.emit({ type: "warning", message })
      });
    } catch (err) {
      this.removeSignals();
      throw err;
    }
    const st = this.wd.state;
    this.emit({
      type: "started",
      workdir: this.wd.l.dir,
      farmer: this.wd.farmerId,
      workers: o.workers,
      pending: st.count.pending + st.count.claimed,
      finished: this.wd.previous.finished,
      failed: this.wd.previous.failed
    });
    const done = new Promise((r) => this.resolveDone = r);
    const tick = Math.min(Math.max(o.lease / 6, 250), 5e3);
    this.timers.push(
      setInterval(() => {
        try {
          this.wd.heartbeat();
        } catch (err) {
          this.fail(err);
        }
        if (this.idle() > 0 || this.running() === 0) this.requestSync();
      }, tick),
      setInterval(() => this.checkTasklist = true, 2e3)
    );
    if (o.timeout) this.timers.push(setTimeout(() => this.stop("timeout"), o.timeout));
    if (this.stopReason) this.stop(this.stopReason);
    this.requestSync();
    await done;
    return this.result();
  }
  emit(e) {
    this.o.onEvent?.(e);
  }
  running() {
    return this.slots.reduce((n, s) => n + (s ? 1 : 0), 0);
  }
  idle() {
    return this.slots.length - this.running();
  }
  requestSync() {
    if (this.finishing) return;
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = true;
    setImmediate(() => void this.doSync());
  }
  async doSync() {
    const completions = this.completions.splice(0);
    const stopped = this.stoppedAttempts.splice(0);
    const accepting = !this.stopReason && !this.draining && !this.fatal;
    const want = accepting ? Math.max(0, this.idle() + this.prefetch() - this.queue.length) : 0;
    if (!accepting) for (const c of this.queue.splice(0)) stopped.push({ id: c.id, attempt: c.attempt });
    const checkTasklist = this.checkTasklist;
    this.checkTasklist = false;
    try {
      if (this.wd && (completions.length || stopped.length || want > 0)) {
        const res = await this.wd.sync({ completions, stopped, want, checkTasklist });
        res.outcomes.forEach((outcome, i) => this.reportEnd(completions[i], outcome));
        this.queue.push(...res.claims);
        this.fillSlots();
      }
    } catch (err) {
      this.fail(err);
    }
    this.syncing = false;
    if (this.shouldFinish()) {
      void this.finish();
      return;
    }
    if (this.syncAgain || this.completions.length || this.stoppedAttempts.length) {
      this.syncAgain = false;
      this.requestSync();
    }
  }
  /**
   * How many tasks to hold beyond the free slots. Only for short tasks (under 100 ms on
   * average), where the lock would cost as much as the task; long tasks are claimed one by one
   * so that no farmer sits on work another could start.
   */
  prefetch() {
    return this.meanMs < 100 ? this.slots.length : 0;
  }
  fillSlots() {
    if (this.stopReason || this.draining || this.fatal) return;
    while (this.queue.length > 0 && this.idle() > 0) this.startTask(this.queue.shift());
  }
  /**
   * After a task ends: start the next one from the queue, and record completions now when the
   * queue runs low, else batched within 50 ms.
   */
  afterExit() {
    this.fillSlots();
    const low = this.queue.length <= this.prefetch() / 2 && !this.stopReason && !this.draining;
    if (low || this.running() === 0 || this.completions.length >= this.slots.length || this.stopReason || this.fatal) {
      this.requestSync();
    } else if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = void 0;
        this.requestSync();
      }, 50);
    }
  }
  shouldFinish() {
    if (this.running() > 0 || this.queue.length || this.completions.length || this.stoppedAttempts.length) return false;
    if (this.stopReason || this.draining || this.fatal) return true;
    const st = this.wd.state;
    return st.count.pending === 0 && !this.wd.othersBusy();
  }
  startTask(claim) {
    const slot = this.slots.indexOf(null);
    const ctx = { id: claim.id, attempt: claim.attempt, slot, workdir: this.wd.l.dir };
    const r = {
      claim,
      slot,
      ctx,
      proc: void 0,
      start: Date.now(),
      timedOut: false,
      stopped: false,
      timers: []
    };
    this.slots[slot] = r;
    let exited;
    try {
      const spec = this.runner.command(claim.task, ctx);
      const env = {
        ...spec.env,
        PROC_NUMBER: String(claim.id),
        TASKFARMER_TASK_ID: String(claim.id),
        TASKFARMER_ATTEMPT: String(claim.attempt),
        TASKFARMER_WORKDIR: this.wd.l.dir,
        TASKFARMER_WORKER: String(slot)
      };
      r.proc = this.launchers[slot].run(spec, this.wd.logPath(claim.id), env);
      exited = r.proc.exited;
    } catch (err) {
      exited = Promise.resolve({ code: null, signal: null, error: oneLine(err) });
    }
    this.emit({ type: "task-start", id: claim.id, attempt: claim.attempt, task: claim.task, slot });
    if (this.o.taskTimeout) {
      r.timers.push(
        setTimeout(() => {
          r.timedOut = true;
          this.killTask(r);
        }, this.o.taskTimeout)
      );
    }
    if (this.stopReason) {
      r.stopped = true;
      this.killTask(r);
    }
    void exited.then((info) => this.onExit(r, info));
  }
  killTask(r) {
    r.proc?.kill("SIGTERM");
    r.timers.push(setTimeout(() => r.proc?.kill("SIGKILL"), this.o.killGrace));
  }
  onExit(r, info) {
    for (const t of r.timers) clearTimeout(t);
    r.proc?.kill("SIGKILL");
    const ok = info.code === 0 && !r.timedOut && !r.stopped;
    try {
      this.runner.after?.(r.ctx, ok);
    } catch (err) {
      this.emit({ type: "warning", message: `runner cleanup for task ${r.claim.id}: ${oneLine(err)}` });
    }
    this.slots[r.slot] = null;
    const end = Date.now();
    if (r.stopped && !r.timedOut) {
      this.stoppedAttempts.push({ id: r.claim.id, attempt: r.claim.attempt });
      this.ran.stopped++;
      this.emit({
        type: "task-end",
        id: r.claim.id,
        attempt: r.claim.attempt,
        task: r.claim.task,
        slot: r.slot,
        outcome: "stopped",
        rc: info.code,
        signal: info.signal,
        timedOut: false,
        durationMs: end - r.start,
        log: this.wd.logPath(r.claim.id)
      });
    } else {
      if (info.error) this.emit({ type: "warning", message: `task ${r.claim.id} could not start: ${info.error}` });
      this.completions.push({
        id: r.claim.id,
        attempt: r.claim.attempt,
        ok,
        rc: info.code,
        signal: info.signal,
        timedOut: r.timedOut,
        start: r.start,
        end,
        slot: r.slot,
        task: r.claim.task
      });
      this.meanMs = 0.9 * this.meanMs + 0.1 * (end - r.start);
    }
    this.afterExit();
  }
  reportEnd(c, outcome) {
    if (outcome === "done") this.ran.done++;
    else if (outcome === "failed") this.ran.failed++;
    else if (outcome === "retry") this.ran.retried++;
    this.emit({
      type: "task-end",
      id: c.id,
      attempt: c.attempt,
      task: c.task,
      slot: c.slot,
      outcome,
      rc: c.rc,
      signal: c.signal,
      timedOut: c.timedOut,
      durationMs: c.end - c.start,
      log: this.wd.logPath(c.id)
    });
  }
  /** Stop claiming, kill every running task's tree, put them back; a second request kills at once. */
  stop(reason) {
    if (this.stopReason) {
      for (const r of this.slots) r?.proc?.kill("SIGKILL");
      return;
    }
    this.stopReason = reason;
    if (!this.wd) return;
    for (const c of this.queue.splice(0)) this.stoppedAttempts.push({ id: c.id, attempt: c.attempt });
    this.emit({ type: "stopping", reason });
    for (const r of this.slots) {
      if (!r) continue;
      r.stopped = true;
      this.killTask(r);
    }
    this.requestSync();
  }
  /** No new tasks; running ones finish. */
  drain() {
    if (this.draining || this.stopReason) return;
    this.draining = true;
    for (const c of this.queue.splice(0)) this.stoppedAttempts.push({ id: c.id, attempt: c.attempt });
    this.emit({ type: "stopping", reason: "drain" });
    this.requestSync();
  }
  /** The workdir could not be written: stop everything, exit 74. */
  fail(err) {
    if (this.fatal) return;
    this.fatal = err;
    this.emit({ type: "warning", message: `cannot record state in the workdir: ${oneLine(err)}` });
    for (const r of this.slots) {
      if (!r) continue;
      r.stopped = true;
      this.killTask(r);
    }
  }
  async finish() {
    if (this.finishing) return;
    this.finishing = true;
    for (const t of this.timers) clearTimeout(t);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    try {
      await this.wd.close(this.stoppedAttempts.splice(0));
    } catch (err) {
      if (!this.fatal) this.fatal = err;
    }
    for (const l of this.launchers) l.close();
    this.removeSignals();
    this.resolveDone();
  }
  result() {
    const st = this.wd.state;
    const finished = countLines(this.wd.l.finished);
    const failed = countLines(this.wd.l.failed);
    const remaining = st.count.pending + st.count.claimed;
    const stoppedEarly = (this.stopReason !== void 0 || this.draining) && remaining > 0;
    let exitCode = failed > 0 ? 1 : 0;
    if (stoppedEarly) exitCode = 75;
    if (this.fatal) exitCode = 74;
    return {
      exitCode,
      status: remaining > 0 || this.fatal ? "incomplete" : failed > 0 ? "failed" : "complete",
      stopReason: this.stopReason ?? (this.draining ? "drain" : void 0),
      workdir: this.wd.l.dir,
      farmer: this.wd.farmerId,
      total: finished + failed + remaining,
      finished,
      failed,
      remaining,
      ran: { ...this.ran },
      durationMs: Date.now() - this.started,
      error: this.fatal ? oneLine(this.fatal) : void 0
    };
  }
  installSignals() {
    if (this.o.handleSignals === false) return;
    for (const sig of STOP_SIGNALS) this.handlers.set(sig, () => this.stop(`signal:${sig}`));
    this.handlers.set(DRAIN_SIGNAL, () => this.drain());
    for (const [sig, h] of this.handlers) process.on(sig, h);
    this.o.signal?.addEventListener("abort", () => this.stop("abort"), { once: true });
  }
  removeSignals() {
    for (const [sig, h] of this.handlers) process.off(sig, h);
    this.handlers.clear();
  }
};

// src/report/status.ts
import { existsSync as existsSync5 } from "node:fs";
import { resolve as resolve2 } from "node:path";
function status(workdir, defaultLease = 6e4) {
  const l = layout(resolve2(workdir));
  if (!existsSync5(l.dir)) throw new UsageError(`workdir ${workdir} does not exist`);
  if (!existsSync5(l.toprocess))
    throw new UsageError(`workdir ${workdir} is not a taskfarmer workdir (no toprocess file)`);
  const reader = new Reader(l);
  reader.loadBase();
  reader.poll();
  const st = reader.state;
  const now = Date.now();
  const farmers = [];
  for (const f of reader.farmers.values()) {
    const alive = !farmerGone(f, now, defaultLease);
    const running = st.claimsOf(f.index).size;
    if (!alive && running === 0) continue;
    farmers.push({
      id: f.id,
      host: f.host,
      pid: f.pid,
      workers: f.workers,
      running,
      alive,
      silentMs: now - f.lastSeen
    });
  }
  const finished = countLines(l.finished);
  const failed = countLines(l.failed);
  return {
    workdir: l.dir,
    total: st.count.pending + st.count.claimed + finished + failed,
    toProcess: st.count.pending,
    running: st.count.claimed,
    finished,
    failed,
    farmers
  };
}
function formatStatus(s) {
  const pct = s.total ? ` (${(100 * (s.finished + s.failed) / s.total).toFixed(1)}% done)` : "";
  const lines = [
    `workdir    ${s.workdir}`,
    `total      ${s.total}${pct}`,
    `toprocess  ${s.toProcess}`,
    `running    ${s.running}`,
    `finished   ${s.finished}`,
    `failed     ${s.failed}`
  ];
  if (s.farmers.length) {
    lines.push("farmers");
    for (const f of s.farmers) {
      const state = f.alive ? "alive" : `gone (silent ${Math.round(f.silentMs / 1e3)}s; its tasks return to the pool)`;
      lines.push(`  ${f.host} pid ${f.pid}: ${f.running} running of ${f.workers} workers, ${state}`);
    }
  }
  return lines.join("\n");
}

export {
  __require,
  __commonJS,
  __toESM,
  UsageError,
  isUsageError,
  oneLine,
  farm,
  status,
  formatStatus
};
