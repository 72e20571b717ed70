import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  require_graceful_fs
} from "./chunk-6XEX5UTC.js";
import {
  APPEND_NO_FOLLOW,
  READ_APPEND_NO_FOLLOW,
  createFresh
} from "./chunk-5UQ4L4UB.js";
import {
  UsageError
} from "./chunk-VRDWDH7S.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-CFRLDQD2.js";

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
    function probe(file, fs2, callback) {
      const cachedPrecision = fs2[cacheSymbol];
      if (cachedPrecision) {
        return fs2.stat(file, (err, stat) => {
          if (err) {
            return callback(err);
          }
          callback(null, stat.mtime, cachedPrecision);
        });
      }
      const mtime = new Date(Math.ceil(Date.now() / 1e3) * 1e3 + 5);
      fs2.utimes(file, mtime, mtime, (err) => {
        if (err) {
          return callback(err);
        }
        fs2.stat(file, (err2, stat) => {
          if (err2) {
            return callback(err2);
          }
          const precision = stat.mtime.getTime() % 1e3 === 0 ? "s" : "ms";
          Object.defineProperty(fs2, cacheSymbol, { value: precision });
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
    var fs2 = require_graceful_fs();
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
        fs: fs2,
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
        fs: fs2,
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
        fs: fs2,
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
    var fs2 = require_graceful_fs();
    function createSyncFs(fs3) {
      const methods = ["mkdir", "realpath", "stat", "rmdir", "utimes"];
      const newFs = { ...fs3 };
      methods.forEach((method) => {
        newFs[method] = (...args) => {
          const callback = args.pop();
          let ret;
          try {
            ret = fs3[`${method}Sync`](...args);
          } catch (err) {
            return callback(err);
          }
          callback(null, ret);
        };
      });
      return newFs;
    }
    function toPromise(method) {
      return (...args) => new Promise((resolve2, reject) => {
        args.push((err, result) => {
          if (err) {
            reject(err);
          } else {
            resolve2(result);
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
      options.fs = createSyncFs(options.fs || fs2);
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

// src/workdir/layout.ts
import { readdirSync } from "node:fs";
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
    history: join(state, "history"),
    carry: join(state, "carry.jsonl")
  };
}
function journalPath(paths, farmerId) {
  return join(paths.journals, `${farmerId}.jsonl`);
}
function listJournals(paths) {
  const list = (dir) => {
    try {
      return readdirSync(dir).filter((n) => n.endsWith(".jsonl")).sort();
    } catch {
      return [];
    }
  };
  const out = [];
  for (const name of list(paths.history)) {
    const m = /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-(.+)\.jsonl$/.exec(name);
    out.push({ farmer: m ? m[1] : name.slice(0, -6), path: join(paths.history, name), active: false });
  }
  for (const name of list(paths.journals))
    out.push({ farmer: name.slice(0, -6), path: join(paths.journals, name), active: true });
  return out;
}
var FILE_MODE = 420;
var DIR_MODE = 493;
function formatTaskLine(id, task) {
  return `${id} ${task}
`;
}
function forEachTaskLine(buf, file, fn, opts = {}) {
  forEachTaskLineRange(buf, file, fn && ((id, start, end) => fn(id, buf.toString("utf8", start, end))), opts);
}
function forEachTaskLineRange(buf, file, fn, opts = {}) {
  let start = 0;
  for (let n = 1; start < buf.length; n++) {
    let nl = buf.indexOf(10, start);
    if (nl < 0 && opts.lenient) break;
    if (nl < 0) nl = buf.length;
    if (nl > start) {
      let i = start;
      let id = 0;
      while (i < nl && buf[i] >= 48 && buf[i] <= 57) id = id * 10 + (buf[i++] - 48);
      const bad = i === start || i < nl && buf[i] !== 32;
      if (bad && opts.lenient) {
        start = nl + 1;
        continue;
      }
      if (bad) {
        throw new UsageError(
          `${file}:${n}: expected "<id> <task>", got "${buf.toString("utf8", start, Math.min(nl, start + 60))}"`
        );
      }
      fn?.(id, Math.min(i + 1, nl), nl);
    }
    start = nl + 1;
  }
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

// src/workdir/identity.ts
import { readFileSync, readlinkSync } from "node:fs";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
var bootId = (() => {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return hostname();
  }
})();
var host = hostname();
var slurmNode = process.env.SLURMD_NODENAME && process.env.SLURMD_NODENAME !== host ? process.env.SLURMD_NODENAME : void 0;
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
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat[stat.lastIndexOf(")") + 2] !== "Z";
  } catch {
    return true;
  }
}
var pidNs = (() => {
  try {
    return readlinkSync("/proc/self/ns/pid");
  } catch {
    return "";
  }
})();
function helloRecord(workers, lease, logs) {
  return {
    t: "hello",
    host,
    ...slurmNode ? { node: slurmNode } : {},
    boot: bootId,
    ns: pidNs,
    pid: process.pid,
    workers,
    lease,
    ...logs === "per-task" ? {} : { logs },
    ts: Date.now()
  };
}

// src/util/atomic.ts
import { closeSync, fsyncSync, renameSync, rmSync, writeSync } from "node:fs";
function writeFileAtomic(path, chunks, fence, mode = 420) {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = createFresh(tmp, mode);
  try {
    if (typeof chunks === "string") {
      writeSync(fd, chunks);
    } else {
      let pending = "";
      for (const c of chunks) {
        pending += c;
        if (pending.length >= 1 << 20) {
          writeSync(fd, pending);
          pending = "";
        }
      }
      if (pending) writeSync(fd, pending);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (fence) {
    try {
      fence.check();
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
  }
  renameSync(tmp, path);
  fence?.check(true);
}

// src/workdir/files.ts
import {
  closeSync as closeSync2,
  fstatSync,
  ftruncateSync,
  openSync,
  readFileSync as readFileSync2,
  readSync,
  statSync as statSync2,
  writeSync as writeSync2
} from "node:fs";

// src/workdir/fence.ts
import * as fs from "node:fs";
import { join as join2 } from "node:path";
import { randomBytes as randomBytes2 } from "node:crypto";
var PREFIX = "owner-";
var LockLostError = class extends Error {
  constructor(lock, afterWrite) {
    super(
      `workdir lock ${lock} was taken over by another farmer while this one held it (stalled longer than --lock-stale)`
    );
    this.afterWrite = afterWrite;
  }
  afterWrite;
};
var NO_FENCE = { check: () => {
} };
var locked = (message) => Object.assign(new Error(message), { code: "ELOCKED" });
var LockToken = class {
  constructor(dir, stale) {
    this.dir = dir;
    this.stale = stale;
  }
  dir;
  stale;
  name = `${PREFIX}${host.replace(/[^A-Za-z0-9_.-]/g, "_")}-${process.pid}-${randomBytes2(6).toString("hex")}`;
  /** Set while proper-lockfile runs its acquire: its rmdir then means "remove a stale lock". */
  acquiring = false;
  /** Ours since a successful mkdir, until released or found taken over. */
  held = false;
  check(afterWrite = false) {
    if (this.held && fs.existsSync(join2(this.dir, this.name))) return;
    this.held = false;
    throw new LockLostError(this.dir, afterWrite);
  }
  /** The fs handed to proper-lockfile (its sync adapter calls the *Sync methods). */
  fs() {
    return {
      mkdirSync: (dir) => this.mkdir(dir),
      rmdirSync: (dir) => this.acquiring ? this.clearStale(dir) : this.release(dir),
      statSync: fs.statSync,
      utimesSync: fs.utimesSync,
      realpathSync: fs.realpathSync
    };
  }
  mkdir(dir) {
    fs.mkdirSync(dir, { mode: 493 });
    const made = fs.lstatSync(dir).ino;
    try {
      fs.writeFileSync(join2(dir, this.name), `${host} ${process.pid}
`, { flag: "wx", mode: 420 });
    } catch (err) {
      if (err.code === "ENOENT") throw locked("Lock file is already being held");
      fs.rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    if (fs.lstatSync(dir, { throwIfNoEntry: false })?.ino !== made) {
      fs.rmSync(join2(dir, this.name), { force: true });
      throw locked("Lock file is already being held");
    }
    this.held = true;
  }
  /** Removes only our own lock: if our token is gone, the lock is someone else's now. */
  release(dir = this.dir) {
    if (!this.held) return;
    this.held = false;
    try {
      fs.unlinkSync(join2(dir, this.name));
    } catch {
      return;
    }
    removeIfUnowned(dir);
  }
  /**
   * proper-lockfile found the lock older than `stale` and wants it gone. Between its look and
   * now another farmer may have taken it over (a fresh token inside): then it is held, not
   * stale. Anything else inside (a dead holder's token, junk) goes with it.
   */
  clearStale(dir) {
    let stats;
    try {
      stats = fs.lstatSync(dir);
    } catch (err) {
      if (err.code === "ENOENT") return;
      throw err;
    }
    if (!stats.isDirectory()) {
      fs.rmSync(dir, { force: true });
      return;
    }
    const freshAfter = Date.now() - this.stale;
    if (stats.mtimeMs > freshAfter || !removeIfUnowned(dir, freshAfter))
      throw locked("Lock file is already being held");
  }
};
function removeIfUnowned(dir, freshAfter) {
  let names;
  try {
    names = fs.readdirSync(dir);
  } catch {
    return true;
  }
  for (const name of names) {
    const path = join2(dir, name);
    if (name.startsWith(PREFIX)) {
      const t = fs.lstatSync(path, { throwIfNoEntry: false });
      if (freshAfter === void 0 || t && t.mtimeMs > freshAfter) return false;
    }
    fs.rmSync(path, { recursive: true, force: true });
  }
  try {
    fs.rmdirSync(dir);
  } catch (err) {
    const code = err.code;
    if (code === "ENOENT") return true;
    if (code === "ENOTEMPTY" || code === "EEXIST") return false;
    throw err;
  }
  return true;
}

// src/workdir/files.ts
function appendLines(path, text, fence = NO_FENCE) {
  if (text.length === 0) return;
  const fd = openSync(path, READ_APPEND_NO_FOLLOW, FILE_MODE);
  try {
    fence.check();
    const size = fstatSync(fd).size;
    if (size > 0) {
      const end = endOfLastLine(fd, size);
      if (end !== size) ftruncateSync(fd, end);
    }
    writeSync2(fd, text);
  } finally {
    closeSync2(fd);
  }
  fence.check(true);
}
function appendOwn(path, text, fence = NO_FENCE) {
  const fd = openSync(path, APPEND_NO_FOLLOW, FILE_MODE);
  try {
    fence.check();
    writeSync2(fd, text);
  } finally {
    closeSync2(fd);
  }
  fence.check(true);
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
function withOpenFile(path, read) {
  let fd;
  try {
    fd = openSync(path, "r");
  } catch {
    return;
  }
  try {
    read(fd, fstatSync(fd).size);
  } finally {
    closeSync2(fd);
  }
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
    fd = openSync(path, "r");
  } catch (err) {
    if (err.code === "ENOENT") return "";
    throw err;
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
function appendJsonArray(path, items, fence = NO_FENCE) {
  if (items.length === 0) return;
  const fd = openSync(path, READ_APPEND_NO_FOLLOW, FILE_MODE);
  try {
    fence.check();
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
    writeSync2(fd, body, cut);
  } finally {
    closeSync2(fd);
  }
  fence.check(true);
}
var versionOf = (stats) => `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
function readSnapshot(path) {
  const fd = openSync(path, "r");
  try {
    return { buf: readFileSync2(fd), version: versionOf(fstatSync(fd)) };
  } finally {
    closeSync2(fd);
  }
}
function rereadSnapshot(path, snap) {
  const stats = statSync2(path, { throwIfNoEntry: false });
  return snap && stats && versionOf(stats) === snap.version ? snap : readSnapshot(path);
}

// src/workdir/texts.ts
var TaskTexts = class {
  base = Buffer.alloc(0);
  /** Byte range of a base task, start + 1 (0: not a base task). */
  starts = new Uint32Array(1024);
  ends = new Uint32Array(1024);
  strings = /* @__PURE__ */ new Map();
  end = 0;
  /** The Buffer the ranges given to setRange() index into (one per state). */
  setBase(buf) {
    this.base = buf;
  }
  setRange(id, start, end) {
    if (id >= this.starts.length) {
      let n = this.starts.length;
      while (n <= id) n *= 2;
      this.starts = grow(this.starts, n);
      this.ends = grow(this.ends, n);
    }
    this.starts[id] = start + 1;
    this.ends[id] = end;
    this.strings.delete(id);
    if (id >= this.end) this.end = id + 1;
  }
  set(id, text) {
    this.strings.set(id, text);
    if (id < this.starts.length) this.starts[id] = 0;
    if (id >= this.end) this.end = id + 1;
  }
  get(id) {
    const s = id < this.starts.length ? this.starts[id] : 0;
    return s ? this.base.toString("utf8", s - 1, this.ends[id]) : this.strings.get(id);
  }
  /** One past the highest id set. */
  get length() {
    return this.end;
  }
};
function grow(a, n) {
  const b = new Uint32Array(n);
  b.set(a);
  return b;
}

// src/workdir/state.ts
var LOST_CAP = 3;
var TaskState = class {
  /** id → command; undefined for ids not in this run. */
  texts = new TaskTexts();
  status = new Uint8Array(1024);
  attempt = new Uint32Array(1024);
  released = new Uint32Array(1024);
  owner = new Int32Array(1024).fill(-1);
  fails = new Uint16Array(1024);
  /** id → the failed attempt a `rerun` took back (rare: a Map, not an array per task). */
  reran = /* @__PURE__ */ new Map();
  /** How many of its attempts were taken back from a lost farmer (saturates at 255). */
  lost = new Uint8Array(1024);
  claimedBy = /* @__PURE__ */ new Map();
  /** Base ids in claim order (ascending); an Int32Array to stay small with a million tasks. */
  order = new Int32Array(1024);
  orderLength = 0;
  orderSorted = true;
  cursor = 0;
  returned = new MinHeap();
  /** Tasks taken back from lost farmers: run after every other, so a task that kills farmers does not go first each time. */
  deferred = [];
  deferredAt = 0;
  /** Records about ids not (yet) in this run: an `add` in a journal read later makes them count. */
  early = /* @__PURE__ */ new Map();
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
  lostOf(id) {
    return id < this.lost.length ? this.lost[id] : 0;
  }
  ownerOf(id) {
    return this.statusOf(id) === 2 /* Claimed */ ? this.owner[id] : -1;
  }
  /** The ids a farmer (by index) currently holds. */
  claimsOf(farmer) {
    return this.claimedBy.get(farmer) ?? /* @__PURE__ */ new Set();
  }
  /** The command of a task; undefined for ids not in this run. */
  task(id) {
    return this.texts.get(id);
  }
  /** The Buffer that addBaseRange() ranges index into: the base file as read. */
  setBaseBuffer(buf) {
    this.texts.setBase(buf);
  }
  /** A task of the base (`toprocess`); any order (PyTaskFarmer appends returned tasks at the end). */
  addBase(id, task) {
    if (this.statusOf(id) !== 0 /* Absent */) return;
    this.texts.set(id, task);
    this.markBase(id);
  }
  /** A task of the base whose command is bytes [start, end) of the base buffer. */
  addBaseRange(id, start, end) {
    if (this.statusOf(id) !== 0 /* Absent */) return;
    this.texts.setRange(id, start, end);
    this.markBase(id);
  }
  markBase(id) {
    this.ensure(id);
    this.setStatus(id, 1 /* Pending */);
    if (this.orderLength > 0 && id < this.order[this.orderLength - 1]) this.orderSorted = false;
    if (this.orderLength === this.order.length) this.order = grow2(this.order, new Int32Array(this.order.length * 2));
    this.order[this.orderLength++] = id;
  }
  /** A task that joined later (appended to the tasklist, or recovered). */
  addLate(id, task) {
    if (this.statusOf(id) !== 0 /* Absent */) return;
    this.ensure(id);
    this.texts.set(id, task);
    this.setStatus(id, 1 /* Pending */);
    this.returned.push(id);
  }
  /** Folds one record written by farmer number `farmer`. */
  apply(farmer, r) {
    if ((r.t === "claim" || r.t === "done" || r.t === "fail" || r.t === "requeue" || r.t === "carry") && this.statusOf(r.id) === 0 /* Absent */) {
      const kept = this.early.get(r.id);
      if (kept) kept.push([farmer, r]);
      else this.early.set(r.id, [[farmer, r]]);
      return;
    }
    switch (r.t) {
      case "claim":
        return this.applyClaim(farmer, r.id, r.a);
      case "done":
        return this.finish(r.id, 3 /* Done */);
      case "fail":
        if (r.final && ((this.reran.get(r.id) ?? -1) >= r.a || this.attemptOf(r.id) > r.a)) {
          return this.release(r.id, r.a);
        }
        if (r.final) return this.finish(r.id, 4 /* Failed */);
        if (r.id < this.fails.length) this.fails[r.id]++;
        return this.release(r.id, r.a);
      case "requeue":
        if (r.why === "lease" && this.lost[r.id] < 255 && this.released[r.id] < r.a) this.lost[r.id]++;
        return this.release(r.id, r.a, r.why === "lease");
      case "carry":
        return this.carry(r.id, r.a, r.fails, r.lost ?? 0);
      case "rerun":
        return this.rerun(r.id, r.a, r.task);
      case "add": {
        this.addLate(r.id, r.task);
        const kept = this.early.get(r.id);
        this.early.delete(r.id);
        for (const [f, k] of kept ?? []) this.apply(f, k);
        return;
      }
      default:
        return;
    }
  }
  /** The next pending task, lowest returned id first, then in tasklist order; -1 if none. */
  nextPending() {
    if (!this.orderSorted) {
      this.order.subarray(0, this.orderLength).sort();
      this.orderSorted = true;
    }
    while (this.returned.size > 0) {
      const id = this.returned.pop();
      if (this.statusOf(id) === 1 /* Pending */) return id;
    }
    while (this.cursor < this.orderLength) {
      const id = this.order[this.cursor++];
      if (this.statusOf(id) === 1 /* Pending */ && this.lost[id] === 0) return id;
      if (this.lost[id] > 0) this.deferred.push(id);
    }
    while (this.deferredAt < this.deferred.length) {
      const id = this.deferred[this.deferredAt++];
      if (this.statusOf(id) === 1 /* Pending */) return id;
    }
    if (this.deferredAt > 0) {
      this.deferred = [];
      this.deferredAt = 0;
    }
    return -1;
  }
  /** Puts an id taken by nextPending() but not claimed back in front of the queue. */
  unshift(id) {
    this.returned.push(id);
  }
  /** Pending or claimed: what `toprocess` holds at rest. */
  isNotDone(id) {
    const s = this.statusOf(id);
    return s === 1 /* Pending */ || s === 2 /* Claimed */;
  }
  /** One past the highest id ever seen. */
  get size() {
    return this.texts.length;
  }
  applyClaim(farmer, id, a) {
    let s = this.statusOf(id);
    if (s === 4 /* Failed */ && a > this.attempt[id]) this.unfail(id, this.attempt[id]);
    s = this.statusOf(id);
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
  /**
   * A failed task back in the pool (`taskfarmer requeue`). Known and failed at attempt `a`: it
   * is pending again; not known (it failed before the last compaction): it joins, as with `add`;
   * claimed at attempt `a` (its final `fail` not read yet): that failure will count as a release.
   */
  rerun(id, a, task) {
    this.reran.set(id, Math.max(a, this.reran.get(id) ?? 0));
    const s = this.statusOf(id);
    if (s === 0 /* Absent */) {
      this.apply(-1, { t: "add", id, task });
      if (a > this.attempt[id]) this.attempt[id] = a;
      if (a > this.released[id]) this.released[id] = a;
      return;
    }
    if (s === 4 /* Failed */ && this.attempt[id] <= a) this.unfail(id, a);
    else if (s === 2 /* Claimed */ && this.attempt[id] <= a) {
      this.fails[id] = 0;
      this.lost[id] = 0;
      this.release(id, this.attempt[id]);
    }
  }
  /** A rerun starts the task's counts afresh: its failures and the farmers it lost (LOST_CAP). */
  unfail(id, a) {
    this.fails[id] = 0;
    this.lost[id] = 0;
    if (a > this.released[id]) this.released[id] = a;
    this.setStatus(id, 1 /* Pending */);
    this.returned.push(id);
  }
  /** A task carried over a compaction: attempts up to `a` are over, `fails` of them failed. */
  carry(id, a, fails, lost) {
    this.fails[id] = Math.min(65535, this.fails[id] + fails);
    this.lost[id] = Math.min(255, this.lost[id] + lost);
    if (a > this.attempt[id]) this.attempt[id] = a;
    if (a > this.released[id]) this.released[id] = a;
  }
  release(id, a, lost = false) {
    if (this.statusOf(id) === 0 /* Absent */) return;
    if (a > this.released[id]) this.released[id] = a;
    if (this.statusOf(id) === 2 /* Claimed */ && this.attempt[id] === a) {
      this.dropClaim(id);
      this.setStatus(id, 1 /* Pending */);
      if (lost) this.deferred.push(id);
      else this.returned.push(id);
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
    this.status = grow2(this.status, new Uint8Array(size));
    this.attempt = grow2(this.attempt, new Uint32Array(size));
    this.released = grow2(this.released, new Uint32Array(size));
    this.owner = grow2(this.owner, new Int32Array(size).fill(-1));
    this.fails = grow2(this.fails, new Uint16Array(size));
    this.lost = grow2(this.lost, new Uint8Array(size));
  }
};
function key(s) {
  return s === 1 /* Pending */ ? "pending" : s === 2 /* Claimed */ ? "claimed" : s === 3 /* Done */ ? "done" : "failed";
}
function grow2(old, bigger) {
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

// src/workdir/meta.ts
import { createHash } from "node:crypto";
import { closeSync as closeSync4, fstatSync as fstatSync3, readFileSync as readFileSync4, readSync as readSync2 } from "node:fs";

// src/workdir/tasklist-file.ts
import { closeSync as closeSync3, constants, fstatSync as fstatSync2, openSync as openSync2, readFileSync as readFileSync3 } from "node:fs";

// src/workdir/fs-errors.ts
var UNREACHABLE = /* @__PURE__ */ new Set([
  "ENOTCONN",
  "EIO",
  "ESTALE",
  "ETIMEDOUT",
  "EHOSTDOWN",
  "EHOSTUNREACH",
  "ENETDOWN",
  "ENETUNREACH",
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EREMOTEIO"
]);
function isUnreachable(err) {
  const code = err?.code;
  return typeof code === "string" && UNREACHABLE.has(code);
}
function errorCode(err) {
  const e = err;
  const text = /^[A-Z]+: ([^,]+)/.exec(e?.message ?? "")?.[1];
  return e?.code ? text ? `${e.code}: ${text}` : e.code : String(e?.message ?? err);
}
function isUnreachableText(message) {
  return /not connected|input\/output error|stale file handle|timed out|host is down|no route to host/i.test(message);
}

// src/tasklist/parse.ts
import { isUtf8 } from "node:buffer";
var PY_SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
var PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, "g");
function pyStrip(line) {
  return line.replace(PY_STRIP, "");
}
function isTaskLine(raw) {
  return !raw.startsWith("#") && pyStrip(raw).length > 0;
}
function forEachTask(text, fn) {
  let id = 0;
  let start = 0;
  while (start < text.length) {
    let nl = text.indexOf("\n", start);
    if (nl < 0) nl = text.length;
    const raw = text.slice(start, nl);
    if (isTaskLine(raw)) fn(pyStrip(raw), id++);
    start = nl + 1;
  }
  return id;
}
function forEachTaskBytes(buf, range, text) {
  let id = 0;
  let start = 0;
  while (start < buf.length) {
    let nl = buf.indexOf(10, start);
    if (nl < 0) nl = buf.length;
    if (buf[start] !== 35) {
      let s = start;
      let e = nl;
      while (s < e && isAsciiSpace(buf[s])) s++;
      while (e > s && isAsciiSpace(buf[e - 1])) e--;
      if (s < e && (buf[s] >= 128 || buf[e - 1] >= 128)) {
        const line = pyStrip(buf.toString("utf8", s, e));
        if (line.length > 0) text(id++, line);
      } else if (s < e) range(id++, s, e);
    }
    start = nl + 1;
  }
  return id;
}
function isAsciiSpace(b) {
  return b >= 9 && b <= 13 || b >= 28 && b <= 32;
}
function parseTasklist(text) {
  const tasks = [];
  forEachTask(text, (line) => tasks.push(line));
  return tasks;
}
function tasklistBytesProblem(buf, firstLine = 1) {
  const nul = buf.indexOf(0);
  const bad = isUtf8(buf) ? -1 : firstInvalidUtf8(buf);
  if (nul < 0 && bad < 0) return void 0;
  const at = nul >= 0 && (bad < 0 || nul < bad) ? nul : bad;
  let line = firstLine;
  for (let i = buf.indexOf(10); i >= 0 && i < at; i = buf.indexOf(10, i + 1)) line++;
  return at === nul ? `line ${line} contains a NUL byte, which no command can hold` : `line ${line} is not valid UTF-8 (its bytes would not reach the shell unchanged); convert the file, e.g. with iconv`;
}
function firstInvalidUtf8(buf) {
  let start = 0;
  while (start < buf.length) {
    let nl = buf.indexOf(10, start);
    if (nl < 0) nl = buf.length;
    if (!isUtf8(buf.subarray(start, nl))) return start;
    start = nl + 1;
  }
  return 0;
}

// src/workdir/tasklist-file.ts
function openTasklist(path) {
  const fd = openSync2(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync2(fd);
    if (!stats.isFile()) {
      throw new UsageError(
        stats.isDirectory() ? `tasklist ${path} is a directory, not a file` : `tasklist ${path} is not a regular file (a FIFO, socket or device cannot be a tasklist: ids must stay stable)`
      );
    }
    return fd;
  } catch (err) {
    closeSync3(fd);
    throw err;
  }
}
function readTasklist(path, whole) {
  try {
    const fd = openTasklist(path);
    try {
      return whole ? readFileSync3(fd) : void 0;
    } finally {
      closeSync3(fd);
    }
  } catch (err) {
    if (err instanceof UsageError || isUnreachable(err)) throw err;
    const code = err.code;
    if (code === "ENOENT") throw new UsageError(`tasklist ${path} does not exist`);
    if (code === "EACCES") throw new UsageError(`tasklist ${path} is not readable (permission denied)`);
    if (code === "EISDIR") throw new UsageError(`tasklist ${path} is a directory, not a file`);
    throw new UsageError(`tasklist ${path} cannot be read (${code ?? err.message})`);
  }
}
var QUIET_MS = 2e3;
async function settledTasklist(path, buf) {
  const whole = (b) => b.length === 0 || b[b.length - 1] === 10;
  if (whole(buf)) return { buf, upTo: buf.length };
  let age = Date.now() - mtimeOf(path);
  if (age < QUIET_MS) {
    await new Promise((r) => setTimeout(r, QUIET_MS - age + 50));
    buf = readTasklist(path, true);
    if (whole(buf)) return { buf, upTo: buf.length };
    age = Date.now() - mtimeOf(path);
  }
  return { buf, upTo: age >= QUIET_MS ? buf.length : buf.lastIndexOf(10) + 1 };
}
function mtimeOf(path) {
  const fd = openTasklist(path);
  try {
    return fstatSync2(fd).mtimeMs;
  } finally {
    closeSync3(fd);
  }
}
function checkTasklistBytes(path, buf, firstLine = 1) {
  const problem = tasklistBytesProblem(buf, firstLine);
  if (problem) throw new UsageError(`tasklist ${path}: ${problem}`);
}

// src/workdir/meta.ts
function sha256(buf) {
  return createHash("sha256").update(buf).digest("hex");
}
function newMeta(tasklist, buf, tasks) {
  return { version: 1, tasklist, bytes: buf.length, sha256: sha256(buf), tasks, created: (/* @__PURE__ */ new Date()).toISOString() };
}
function readMeta(paths) {
  try {
    return JSON.parse(readFileSync4(paths.meta, "utf8"));
  } catch (err) {
    if (err.code === "ENOENT") return void 0;
    throw new UsageError(`workdir ${paths.dir}: ${paths.meta} is unreadable or corrupt (${err.message})`);
  }
}
function writeMeta(paths, meta, fence) {
  writeFileAtomic(paths.meta, [JSON.stringify(meta, null, 2) + "\n"], fence);
}
function appendedSince(meta, tasklistPath, workdir) {
  const changed = (why) => new UsageError(
    `tasklist ${tasklistPath} changed since workdir ${workdir} was created (${why}); only appending lines is allowed \u2014 restore it or use a new --workdir`
  );
  const fd = openTasklist(tasklistPath);
  try {
    const size = fstatSync3(fd).size;
    const shorter = (n) => changed(`it is shorter: ${n} bytes, was ${meta.bytes}`);
    if (size < meta.bytes) throw shorter(size);
    const hash = createHash("sha256");
    const chunk = Buffer.allocUnsafe(Math.max(1, Math.min(1 << 20, meta.bytes)));
    let pos = 0;
    let last = 10;
    while (pos < meta.bytes) {
      const n = readSync2(fd, chunk, 0, Math.min(chunk.length, meta.bytes - pos), pos);
      if (n === 0) throw shorter(pos);
      hash.update(chunk.subarray(0, n));
      last = chunk[n - 1];
      pos += n;
    }
    if (hash.copy().digest("hex") !== meta.sha256) throw changed("its existing lines were edited");
    const rest = readRange(fd, meta.bytes, size);
    if (last !== 10 && rest.length > 0 && rest[0] !== 10) throw changed("its last line was extended");
    const bytes = rest.subarray(0, rest.lastIndexOf(10) + 1);
    return { bytes, sha256: hash.update(bytes).digest("hex") };
  } finally {
    closeSync4(fd);
  }
}

// src/workdir/lock.ts
var import_proper_lockfile = __toESM(require_proper_lockfile(), 1);
var LockWaitAborted = class extends Error {
  constructor(path) {
    super(`gave up waiting for the workdir lock ${path}`);
  }
};
var sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function withLock(path, opts, fn) {
  const { token, release } = await acquire(path, opts);
  try {
    return fn(token);
  } finally {
    try {
      release();
    } catch {
      token.release();
    }
  }
}
async function acquire(path, opts) {
  let wait = 1;
  const until = opts.maxWait === void 0 ? Infinity : Date.now() + opts.maxWait;
  for (; ; ) {
    const token = new LockToken(path, opts.stale);
    token.acquiring = true;
    try {
      const release = import_proper_lockfile.default.lockSync(path, {
        realpath: false,
        lockfilePath: path,
        stale: opts.stale,
        update: Math.max(1e3, Math.floor(opts.stale / 3)),
        fs: token.fs(),
        onCompromised: opts.onCompromised ?? (() => {
        })
      });
      return { token, release };
    } catch (err) {
      if (err.code !== "ELOCKED") throw err;
    } finally {
      token.acquiring = false;
    }
    if (opts.signal?.aborted || Date.now() > until) throw new LockWaitAborted(path);
    await sleep(wait * (0.5 + Math.random()));
    wait = Math.min(wait * 2, 100);
  }
}

// src/workdir/reader.ts
import { closeSync as closeSync5, existsSync as existsSync2, fstatSync as fstatSync4, openSync as openSync3, readdirSync as readdirSync3, readFileSync as readFileSync5 } from "node:fs";
import { basename, resolve } from "node:path";

// src/workdir/validate-records.ts
var MAX_ATTEMPT = 1e6;
var isInt = (v, min, max) => Number.isInteger(v) && v >= min && v <= max;
var isNum = (v) => typeof v === "number" && Number.isFinite(v);
var isStr = (v) => typeof v === "string";
var isBool = (v) => typeof v === "boolean";
function recordProblem(r, limit) {
  if (typeof r !== "object" || r === null || Array.isArray(r)) return "not a JSON object";
  const record = r;
  const id = () => isInt(record.id, 0, limit - 1) ? void 0 : `task id ${JSON.stringify(record.id)} is not one of the ${limit} tasks`;
  const attempt = (min = 1) => isInt(record.a, min, MAX_ATTEMPT) ? void 0 : `attempt ${JSON.stringify(record.a)} is not sane`;
  const fields = (ok) => ok ? void 0 : "missing or malformed fields";
  switch (record.t) {
    case "hello":
      return fields(
        isStr(record.host) && isStr(record.boot) && isInt(record.pid, 0, 2 ** 31) && isInt(record.workers, 0, 2 ** 31) && isNum(record.lease) && isNum(record.ts) && (record.node === void 0 || isStr(record.node)) && (record.ns === void 0 || isStr(record.ns)) && (record.logs === void 0 || record.logs === "per-worker" || record.logs === "none")
      );
    case "hb":
    case "bye":
      return fields(isNum(record.ts));
    case "claim":
      return id() ?? attempt() ?? fields(
        isNum(record.ts) && [record.fo, record.xo].every((v) => v === void 0 || isInt(v, 0, Number.MAX_SAFE_INTEGER))
      );
    case "done":
      return id() ?? attempt() ?? fields(isNum(record.s) && isNum(record.e) && isNum(record.w));
    case "fail":
      return id() ?? attempt() ?? fields(
        isNum(record.s) && isNum(record.e) && isNum(record.w) && (record.rc === null || Number.isInteger(record.rc)) && (record.sig === null || isStr(record.sig)) && isBool(record.to) && isBool(record.final) && (record.lost === void 0 || isBool(record.lost))
      );
    case "requeue":
      return id() ?? attempt() ?? fields(record.why === "stop" || record.why === "lease");
    case "rerun":
      return id() ?? attempt(0) ?? fields(isStr(record.task));
    case "add":
      return id() ?? fields(isStr(record.task));
    case "carry":
      return id() ?? attempt(0) ?? fields(isInt(record.fails, 0, MAX_ATTEMPT) && (record.lost === void 0 || isInt(record.lost, 0, 255)));
    default:
      return `unknown record type ${JSON.stringify(record.t)}`;
  }
}
function validRecords(records, limit, bad) {
  const out = [];
  for (const r of records) {
    const problem = recordProblem(r, limit);
    if (problem) bad(problem, r);
    else out.push(r);
  }
  return out;
}

// src/workdir/reader.ts
var NO_META_LIMIT = 1 << 24;
var Reader = class {
  constructor(paths, opts = {}) {
    this.paths = paths;
    this.opts = opts;
  }
  paths;
  opts;
  state = new TaskState();
  farmers = /* @__PURE__ */ new Map();
  offsets = /* @__PURE__ */ new Map();
  limitCache;
  warnedBad = false;
  /** Farmers whose clock was found to differ from the filesystem's (reported once each). */
  skewed = /* @__PURE__ */ new Map();
  /** One past the highest task id of the tasklist: meta.json's count (read again when a record goes beyond it). */
  limit(refresh = false) {
    if (this.limitCache === void 0 || refresh) {
      this.limitCache = readMeta(this.paths)?.tasks ?? this.opts.limit ?? NO_META_LIMIT;
    }
    return this.limitCache;
  }
  /** Drops records that do not validate, warning once per reader. */
  valid(records, file) {
    let limit = this.limit();
    if (records.some((r) => Number.isInteger(r.id) && r.id >= limit))
      limit = this.limit(true);
    return validRecords(records, limit, (problem, r) => {
      const fields = r;
      if (this.opts.foreign && (fields.t === "add" || fields.t === "rerun") && Number.isInteger(fields.id) && fields.id >= limit && fields.id < NO_META_LIMIT && typeof fields.task === "string") {
        this.opts.foreign(fields.id, fields.task, file);
        return;
      }
      if (this.warnedBad) return;
      this.warnedBad = true;
      const text = JSON.stringify(r);
      this.opts.warn?.(
        `${file}: skipping a journal record that is not valid (${problem}): ${text.length > 120 ? text.slice(0, 120) + "\u2026" : text}`
      );
    });
  }
  /**
   * Loads the base from `toprocess` (ascending ids, as PyTaskFarmer writes it). `read` is the
   * file as read (and validated) before, used if the file did not change since: a million
   * tasks' toprocess is not held twice.
   */
  loadBase(read) {
    if (!existsSync2(this.paths.toprocess)) return;
    const { buf } = rereadSnapshot(this.paths.toprocess, read);
    this.state.setBaseBuffer(buf);
    const limit = this.limit();
    forEachTaskLineRange(buf, this.paths.toprocess, (id, start, end) => {
      if (id >= limit)
        throw new UsageError(`${this.paths.toprocess}: task id ${id} is not one of the tasklist's ${limit} tasks`);
      this.state.addBaseRange(id, start, end);
    });
    let carry;
    try {
      carry = readFileSync5(this.paths.carry);
    } catch {
    }
    if (carry) for (const r of this.valid(decodeChunk(carry).records, this.paths.carry)) this.state.apply(-1, r);
  }
  /** How many bytes of a farmer's journal were read. */
  offsetOf(id) {
    return this.offsets.get(id) ?? 0;
  }
  /** Reads what every journal gained since the last poll. `self` is skipped: its writer applies its own records. */
  poll(self) {
    let names;
    try {
      names = readdirSync3(this.paths.journals);
    } catch (err) {
      if (isUnreachable(err)) throw err;
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
        node: "",
        boot: "",
        pidNamespace: "",
        pid: 0,
        workers: 0,
        lease: 0,
        started: 0,
        lastTs: 0,
        lastSeen: Date.now(),
        bye: false,
        claimedAt: /* @__PURE__ */ new Map()
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
            node: r.node ?? r.host,
            boot: r.boot,
            pidNamespace: r.ns ?? "",
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
        case "claim":
          if (r.fo !== void 0) f.claimedAt.set(r.id, { finishedSize: r.fo, failedSize: r.xo ?? 0 });
          this.state.apply(f.index, r);
          break;
        case "done":
        case "fail":
          f.claimedAt.delete(r.id);
          this.state.apply(f.index, r);
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
      fd = openSync3(journalPath(this.paths, id), "r");
    } catch (err) {
      if (isUnreachable(err)) throw err;
      return;
    }
    try {
      const stats = fstatSync4(fd);
      const size = stats.size;
      const first = !this.farmers.has(id);
      const f = this.farmer(id);
      if (size <= from) return;
      const { records, consumed } = decodeChunk(readRange(fd, from, size));
      this.offsets.set(id, from + consumed);
      this.apply(f, this.valid(records, journalPath(this.paths, id)));
      const written = stats.mtimeMs + (this.opts.clockOffset ?? 0);
      if (first) f.lastSeen = Math.min(now, Math.max(written, f.lastTs));
      else f.lastSeen = now;
      const skew = f.lastTs > 0 ? f.lastTs - written : 0;
      if (first && Math.abs(skew) > SKEW_REPORT_MS) this.skewed.set(id, skew);
    } finally {
      closeSync5(fd);
    }
  }
};
var SKEW_REPORT_MS = 5e3;
function farmerGone(f, now, defaultLease) {
  if (f.bye) return true;
  if (f.pid === 0) return true;
  if (samePidSpace(f) && f.pid > 0 && !pidAlive(f.pid)) return true;
  return now - f.lastSeen > (f.lease || defaultLease);
}
function samePidSpace(f) {
  return f.boot === bootId && f.host === host && f.pidNamespace !== "" && f.pidNamespace === pidNs;
}
function readerFor(workdir) {
  const reader = new Reader(workdirLayout(workdir));
  reader.loadBase();
  return reader;
}
function workdirLayout(workdir) {
  const paths = layout(resolve(workdir));
  if (!existsSync2(paths.dir)) throw new UsageError(`workdir ${workdir} does not exist`);
  if (!existsSync2(paths.toprocess))
    throw new UsageError(`workdir ${workdir} is not a taskfarmer workdir (no toprocess file)`);
  return paths;
}

export {
  layout,
  journalPath,
  listJournals,
  FILE_MODE,
  DIR_MODE,
  formatTaskLine,
  forEachTaskLine,
  idsOfTaskLines,
  host,
  newFarmerId,
  helloRecord,
  isTaskLine,
  forEachTask,
  forEachTaskBytes,
  parseTasklist,
  tasklistBytesProblem,
  LockLostError,
  NO_FENCE,
  writeFileAtomic,
  appendLines,
  appendOwn,
  withOpenFile,
  readRange,
  readTail,
  appendJsonArray,
  readSnapshot,
  isUnreachable,
  errorCode,
  isUnreachableText,
  openTasklist,
  readTasklist,
  settledTasklist,
  checkTasklistBytes,
  TaskTexts,
  LOST_CAP,
  encodeRecords,
  decodeChunk,
  newMeta,
  readMeta,
  writeMeta,
  appendedSince,
  LockWaitAborted,
  withLock,
  NO_META_LIMIT,
  Reader,
  farmerGone,
  readerFor,
  workdirLayout
};
