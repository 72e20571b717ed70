import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);
import {
  require_graceful_fs,
  require_ms
} from "./chunk-BWQM4W4J.js";
import {
  DIR_MODE,
  FILE_MODE,
  UsageError,
  forEachTaskLine,
  forEachTaskLineRange,
  formatTaskLine,
  idsOfTaskLines,
  isUsageError,
  journalPath,
  layout,
  listHandler,
  listJournals,
  logPath,
  oneLine,
  resolveHandler,
  resolveRunner
} from "./chunk-N6JARWRZ.js";
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
      emit = function emit2(event, code2, signal) {
        if (emitter.emitted[event]) {
          return;
        }
        emitter.emitted[event] = true;
        emitter.emit(event, code2, signal);
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
      processReallyExit = function processReallyExit2(code2) {
        if (!processOk(global.process)) {
          return;
        }
        process2.exitCode = code2 || /* istanbul ignore next */
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

// src/util/duration.ts
var import_ms = __toESM(require_ms(), 1);
function parseDuration(value, what) {
  const text = String(value).trim();
  let millis;
  if (/^\d+(\.\d+)?$/.test(text)) millis = Number(text) * 1e3;
  else if (/^(\d+(\.\d+)?\s*[a-z]+\s*)+$/i.test(text)) {
    millis = 0;
    for (const part of text.match(/\d+(\.\d+)?\s*[a-z]+/gi)) millis += (0, import_ms.default)(part) ?? NaN;
  }
  if (millis === void 0 || !Number.isFinite(millis) || millis <= 0) {
    throw new UsageError(
      `${what} must be a positive duration in seconds or with a unit such as 90s, 15m, 2h (got "${text}")`
    );
  }
  return millis;
}
function formatDuration(millis) {
  if (millis < 1e3) return `${Math.round(millis)}ms`;
  const s = millis / 1e3;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(Math.floor(s % 60)).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

// src/farm/farm.ts
import { availableParallelism } from "node:os";
import { resolve as resolve2 } from "node:path";

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

// src/runners/process.ts
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
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
    if (dir && existsSync(p)) return p;
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
my @stops = qw(INT TERM HUP USR1 USR2); $SIG{$_} = 'IGNORE' for @stops;
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
    POSIX::setpgid(0, 0); $SIG{$_} = 'DEFAULT' for @stops;
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
  const fd2 = openSync(logFile, "w", 420);
  let child;
  try {
    child = spawn(spec.file, spec.args, { detached: true, stdio: ["ignore", fd2, fd2], env, cwd: spec.cwd });
  } finally {
    closeSync(fd2);
  }
  const exited = new Promise((resolve3) => {
    child.once("error", (err) => resolve3({ code: 127, signal: null, error: err.message }));
    child.once(
      "exit",
      (code2, signal) => resolve3({ code: code2 ?? (signal ? 128 + signalNumber(signal) : null), signal })
    );
  });
  return { exited, kill: (signal) => killTree(child.pid, signal) };
}
function signalNumber(signal) {
  return constants.signals[signal] ?? 0;
}

// src/workdir/workdir.ts
import {
  closeSync as closeSync6,
  accessSync,
  constants as constants2,
  existsSync as existsSync4,
  mkdirSync as mkdirSync2,
  openSync as openSync6,
  readFileSync as readFileSync6,
  readdirSync as readdirSync4,
  renameSync as renameSync2,
  rmSync as rmSync3,
  statSync as statSync5,
  writeFileSync as writeFileSync2
} from "node:fs";
import { dirname, join as join3 } from "node:path";

// src/tasklist/parse.ts
function isTaskLine(trimmed) {
  return trimmed.length > 0 && !trimmed.startsWith("#");
}
function forEachTask(text, fn) {
  let id = 0;
  let start = 0;
  while (start < text.length) {
    let nl = text.indexOf("\n", start);
    if (nl < 0) nl = text.length;
    const line = text.slice(start, nl).trim();
    if (isTaskLine(line)) fn(line, id++);
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
    let s = start;
    let e = nl;
    while (s < e && isAsciiSpace(buf[s])) s++;
    while (e > s && isAsciiSpace(buf[e - 1])) e--;
    if (s < e && (buf[s] >= 128 || buf[e - 1] >= 128)) {
      const line = buf.toString("utf8", s, e).trim();
      if (isTaskLine(line)) text(id++, line);
    } else if (s < e && buf[s] !== 35) range(id++, s, e);
    start = nl + 1;
  }
  return id;
}
function isAsciiSpace(b) {
  return b === 32 || b >= 9 && b <= 13;
}
function parseTasklist(text) {
  const tasks = [];
  forEachTask(text, (line) => tasks.push(line));
  return tasks;
}

// src/workdir/files.ts
import {
  closeSync as closeSync2,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync as openSync2,
  readFileSync as readFileSync3,
  readSync,
  renameSync,
  rmSync as rmSync2,
  statSync as statSync2,
  writeSync
} from "node:fs";

// src/workdir/fence.ts
import * as fs from "node:fs";
import { join } from "node:path";
import { randomBytes as randomBytes2 } from "node:crypto";

// src/workdir/identity.ts
import { readFileSync as readFileSync2, readlinkSync } from "node:fs";
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
var pidNs = (() => {
  try {
    return readlinkSync("/proc/self/ns/pid");
  } catch {
    return "";
  }
})();

// src/workdir/fence.ts
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
    if (this.held && fs.existsSync(join(this.dir, this.name))) return;
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
      fs.writeFileSync(join(dir, this.name), `${host} ${process.pid}
`, { flag: "wx", mode: 420 });
    } catch (err) {
      if (err.code === "ENOENT") throw locked("Lock file is already being held");
      fs.rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    if (fs.lstatSync(dir, { throwIfNoEntry: false })?.ino !== made) {
      fs.rmSync(join(dir, this.name), { force: true });
      throw locked("Lock file is already being held");
    }
    this.held = true;
  }
  /** Removes only our own lock: if our token is gone, the lock is someone else's now. */
  release(dir = this.dir) {
    if (!this.held) return;
    this.held = false;
    try {
      fs.unlinkSync(join(dir, this.name));
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
    let st;
    try {
      st = fs.lstatSync(dir);
    } catch (err) {
      if (err.code === "ENOENT") return;
      throw err;
    }
    if (!st.isDirectory()) {
      fs.rmSync(dir, { force: true });
      return;
    }
    const freshAfter = Date.now() - this.stale;
    if (st.mtimeMs > freshAfter || !removeIfUnowned(dir, freshAfter)) throw locked("Lock file is already being held");
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
    const path = join(dir, name);
    if (name.startsWith(PREFIX)) {
      const t = fs.lstatSync(path, { throwIfNoEntry: false });
      if (freshAfter === void 0 || t && t.mtimeMs > freshAfter) return false;
    }
    fs.rmSync(path, { recursive: true, force: true });
  }
  try {
    fs.rmdirSync(dir);
  } catch (err) {
    const code2 = err.code;
    if (code2 === "ENOENT") return true;
    if (code2 === "ENOTEMPTY" || code2 === "EEXIST") return false;
    throw err;
  }
  return true;
}

// src/workdir/files.ts
function appendLines(path, text, fence = NO_FENCE) {
  if (text.length === 0) return;
  const fd2 = openSync2(path, "a+", FILE_MODE);
  try {
    fence.check();
    const size = fstatSync(fd2).size;
    if (size > 0) {
      const end = endOfLastLine(fd2, size);
      if (end !== size) ftruncateSync(fd2, end);
    }
    writeSync(fd2, text);
  } finally {
    closeSync2(fd2);
  }
  fence.check(true);
}
function appendOwn(path, text, fence = NO_FENCE) {
  const fd2 = openSync2(path, "a", FILE_MODE);
  try {
    fence.check();
    writeSync(fd2, text);
  } finally {
    closeSync2(fd2);
  }
  fence.check(true);
}
function endOfLastLine(fd2, size) {
  const buf = Buffer.alloc(Math.min(size, 64 * 1024));
  let pos = size;
  while (pos > 0) {
    const len = Math.min(buf.length, pos);
    readSync(fd2, buf, 0, len, pos - len);
    const nl = buf.subarray(0, len).lastIndexOf(10);
    if (nl >= 0) return pos - len + nl + 1;
    pos -= len;
  }
  return 0;
}
function readRange(fd2, from, to) {
  const buf = Buffer.alloc(to - from);
  let off = 0;
  while (off < buf.length) {
    const n = readSync(fd2, buf, off, buf.length - off, from + off);
    if (n === 0) break;
    off += n;
  }
  return off === buf.length ? buf : buf.subarray(0, off);
}
function readTail(path, max) {
  let fd2;
  try {
    fd2 = openSync2(path, "r");
  } catch {
    return "";
  }
  try {
    const size = fstatSync(fd2).size;
    const from = Math.max(0, size - max);
    let text = readRange(fd2, from, size).toString("utf8");
    if (from > 0) text = text.slice(text.indexOf("\n") + 1);
    return text;
  } finally {
    closeSync2(fd2);
  }
}
function writeFileAtomic(path, chunks, fence = NO_FENCE) {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd2 = openSync2(tmp, "w", FILE_MODE);
  try {
    let pending = "";
    for (const c of chunks) {
      pending += c;
      if (pending.length >= 1 << 20) {
        writeSync(fd2, pending);
        pending = "";
      }
    }
    if (pending) writeSync(fd2, pending);
    fsyncSync(fd2);
  } finally {
    closeSync2(fd2);
  }
  try {
    fence.check();
  } catch (err) {
    rmSync2(tmp, { force: true });
    throw err;
  }
  renameSync(tmp, path);
  fence.check(true);
}
function appendJsonArray(path, items, fence = NO_FENCE) {
  if (items.length === 0) return;
  const fd2 = openSync2(path, "a+", FILE_MODE);
  try {
    fence.check();
    const size = fstatSync(fd2).size;
    const tail = readRange(fd2, Math.max(0, size - 4096), size).toString("latin1");
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
    ftruncateSync(fd2, cut);
    writeSync(fd2, body, cut);
  } finally {
    closeSync2(fd2);
  }
  fence.check(true);
}
var versionOf = (st) => `${st.ino}:${st.size}:${st.mtimeMs}`;
function readSnapshot(path) {
  const fd2 = openSync2(path, "r");
  try {
    return { buf: readFileSync3(fd2), version: versionOf(fstatSync(fd2)) };
  } finally {
    closeSync2(fd2);
  }
}
function rereadSnapshot(path, snap) {
  const st = statSync2(path, { throwIfNoEntry: false });
  return snap && st && versionOf(st) === snap.version ? snap : readSnapshot(path);
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
var LockWaitAborted = class extends Error {
  constructor(path) {
    super(`gave up waiting for the workdir lock ${path}`);
  }
};
var sleep = (ms2) => new Promise((r) => setTimeout(r, ms2));
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

// src/workdir/meta.ts
import { createHash } from "node:crypto";
import { closeSync as closeSync3, fstatSync as fstatSync2, openSync as openSync3, readFileSync as readFileSync4, readSync as readSync2 } from "node:fs";
function sha256(buf) {
  return createHash("sha256").update(buf).digest("hex");
}
function readMeta(l) {
  try {
    return JSON.parse(readFileSync4(l.meta, "utf8"));
  } catch (err) {
    if (err.code === "ENOENT") return void 0;
    throw new UsageError(`workdir ${l.dir}: ${l.meta} is unreadable or corrupt (${err.message})`);
  }
}
function writeMeta(l, meta, fence) {
  writeFileAtomic(l.meta, [JSON.stringify(meta, null, 2) + "\n"], fence);
}
function appendedSince(meta, tasklistPath, workdir) {
  const changed = (why) => new UsageError(
    `tasklist ${tasklistPath} changed since workdir ${workdir} was created (${why}); only appending lines is allowed \u2014 restore it or use a new --workdir`
  );
  const fd2 = openSync3(tasklistPath, "r");
  try {
    const size = fstatSync2(fd2).size;
    const shorter = (n) => changed(`it is shorter: ${n} bytes, was ${meta.bytes}`);
    if (size < meta.bytes) throw shorter(size);
    const hash = createHash("sha256");
    const chunk = Buffer.allocUnsafe(Math.max(1, Math.min(1 << 20, meta.bytes)));
    let pos = 0;
    let last = 10;
    while (pos < meta.bytes) {
      const n = readSync2(fd2, chunk, 0, Math.min(chunk.length, meta.bytes - pos), pos);
      if (n === 0) throw shorter(pos);
      hash.update(chunk.subarray(0, n));
      last = chunk[n - 1];
      pos += n;
    }
    if (hash.copy().digest("hex") !== meta.sha256) throw changed("its existing lines were edited");
    const rest = readRange(fd2, meta.bytes, size);
    if (last !== 10 && rest.length > 0 && rest[0] !== 10) throw changed("its last line was extended");
    const bytes2 = rest.subarray(0, rest.lastIndexOf(10) + 1);
    return { bytes: bytes2, sha256: hash.update(bytes2).digest("hex") };
  } finally {
    closeSync3(fd2);
  }
}

// src/workdir/reader.ts
import { closeSync as closeSync4, existsSync as existsSync3, fstatSync as fstatSync3, openSync as openSync4, readdirSync as readdirSync2, readFileSync as readFileSync5 } from "node:fs";
import { basename, resolve } from "node:path";

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
        if (r.final) return this.finish(r.id, 4 /* Failed */);
        if (r.id < this.fails.length) this.fails[r.id]++;
        return this.release(r.id, r.a);
      case "requeue":
        if (r.why === "lease" && this.lost[r.id] < 255 && this.released[r.id] < r.a) this.lost[r.id]++;
        return this.release(r.id, r.a, r.why === "lease");
      case "carry":
        return this.carry(r.id, r.a, r.fails, r.lost ?? 0);
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
    if (this.status[id] === 2 /* Claimed */ && this.attempt[id] === a) {
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

// src/workdir/validate-records.ts
var MAX_ATTEMPT = 1e6;
var isInt = (v, min, max) => Number.isInteger(v) && v >= min && v <= max;
var isNum = (v) => typeof v === "number" && Number.isFinite(v);
var isStr = (v) => typeof v === "string";
var isBool = (v) => typeof v === "boolean";
function recordProblem(r, limit) {
  if (typeof r !== "object" || r === null || Array.isArray(r)) return "not a JSON object";
  const o = r;
  const id = () => isInt(o.id, 0, limit - 1) ? void 0 : `task id ${JSON.stringify(o.id)} is not one of the ${limit} tasks`;
  const attempt = (min = 1) => isInt(o.a, min, MAX_ATTEMPT) ? void 0 : `attempt ${JSON.stringify(o.a)} is not sane`;
  const fields = (ok) => ok ? void 0 : "missing or malformed fields";
  switch (o.t) {
    case "hello":
      return fields(
        isStr(o.host) && isStr(o.boot) && isInt(o.pid, 0, 2 ** 31) && isInt(o.workers, 0, 2 ** 31) && isNum(o.lease) && isNum(o.ts) && (o.ns === void 0 || isStr(o.ns))
      );
    case "hb":
    case "bye":
      return fields(isNum(o.ts));
    case "claim":
      return id() ?? attempt() ?? fields(isNum(o.ts) && [o.fo, o.xo].every((v) => v === void 0 || isInt(v, 0, Number.MAX_SAFE_INTEGER)));
    case "done":
      return id() ?? attempt() ?? fields(isNum(o.s) && isNum(o.e) && isNum(o.w));
    case "fail":
      return id() ?? attempt() ?? fields(
        isNum(o.s) && isNum(o.e) && isNum(o.w) && (o.rc === null || Number.isInteger(o.rc)) && (o.sig === null || isStr(o.sig)) && isBool(o.to) && isBool(o.final)
      );
    case "requeue":
      return id() ?? attempt() ?? fields(o.why === "stop" || o.why === "lease");
    case "add":
      return id() ?? fields(isStr(o.task));
    case "carry":
      return id() ?? attempt(0) ?? fields(isInt(o.fails, 0, MAX_ATTEMPT) && (o.lost === void 0 || isInt(o.lost, 0, 255)));
    default:
      return `unknown record type ${JSON.stringify(o.t)}`;
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
  constructor(l, opts = {}) {
    this.l = l;
    this.opts = opts;
  }
  l;
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
      this.limitCache = readMeta(this.l)?.tasks ?? this.opts.limit ?? NO_META_LIMIT;
    }
    return this.limitCache;
  }
  /** Drops records that do not validate, warning once per reader. */
  valid(records, file) {
    let limit = this.limit();
    if (records.some((r) => Number.isInteger(r.id) && r.id >= limit))
      limit = this.limit(true);
    return validRecords(records, limit, (problem, r) => {
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
    if (!existsSync3(this.l.toprocess)) return;
    const { buf } = rereadSnapshot(this.l.toprocess, read);
    this.state.setBaseBuffer(buf);
    const limit = this.limit();
    forEachTaskLineRange(buf, this.l.toprocess, (id, start, end) => {
      if (id >= limit)
        throw new UsageError(`${this.l.toprocess}: task id ${id} is not one of the tasklist's ${limit} tasks`);
      this.state.addBaseRange(id, start, end);
    });
    let carry;
    try {
      carry = readFileSync5(this.l.carry);
    } catch {
    }
    if (carry) for (const r of this.valid(decodeChunk(carry).records, this.l.carry)) this.state.apply(-1, r);
  }
  /** How many bytes of a farmer's journal were read. */
  offsetOf(id) {
    return this.offsets.get(id) ?? 0;
  }
  /** Reads what every journal gained since the last poll. `self` is skipped: its writer applies its own records. */
  poll(self) {
    let names;
    try {
      names = readdirSync2(this.l.journals);
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
        ns: "",
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
            boot: r.boot,
            ns: r.ns ?? "",
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
          if (r.fo !== void 0) f.claimedAt.set(r.id, { fo: r.fo, xo: r.xo ?? 0 });
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
    let fd2;
    try {
      fd2 = openSync4(journalPath(this.l, id), "r");
    } catch {
      return;
    }
    try {
      const st = fstatSync3(fd2);
      const size = st.size;
      const first = !this.farmers.has(id);
      const f = this.farmer(id);
      if (size <= from) return;
      const { records, consumed } = decodeChunk(readRange(fd2, from, size));
      this.offsets.set(id, from + consumed);
      this.apply(f, this.valid(records, journalPath(this.l, id)));
      const written = st.mtimeMs + (this.opts.clockOffset ?? 0);
      if (first) f.lastSeen = Math.min(now, written);
      else f.lastSeen = now;
      const skew = f.lastTs > 0 ? f.lastTs - written : 0;
      if (first && Math.abs(skew) > SKEW_REPORT_MS) this.skewed.set(id, skew);
    } finally {
      closeSync4(fd2);
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
  return f.boot === bootId && f.host === host && f.ns !== "" && f.ns === pidNs;
}
function readerFor(workdir) {
  const l = layout(resolve(workdir));
  if (!existsSync3(l.dir)) throw new UsageError(`workdir ${workdir} does not exist`);
  if (!existsSync3(l.toprocess))
    throw new UsageError(`workdir ${workdir} is not a taskfarmer workdir (no toprocess file)`);
  const reader = new Reader(l);
  reader.loadBase();
  return reader;
}

// src/workdir/preflight.ts
import { readdirSync as readdirSync3, statSync as statSync3 } from "node:fs";
import { join as join2 } from "node:path";
function checkStateFiles(l) {
  const kind = (path) => {
    try {
      return statSync3(path);
    } catch (err) {
      const code2 = err.code;
      if (code2 === "ENOENT") return void 0;
      throw new UsageError(`workdir ${l.dir}: ${path} cannot be read (${code2})`);
    }
  };
  const bad = (path, what) => new UsageError(`workdir ${l.dir} is damaged: ${path} ${what}`);
  for (const dir of [l.logs, l.state, l.journals, l.history]) {
    const st = kind(dir);
    if (st && !st.isDirectory()) throw bad(dir, "should be a directory");
  }
  for (const file of [l.toprocess, l.finished, l.failed, l.timeline, l.meta, l.carry]) {
    const st = kind(file);
    if (st && !st.isFile()) throw bad(file, "should be a regular file");
  }
  let names = [];
  try {
    names = readdirSync3(l.journals);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.endsWith(".jsonl")) continue;
    const path = join2(l.journals, name);
    const st = kind(path);
    if (st && !st.isFile()) throw bad(path, "should be a journal file");
  }
}

// src/workdir/tail.ts
import { closeSync as closeSync5, fstatSync as fstatSync4, openSync as openSync5, readSync as readSync3, statSync as statSync4 } from "node:fs";
function sizeOf(path) {
  return statSync4(path, { throwIfNoEntry: false })?.size ?? 0;
}
function idsInTaskLines(path, from, ids, tailMax) {
  const found = /* @__PURE__ */ new Set();
  if (ids.size === 0) return found;
  let fd2;
  try {
    fd2 = openSync5(path, "r");
  } catch {
    return found;
  }
  try {
    const size = fstatSync4(fd2).size;
    let pos = Math.min(size, Math.max(from, tailMax === void 0 ? 0 : size - tailMax));
    const buf = Buffer.allocUnsafe(1 << 20);
    let id = 0;
    let digits = 0;
    let inId = pos === 0 || lineStartsAt(fd2, pos);
    while (pos < size) {
      const n = readSync3(fd2, buf, 0, Math.min(buf.length, size - pos), pos);
      if (n === 0) break;
      for (let i = 0; i < n; i++) {
        const b = buf[i];
        if (b === 10) {
          if (digits > 0 && ids.has(id)) found.add(id);
          id = 0;
          digits = 0;
          inId = true;
        } else if (inId) {
          if (b >= 48 && b <= 57) {
            id = id * 10 + (b - 48);
            digits++;
          } else {
            inId = false;
            if (b !== 32) digits = 0;
          }
        }
      }
      pos += n;
    }
  } finally {
    closeSync5(fd2);
  }
  return found;
}
function lineStartsAt(fd2, pos) {
  const b = Buffer.alloc(1);
  return readSync3(fd2, b, 0, 1, pos - 1) === 1 && b[0] === 10;
}

// src/workdir/workdir.ts
var StaleWorkdirError = class extends Error {
};
var Workdir = class _Workdir {
  constructor(o, limit) {
    this.o = o;
    this.limit = limit;
    this.l = layout(o.dir);
    this.reader = this.newReader();
    this.self = this.reader.farmer(this.farmerId);
  }
  o;
  limit;
  l;
  farmerId = newFarmerId();
  reader;
  self;
  ownOffset = 0;
  /** The lock's fence while a locked section runs: every write checks it. */
  fence = NO_FENCE;
  /** The lock was taken from us mid-section: what we read may be stale, read it all again. */
  resync = false;
  /** Attempts handed to the farm and not yet ended: id → attempt. */
  held = /* @__PURE__ */ new Map();
  /** Outcomes whose journal records were written in a section that then lost the lock. */
  recorded = /* @__PURE__ */ new Map();
  /** Completions whose finished/failed lines may have been written when the lock was lost. */
  inDoubt;
  /** Our clock minus the filesystem's, from our own journal's mtime. */
  clockOffset = 0;
  /** Tasks finished/failed before this farmer started (from the files). */
  previous = { finished: 0, failed: 0 };
  newReader() {
    return new Reader(this.l, { warn: this.o.warn, limit: this.limit, clockOffset: this.clockOffset });
  }
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
    const l = layout(o.dir);
    checkWritableDir(l.dir, "workdir");
    checkStateFiles(l);
    const meta0 = existsSync4(l.dir) ? readMeta(l) : void 0;
    const toprocess = existsSync4(l.toprocess) ? readSnapshot(l.toprocess) : void 0;
    const buf = readTasklist(o.tasklist, !(meta0 && toprocess));
    if (meta0) appendedSince(meta0, o.tasklist, l.dir);
    const limit = meta0 ? meta0.tasks : buf ? parseTasklist(buf.toString("utf8")).length : void 0;
    if (toprocess) {
      forEachTaskLine(toprocess.buf, l.toprocess, (id) => {
        if (limit !== void 0 && id >= limit)
          throw new UsageError(`${l.toprocess}: task id ${id} is not one of the tasklist's ${limit} tasks`);
      });
    } else if (o.handler !== listHandler) forEachTask(buf.toString("utf8"), (line, id) => o.handler(line, id));
    for (const d of [l.dir, l.logs, l.state, l.journals, l.history]) mkdirSync2(d, { recursive: true, mode: DIR_MODE });
    for (; ; ) {
      const wd = new _Workdir(o, limit);
      try {
        await withLock(l.lock, wd.lockOptions(), (fence) => wd.inSection(fence, () => wd.start(buf, toprocess)));
        return wd;
      } catch (err) {
        if (!(err instanceof LockLostError)) throw err;
        o.warn(`${err.message}; starting again`);
      }
    }
  }
  lockOptions(maxWait) {
    return {
      stale: this.o.lockStale,
      onCompromised: (err) => this.o.warn(`workdir lock: ${err.message}`),
      signal: this.o.signal,
      maxWait
    };
  }
  inSection(fence, fn) {
    this.fence = fence;
    try {
      return fn();
    } finally {
      this.fence = NO_FENCE;
    }
  }
  /**
   * Runs `fn` under the lock. If the lock turns out taken from us (we stalled past
   * --lock-stale and another farmer went on), nothing more was written: we read the whole
   * workdir again and run the section again, so that no decision rests on what we read before.
   */
  async locked(fn, maxWait) {
    for (; ; ) {
      try {
        return await withLock(
          this.l.lock,
          this.lockOptions(maxWait),
          (fence) => this.inSection(fence, () => {
            if (this.resync) this.rebuild();
            return fn();
          })
        );
      } catch (err) {
        if (!(err instanceof LockLostError)) throw err;
        this.resync = true;
        this.o.warn(`${err.message}; reading the workdir again`);
      }
    }
  }
  /**
   * Forgets what we read and folds the workdir again from the files, our own journal
   * included. Claims our journal holds that the farm does not run (made in a section that
   * then lost the lock) are put back.
   */
  rebuild() {
    this.resync = false;
    const reader = this.newReader();
    const self = reader.farmer(this.farmerId);
    reader.loadBase();
    reader.poll();
    this.reader = reader;
    this.self = self;
    this.ownOffset = reader.offsetOf(this.farmerId);
    this.checkOwnJournal();
    const back = [];
    for (const id of reader.state.claimsOf(self.index)) {
      const a = reader.state.attemptOf(id);
      if (this.held.get(id) !== a) back.push({ t: "requeue", id, a, why: "stop" });
    }
    this.write(back);
  }
  /** Runs under the lock at start-up. */
  start(tasklist, toprocess) {
    const l = this.l;
    const whole = () => tasklist ??= readTasklist(this.o.tasklist, true);
    let meta = readMeta(l);
    const fresh = !existsSync4(l.toprocess);
    if (fresh) {
      const buf = whole();
      const st = this.state;
      let count;
      if (this.o.handler === listHandler) {
        st.setBaseBuffer(buf);
        count = forEachTaskBytes(
          buf,
          (id, start, end) => st.addBaseRange(id, start, end),
          (id, line) => st.addBase(id, line)
        );
      } else count = forEachTask(buf.toString("utf8"), (line, id) => st.addBase(id, this.o.handler(line, id)));
      writeFileAtomic(
        l.toprocess,
        taskLines(st, () => true, count),
        this.fence
      );
      for (const f of [l.finished, l.failed]) if (!existsSync4(f)) writeFileSync2(f, "", { mode: FILE_MODE });
      if (!existsSync4(l.timeline)) writeFileSync2(l.timeline, "[\n]\n", { mode: FILE_MODE });
      meta = {
        version: 1,
        tasklist: this.o.tasklist,
        bytes: buf.length,
        sha256: sha256(buf),
        tasks: count,
        created: (/* @__PURE__ */ new Date()).toISOString()
      };
      writeMeta(l, meta, this.fence);
    } else {
      this.reader.loadBase(toprocess);
    }
    this.reader.poll(this.farmerId);
    const now = Date.now();
    const others = [...this.reader.farmers.values()].filter((f) => f !== this.self);
    const live = others.filter((f) => !this.isGone(f, now));
    const records = [];
    let newMeta;
    if (!meta) {
      const buf = whole();
      const all = parseTasklist(buf.toString("utf8"));
      newMeta = {
        version: 1,
        tasklist: this.o.tasklist,
        bytes: buf.length,
        sha256: sha256(buf),
        tasks: all.length,
        created: (/* @__PURE__ */ new Date()).toISOString()
      };
      records.push(...this.recoverLost(all.map((line, id) => this.o.handler(line, id))));
    } else if (!fresh) {
      const added = this.appendedTasks(meta);
      records.push(...added.records);
      newMeta = added.meta;
    }
    let failedLines = "";
    for (const f of others) {
      if (!this.isGone(f, now)) continue;
      const back = this.takeBack(f);
      records.push(...back.records);
      failedLines += back.failed;
    }
    appendLines(l.failed, failedLines, this.fence);
    this.write(records);
    if (newMeta) writeMeta(l, newMeta, this.fence);
    if (live.length === 0 && readdirSync4(l.journals).length > 0) this.compact();
    this.previous.finished = countLines(l.finished);
    this.previous.failed = countLines(l.failed);
    this.write([
      {
        t: "hello",
        host,
        boot: bootId,
        ns: pidNs,
        pid: process.pid,
        workers: this.o.workers,
        lease: this.o.lease,
        ts: Date.now()
      }
    ]);
    appendJsonArray(l.timeline, this.trackNames(), this.fence);
    this.measureClock();
  }
  /**
   * Compares our clock with the filesystem's (our journal's mtime, just written): leases and
   * lock staleness compare times across nodes, so a large skew is reported, once.
   */
  measureClock() {
    const st = statSync5(journalPath(this.l, this.farmerId), { throwIfNoEntry: false });
    if (!st) return;
    this.clockOffset = Date.now() - st.mtimeMs;
    this.reader.opts.clockOffset = this.clockOffset;
    if (Math.abs(this.clockOffset) > 5e3) {
      this.o.warn(
        `this host's clock differs from the workdir filesystem's by ${Math.round(this.clockOffset / 1e3)} s: sync the clocks (NTP); leases are judged by this farmer's own observations meanwhile`
      );
    }
    this.reportSkew();
  }
  /** Farmers whose clock is off: reported once each, and judged by when their journal grows, not by their timestamps. */
  reportSkew() {
    for (const [id, skew] of this.reader.skewed) {
      if (skew === 0) continue;
      this.o.warn(
        `farmer ${id}'s clock is ${Math.round(Math.abs(skew) / 1e3)} s ${skew < 0 ? "behind" : "ahead of"} the workdir filesystem's: sync the clocks (NTP); it is judged alive by its journal growing`
      );
      this.reader.skewed.set(id, 0);
    }
  }
  /** Claims, completions and requeues in one short locked section. */
  async sync(req) {
    return this.locked(() => this.syncLocked(req));
  }
  syncLocked(req) {
    this.checkOwnJournal();
    this.reader.poll(this.farmerId);
    this.reportSkew();
    const st = this.state;
    const me = this.self.index;
    const records = [];
    const outcomes = [];
    let finished = "";
    let failed = "";
    const events = [];
    const lineIds = /* @__PURE__ */ new Set();
    const doubt = this.inDoubt;
    const written = doubt ? /* @__PURE__ */ new Set([
      ...idsInTaskLines(this.l.finished, doubt.fo, doubt.ids),
      ...idsInTaskLines(this.l.failed, doubt.xo, doubt.ids)
    ]) : /* @__PURE__ */ new Set();
    const lateLine = (id) => st.lostOf(id) > 0 && idsInTaskLines(this.l.finished, 0, /* @__PURE__ */ new Set([id]), 4 << 20).size > 0;
    for (const c of req.completions ?? []) {
      const key2 = `${c.id}:${c.attempt}`;
      const already = this.recorded.get(key2);
      if (already) {
        this.recorded.delete(key2);
        this.held.delete(c.id);
        outcomes.push(already);
        continue;
      }
      if (st.ownerOf(c.id) !== me || st.attemptOf(c.id) !== c.attempt) {
        if (this.held.get(c.id) === c.attempt) this.held.delete(c.id);
        outcomes.push("fenced");
        continue;
      }
      this.held.delete(c.id);
      const line = written.has(c.id) || c.ok && lateLine(c.id) ? "" : formatTaskLine(c.id, c.task);
      if (line) lineIds.add(c.id);
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
      if (this.held.get(s.id) === s.attempt) this.held.delete(s.id);
      if (st.ownerOf(s.id) === me && st.attemptOf(s.id) === s.attempt)
        records.push({ t: "requeue", id: s.id, a: s.attempt, why: "stop" });
    }
    let reclaimed = 0;
    const now = Date.now();
    for (const f of this.reader.farmers.values()) {
      if (f === this.self || st.claimsOf(f.index).size === 0 || !this.isGone(f, now)) continue;
      const back = this.takeBack(f);
      reclaimed += back.records.filter((r) => r.t === "requeue").length;
      records.push(...back.records);
      failed += back.failed;
    }
    const added = req.checkTasklist ? this.checkTasklist() : { records: [] };
    records.push(...added.records);
    if (finished || failed) {
      this.inDoubt = { ids: lineIds, fo: sizeOf(this.l.finished), xo: sizeOf(this.l.failed) };
    }
    appendLines(this.l.finished, finished, this.fence);
    appendLines(this.l.failed, failed, this.fence);
    try {
      this.write(records);
    } catch (err) {
      if (err instanceof LockLostError && err.afterWrite) this.remember(req.completions ?? [], outcomes);
      throw err;
    }
    this.inDoubt = void 0;
    this.remember(req.completions ?? [], outcomes);
    if (added.meta) writeMeta(this.l, added.meta, this.fence);
    const claims = [];
    const claimRecords = [];
    const fo = sizeOf(this.l.finished);
    const xo = sizeOf(this.l.failed);
    for (let i = 0; i < (req.want ?? 0); i++) {
      const id = st.nextPending();
      if (id < 0) break;
      const a = st.attemptOf(id) + 1;
      const claim = { t: "claim", id, a, ts: now, fo, xo };
      this.reader.apply(this.self, [claim]);
      claimRecords.push(claim);
      claims.push({ id, attempt: a, task: st.task(id) });
    }
    this.append(claimRecords);
    if (events.length || claims.length || reclaimed) events.push(this.counterEvent());
    appendJsonArray(this.l.timeline, events, this.fence);
    this.recorded.clear();
    for (const c of claims) this.held.set(c.id, c.attempt);
    return { claims, outcomes, reclaimed };
  }
  /** Outcomes now in our journal: a retried section reports them instead of recording again. */
  remember(completions, outcomes) {
    completions.forEach((c, i) => {
      if (outcomes[i] !== "fenced") this.recorded.set(`${c.id}:${c.attempt}`, outcomes[i]);
    });
  }
  /** A heartbeat: an append to our own journal, no lock needed (nobody else writes it). */
  heartbeat() {
    this.write([{ t: "hb", ts: Date.now() }]);
  }
  /**
   * True while another farmer holds claims. Alive, it may still finish them or hand them back;
   * gone, our next sync takes them back into the pool. Either way the work is not over. (Asking
   * only about live farmers let a farmer that died just after our sync look like "nothing
   * left": we ended with exit 0 and its tasks back in toprocess, unrun.)
   */
  othersHoldClaims() {
    for (const f of this.reader.farmers.values()) {
      if (f !== this.self && this.state.claimsOf(f.index).size > 0) return true;
    }
    return false;
  }
  /**
   * Leaves the workdir: records what ended and what was stopped, says bye, and when no other
   * farmer is alive, compacts it so that `toprocess` holds exactly the tasks not done, as
   * PyTaskFarmer expects at rest. With `maxWait` (a stop), a lock that stays held longer (its
   * holder stalled) is not waited for: see leaveWithoutLock().
   */
  async close(what, maxWait) {
    const req = Array.isArray(what) ? { stopped: what } : what;
    try {
      return await this.locked(() => this.closeLocked(req), maxWait);
    } catch (err) {
      if (!(err instanceof LockWaitAborted)) throw err;
      this.leaveWithoutLock(req);
      return (req.completions ?? []).map(() => "retry");
    }
  }
  closeLocked(req) {
    try {
      this.checkOwnJournal();
    } catch (err) {
      if (!(err instanceof StaleWorkdirError)) throw err;
      return (req.completions ?? []).map(() => "fenced");
    }
    const { outcomes } = this.syncLocked({ completions: req.completions, stopped: req.stopped });
    this.write([{ t: "bye", ts: Date.now() }]);
    const now = Date.now();
    const others = [...this.reader.farmers.values()].filter((f) => f !== this.self);
    if (others.every((f) => this.isGone(f, now))) {
      const back = [];
      let failed = "";
      for (const f of others) {
        const b = this.takeBack(f);
        back.push(...b.records);
        failed += b.failed;
      }
      appendLines(this.l.failed, failed, this.fence);
      this.write(back);
      this.compact();
    }
    return outcomes;
  }
  /**
   * A stop while another farmer holds the lock and does not let go: we write, to our own
   * journal only (no lock needed: nobody else writes it, as with heartbeats), that our
   * attempts go back to the pool, and bye. These records are valid whatever others did
   * meanwhile (a requeue only releases the attempt it names). Results not yet recorded are
   * among them: those tasks run again. The next farmer, or compaction, does the rest.
   */
  leaveWithoutLock(req) {
    if (!existsSync4(journalPath(this.l, this.farmerId))) return;
    const records = [];
    for (const s of [...req.stopped ?? [], ...req.completions ?? []]) {
      if (this.held.get(s.id) === s.attempt) records.push({ t: "requeue", id: s.id, a: s.attempt, why: "stop" });
    }
    records.push({ t: "bye", ts: Date.now() });
    this.o.warn(`the workdir lock stayed held by another farmer; recorded only this farmer's stop in its journal`);
    this.append(records);
  }
  isGone(f, now) {
    return farmerGone(f, now, this.o.lease);
  }
  /**
   * Takes back the claims of a gone farmer. A claim whose task already reached `finished` or
   * `failed` (the farmer died between writing the line and its journal record) is completed,
   * not requeued, so no task is recorded twice: the files are searched from where they ended
   * when it claimed. A task whose farmers were lost LOST_CAP times is failed (its `failed`
   * line is returned, to be written before the records).
   */
  takeBack(f) {
    const st = this.state;
    const claims = [...st.claimsOf(f.index)];
    if (claims.length === 0) return { records: [], failed: "" };
    const ids = new Set(claims);
    const at = claims.map((id) => f.claimedAt.get(id));
    const known = at.every((x) => x !== void 0);
    const tail = 4 << 20;
    let span = tail;
    for (const id of claims) span += formatTaskLine(id, st.task(id) ?? "").length;
    const search = (path, from) => known ? idsInTaskLines(path, from, ids) : idsInTaskLines(path, 0, ids, span);
    const fin = search(this.l.finished, Math.min(...at.map((x) => x?.fo ?? 0)));
    const fail = search(this.l.failed, Math.min(...at.map((x) => x?.xo ?? 0)));
    const records = [];
    let failed = "";
    let lost = 0;
    for (const id of claims) {
      const a = st.attemptOf(id);
      if (fin.has(id)) records.push({ t: "done", id, a, s: 0, e: 0, w: -1 });
      else if (fail.has(id))
        records.push({ t: "fail", id, a, s: 0, e: 0, w: -1, rc: null, sig: null, to: false, final: true });
      else if (st.lostOf(id) + 1 >= LOST_CAP) {
        records.push({ t: "fail", id, a, s: 0, e: 0, w: -1, rc: null, sig: null, to: false, final: true, lost: true });
        failed += formatTaskLine(id, st.task(id));
        lost++;
      } else records.push({ t: "requeue", id, a, why: "lease" });
    }
    if (records.length) this.o.warn(`farmer ${f.id} is gone: ${records.length} task(s) it held are back in the pool`);
    if (lost) {
      this.o.warn(
        `${lost} task(s) recorded as failed: their farmer was lost while running them ${LOST_CAP} times (a task that kills its farmer?)`
      );
    }
    return { records, failed };
  }
  /** New tasks from lines appended to the tasklist. Under the lock. */
  checkTasklist() {
    const meta = readMeta(this.l);
    if (!meta) return { records: [] };
    try {
      if (statSync5(this.o.tasklist).size <= meta.bytes) return { records: [] };
      return this.appendedTasks(meta);
    } catch (err) {
      if (isUsageError(err)) this.o.warn(`${err.message}; ignoring the change`);
      return { records: [] };
    }
  }
  /**
   * `add` records for the lines appended to the tasklist, and the meta that counts them, to be
   * written only after the records are in the journal (else a crash in between loses the tasks).
   */
  appendedTasks(meta) {
    const added = appendedSince(meta, this.o.tasklist, this.l.dir);
    if (added.bytes.length === 0) return { records: [] };
    const lines = parseTasklist(added.bytes.toString("utf8"));
    const records = lines.map((line, i) => ({
      t: "add",
      id: meta.tasks + i,
      task: this.o.handler(line, meta.tasks + i)
    }));
    return {
      records,
      meta: { ...meta, bytes: meta.bytes + added.bytes.length, sha256: added.sha256, tasks: meta.tasks + lines.length }
    };
  }
  /** Tasks of the tasklist found in none of toprocess, finished, failed: PyTaskFarmer lost them. */
  recoverLost(tasks) {
    const known = /* @__PURE__ */ new Set();
    for (const f of [this.l.finished, this.l.failed]) {
      if (existsSync4(f)) for (const id of idsOfTaskLines(readFileSync6(f, "utf8"))) known.add(id);
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
   * after the rename) changes nothing, so the two steps need no commit record. Then the attempt
   * numbers and failed attempts of the tasks left replace `carry.jsonl`: replaying the old
   * journals over the old carry file is right too, and a crash just before the new one is
   * written only forgets them (their numbering and retries start again).
   */
  compact() {
    const st = this.state;
    writeFileAtomic(
      this.l.toprocess,
      taskLines(st, (id) => st.isNotDone(id), st.size),
      this.fence
    );
    const stamp = (/* @__PURE__ */ new Date()).toISOString().replace(/[:.]/g, "-");
    for (const name of readdirSync4(this.l.journals)) {
      this.fence.check();
      renameSync2(join3(this.l.journals, name), join3(this.l.history, `${stamp}-${name}`));
    }
    this.ownOffset = 0;
    const carried = [];
    for (let id = 0; id < st.size; id++) {
      const a = st.attemptOf(id);
      if (a > 0 && st.isNotDone(id)) {
        const lost = st.lostOf(id);
        carried.push({ t: "carry", id, a, fails: st.failsOf(id), ...lost ? { lost } : {} });
      }
    }
    if (carried.length) writeFileAtomic(this.l.carry, [encodeRecords(carried)], this.fence);
    else {
      this.fence.check();
      rmSync3(this.l.carry, { force: true });
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
    appendOwn(journalPath(this.l, this.farmerId), text, this.fence);
    this.ownOffset += Buffer.byteLength(text);
  }
  checkOwnJournal() {
    let size = -1;
    try {
      size = statSync5(journalPath(this.l, this.farmerId)).size;
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
  /** A sample of the counter tracks under this farmer: its running tasks, and the workdir's. O(1). */
  counterEvent() {
    const n = this.state.count;
    return JSON.stringify({
      name: "tasks",
      ph: "C",
      ts: Date.now() * 1e3,
      pid: process.pid,
      args: {
        running: this.state.claimsOf(this.self.index).size,
        "running in workdir": n.claimed,
        remaining: n.pending + n.claimed
      }
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
function* taskLines(st, keep, end) {
  for (let id = 0; id < end; id++) if (keep(id)) yield formatTaskLine(id, st.task(id));
}
function readTasklist(path, whole) {
  try {
    if (statSync5(path).isDirectory()) throw new UsageError(`tasklist ${path} is a directory, not a file`);
    if (whole) return readFileSync6(path);
    closeSync6(openSync6(path, "r"));
    return void 0;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code2 = err.code;
    if (code2 === "ENOENT") throw new UsageError(`tasklist ${path} does not exist`);
    if (code2 === "EACCES") throw new UsageError(`tasklist ${path} is not readable (permission denied)`);
    throw new UsageError(`tasklist ${path} cannot be read (${code2 ?? err.message})`);
  }
}
function checkWritableDir(dir, what) {
  let p = dir;
  for (; ; ) {
    let st;
    try {
      st = statSync5(p);
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

// src/workdir/pylock.ts
import { spawn as spawn2 } from "node:child_process";
import { createHash as createHash2 } from "node:crypto";
import { join as join4 } from "node:path";
function pyTaskFarmerLocks(dir, env = process.env) {
  const paths = [join4(dir, "lock")];
  const area = env.SCRATCH ?? env.TMP ?? env.TMPDIR;
  if (area !== void 0) paths.push(`${area}/${createHash2("md5").update(dir).digest("hex")}_lock`);
  return paths;
}
var HOLDER = `
use Fcntl qw(:DEFAULT :flock);
my @held;
for my $p (@ARGV) {
  sysopen(my $f, $p, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW, 0644) or next;
  flock($f, LOCK_SH) and push @held, $f;
}
$| = 1;
print scalar(@held), "\\n";
1 while <STDIN>;
`;
function holdPyTaskFarmerLocks(paths) {
  let child;
  try {
    child = spawn2("perl", ["-e", HOLDER, ...paths], { stdio: ["pipe", "pipe", "ignore"] });
  } catch {
    return { ready: Promise.resolve(0), release: () => {
    } };
  }
  const ready = new Promise((res) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("\n")) res(Number(out.trim()) || 0);
    });
    child.on("error", () => res(0));
    child.on("exit", () => res(0));
  });
  child.unref();
  child.stdin.unref?.();
  child.stdout.unref?.();
  return {
    ready,
    release: () => {
      child.stdin?.end();
      child.kill();
    }
  };
}

// src/farm/farm.ts
var STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGUSR1"];
var DRAIN_SIGNAL = "SIGUSR2";
var OUR_SIGNALS = /* @__PURE__ */ new Set([...STOP_SIGNALS, DRAIN_SIGNAL]);
var SIGNAL_GRACE_MS = 250;
var STOP_LOCK_WAIT_MS = 1e3;
async function farm(options) {
  const f = new Farm(options);
  return f.run();
}
var Farm = class {
  o;
  runner;
  wd;
  wdOptions;
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
  /** Set on the way to a natural end: the tasklist was checked once more for appended lines. */
  finalCheck = false;
  /** Ends waits for the workdir lock when a stop comes (a stalled holder must not delay it). */
  lockAbort = new AbortController();
  /** A stop found the lock held: what is left is recorded by close(), without waiting long. */
  lockBusy = false;
  /** PyTaskFarmer's flock, held while we run so that a PyTaskFarmer on this workdir waits. */
  pyLock;
  /** Claimed, not yet started: short tasks are claimed ahead so the lock is taken per batch, not per task. */
  queue = [];
  /** Recent mean task duration (ms), to decide whether claiming ahead pays. */
  meanMs = 1e3;
  flushTimer;
  idleTimer;
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
    const tasklist = resolve2(o.tasklist);
    const handler = typeof o.handler === "function" ? o.handler : resolveHandler(o.handler ?? "default", o.handlers);
    this.runner.preflight?.();
    this.installSignals();
    const dir = resolve2(o.workdir ?? `${o.tasklist}_workdir`);
    this.wdOptions = {
      dir,
      tasklist,
      handler,
      retries: o.retries,
      lease: o.lease,
      lockStale: o.lockStale,
      workers: o.workers,
      warn: (message) => this.emit({ type: "warning", message }),
      signal: this.lockAbort.signal
    };
    try {
      this.wd = await Workdir.open(this.wdOptions);
    } catch (err) {
      this.removeSignals();
      if (isUsageError(err)) throw err;
      if (err instanceof LockWaitAborted) return stoppedBeforeStart(dir, this.stopReason, Date.now() - this.started);
      return unwritable(dir, err, Date.now() - this.started);
    }
    await this.holdPyLock();
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
  async holdPyLock() {
    const paths = pyTaskFarmerLocks(this.wd.l.dir);
    this.pyLock = holdPyTaskFarmerLocks(paths);
    let timer;
    const held = await Promise.race([
      this.pyLock.ready,
      new Promise((r) => timer = setTimeout(() => r(-1), 2e3))
    ]);
    clearTimeout(timer);
    if (held === -1) {
      this.emit({
        type: "warning",
        message: `${paths.join(" or ")} stays locked: is a PyTaskFarmer running on this workdir? Stop it: the two must not run together`
      });
    }
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
      if (this.lockBusy && this.stopReason) {
        this.completions.unshift(...completions);
        this.stoppedAttempts.unshift(...stopped);
      } else if (this.wd && (completions.length || stopped.length || want > 0)) {
        const res = await this.wd.sync({ completions, stopped, want, checkTasklist });
        res.outcomes.forEach((outcome, i) => this.reportEnd(completions[i], outcome));
        this.queue.push(...res.claims);
        if (res.claims.length) this.finalCheck = false;
        this.fillSlots();
      }
    } catch (err) {
      if (err instanceof LockWaitAborted) {
        this.lockBusy = true;
        this.completions.unshift(...completions);
        this.stoppedAttempts.unshift(...stopped);
      } else if (err instanceof StaleWorkdirError && !this.stopReason && !this.draining) await this.rejoin(err);
      else this.fail(err);
    }
    this.syncing = false;
    if (this.shouldFinish()) {
      void this.finish();
      return;
    }
    if (this.syncAgain || this.completions.length || this.stoppedAttempts.length) {
      this.syncAgain = false;
      this.requestSync();
    } else if (this.running() === 0 && this.queue.length === 0 && !this.idleTimer) {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = void 0;
        this.requestSync();
      }, 500);
    }
  }
  /**
   * How many tasks to hold beyond the free slots. Only once tasks have proven short (a running
   * mean under 100 ms, starting from a pessimistic 1 s), where the lock would cost as much as
   * the task: then a worker starts its next task at once and the lock is taken per batch (at
   * least 16 tasks, so farmers with few workers do not queue on the lock). Long tasks are
   * claimed one by one so that no farmer sits on work another could start.
   */
  prefetch() {
    return this.meanMs < 100 ? Math.max(this.slots.length, 16) : 0;
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
    if (this.running() > 0 || this.queue.length) return false;
    if (this.lockBusy && this.stopReason) return true;
    if (this.completions.length || this.stoppedAttempts.length) return false;
    if (this.stopReason || this.draining || this.fatal) return true;
    const st = this.wd.state;
    if (st.count.pending > 0 || this.wd.othersHoldClaims()) return false;
    if (!this.finalCheck) {
      this.finalCheck = true;
      this.checkTasklist = true;
      this.syncAgain = true;
      return false;
    }
    return true;
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
    void exited.then((info) => {
      if (!info.signal || !OUR_SIGNALS.has(info.signal) || r.timedOut || r.stopped) return this.onExit(r, info);
      const settle = () => {
        if (this.stopReason || this.draining) r.stopped = true;
        this.onExit(r, info);
      };
      if (this.stopReason || this.draining) settle();
      else setTimeout(settle, SIGNAL_GRACE_MS);
    });
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
    this.lockAbort.abort();
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
  /**
   * Another farmer compacted the workdir while this one was presumed dead (silent longer than
   * the lease: stopped, suspended, cut off from the filesystem). Our claims went to others and
   * our journal to history, so what we still run would be fenced: stop it, forget our queue,
   * and join again as a new farmer, as if just started.
   */
  async rejoin(err) {
    const running = this.slots.filter((r) => r !== null);
    this.emit({
      type: "warning",
      message: `${err.message}; stopping its ${running.length} running task(s) and joining again`
    });
    for (const r of running) {
      r.stopped = true;
      this.killTask(r);
    }
    this.queue = [];
    this.completions = [];
    this.stoppedAttempts = [];
    try {
      this.wd = await Workdir.open(this.wdOptions);
    } catch (e) {
      this.fail(e);
    }
  }
  /** The workdir could not be written: stop everything, exit 74. */
  fail(err) {
    if (this.fatal) return;
    this.fatal = err;
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
    if (this.idleTimer) clearTimeout(this.idleTimer);
    try {
      const completions = this.completions.splice(0);
      const outcomes = await this.wd.close(
        { completions, stopped: this.stoppedAttempts.splice(0) },
        this.stopReason ? STOP_LOCK_WAIT_MS : void 0
      );
      outcomes.forEach((outcome, i) => this.reportEnd(completions[i], outcome));
    } catch (err) {
      if (!this.fatal) this.fatal = err;
    }
    for (const l of this.launchers) l.close();
    this.pyLock?.release();
    this.removeSignals();
    this.resolveDone();
  }
  result() {
    const st = this.wd.state;
    const finished = countLines(this.wd.l.finished);
    const failed = countLines(this.wd.l.failed);
    const remaining = st.count.pending + st.count.claimed;
    let exitCode = failed > 0 ? 1 : 0;
    if (remaining > 0) exitCode = 75;
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
      error: this.fatal ? workdirError(this.wd.l.dir, this.fatal) : void 0
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
function workdirError(dir, err) {
  return err.code ? `cannot record state in workdir ${dir}: ${oneLine(err)}` : oneLine(err);
}
function stoppedBeforeStart(dir, reason, durationMs) {
  return { ...unwritable(dir, new Error(""), durationMs), exitCode: 75, stopReason: reason, error: void 0 };
}
function unwritable(dir, err, durationMs) {
  return {
    exitCode: 74,
    status: "incomplete",
    workdir: dir,
    farmer: "",
    total: 0,
    finished: 0,
    failed: 0,
    remaining: 0,
    ran: { done: 0, failed: 0, retried: 0, stopped: 0 },
    durationMs,
    error: workdirError(dir, err)
  };
}

// src/report/report.ts
import { relative } from "node:path";

// src/report/fold.ts
import { closeSync as closeSync7, existsSync as existsSync5, fstatSync as fstatSync5, openSync as openSync7, readFileSync as readFileSync7 } from "node:fs";
var CHUNK = 4 << 20;
function foldWorkdir(workdir) {
  const reader = readerFor(workdir);
  const l = reader.l;
  const farmers = [];
  const byId = /* @__PURE__ */ new Map();
  const task = [];
  const spans = { task: [], farmer: [], worker: [], start: [], end: [], kind: [] };
  const farmerIndex = (id) => {
    let i = byId.get(id);
    if (i === void 0) {
      i = farmers.length;
      byId.set(id, i);
      farmers.push({ id, host: "", pid: 0, workers: 0, start: null, end: null, bye: false, attempts: 0, busyMs: 0 });
    }
    return i;
  };
  const acc = (id) => {
    let t = task[id];
    if (!t) {
      t = {
        attempts: 0,
        retried: 0,
        s: 0,
        e: 0,
        w: -1,
        rc: null,
        sig: null,
        to: false,
        farmer: -1,
        claimTs: 0,
        claimFarmer: -1
      };
      task[id] = t;
    }
    return t;
  };
  for (const j of listJournals(l)) {
    const fi = farmerIndex(j.farmer);
    const f = farmers[fi];
    const live = j.active ? reader.farmer(j.farmer) : void 0;
    const seen = (ts) => {
      if (!(ts > 0)) return;
      if (f.start === null || ts < f.start) f.start = ts;
      if (!f.bye && (f.end === null || ts > f.end)) f.end = ts;
    };
    readRecords(j.path, (records) => {
      if (live) reader.apply(live, records);
      for (const r of records) {
        switch (r.t) {
          case "hello":
            Object.assign(f, { host: r.host, pid: r.pid, workers: r.workers });
            f.start = f.start === null ? r.ts : Math.min(f.start, r.ts);
            seen(r.ts);
            break;
          case "hb":
            seen(r.ts);
            break;
          case "bye":
            seen(r.ts);
            f.end = r.ts;
            f.bye = true;
            break;
          case "claim": {
            const t = acc(r.id);
            t.attempts++;
            t.claimTs = r.ts;
            t.claimFarmer = fi;
            if (t.e === 0) t.farmer = fi;
            seen(r.ts);
            break;
          }
          case "done":
          case "fail": {
            const t = acc(r.id);
            if (r.e === 0) break;
            const kind = r.t === "done" ? 0 : r.final ? 1 : 2;
            if (kind === 2) t.retried++;
            if (r.e >= t.e) {
              Object.assign(t, { s: r.s, e: r.e, w: r.w, farmer: fi });
              t.rc = r.t === "done" ? 0 : r.rc;
              t.sig = r.t === "done" ? null : r.sig;
              t.to = r.t === "done" ? false : r.to;
            }
            f.attempts++;
            f.busyMs += Math.max(0, r.e - r.s);
            seen(r.e);
            spans.task.push(r.id);
            spans.farmer.push(fi);
            spans.worker.push(r.w);
            spans.start.push(r.s);
            spans.end.push(r.e);
            spans.kind.push(kind);
            break;
          }
          default:
            break;
        }
      }
    });
  }
  const text = [];
  const outcome = [];
  const st = reader.state;
  for (let id = 0; id < st.size; id++) {
    const s = st.statusOf(id);
    if (s === 0 /* Absent */) continue;
    text[id] = st.task(id);
    outcome[id] = s === 2 /* Claimed */ ? "running" : s === 3 /* Done */ ? "finished" : s === 4 /* Failed */ ? "failed" : "pending";
  }
  for (const [file, o] of [
    [l.failed, "failed"],
    [l.finished, "finished"]
  ]) {
    if (!existsSync5(file)) continue;
    forEachTaskLine(
      readFileSync7(file),
      file,
      (id, t) => {
        text[id] = t;
        outcome[id] = o;
      },
      { lenient: true }
    );
  }
  return { l, text, outcome, task, farmers, spans };
}
function readRecords(path, each) {
  let fd2;
  try {
    fd2 = openSync7(path, "r");
  } catch {
    return;
  }
  try {
    const size = fstatSync5(fd2).size;
    let pos = 0;
    while (pos < size) {
      const chunk = readRange(fd2, pos, Math.min(size, pos + CHUNK));
      const { records, consumed } = decodeChunk(chunk);
      if (consumed === 0) {
        const rest = readRange(fd2, pos, size);
        const r = decodeChunk(rest);
        each(r.records);
        break;
      }
      each(records);
      pos += consumed;
    }
  } finally {
    closeSync7(fd2);
  }
}

// src/report/logtail.ts
import { statSync as statSync6 } from "node:fs";
function logTail(path, lines = 20, bytes2 = 4096) {
  let size = 0;
  try {
    size = statSync6(path).size;
  } catch {
    return { text: "", truncated: false };
  }
  const raw = readTail(path, bytes2);
  const all = raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/\r\n/g, "\n").replace(/[\x00-\x08\x0b-\x1f\x7f]/g, "").split("\n");
  if (all[all.length - 1] === "") all.pop();
  const kept = all.slice(-lines);
  let text = kept.join("\n");
  if (Buffer.byteLength(text) > bytes2) text = Buffer.from(text).subarray(-bytes2).toString("utf8");
  return { text, truncated: kept.length < all.length || Buffer.byteLength(raw) < size };
}

// src/report/report.ts
function buildReport(workdir, opts = {}) {
  return collectReport(workdir, opts).report;
}
function collectReport(workdir, opts = {}) {
  const fold = foldWorkdir(workdir);
  const { l, outcome, farmers } = fold;
  const withTasks = opts.tasks ?? true;
  const maxFailures = opts.maxFailures ?? 50;
  const counts = { total: 0, finished: 0, failed: 0, toProcess: 0, running: 0, retried: 0 };
  const tasks = [];
  const failures = [];
  const durations = [];
  const slowest = [];
  const nSlowest = opts.slowest ?? 10;
  let wallStart = Infinity;
  let wallEnd = -Infinity;
  for (let id = 0; id < outcome.length; id++) {
    const o = outcome[id];
    if (o === void 0) continue;
    const rt = taskOf(fold, id, o);
    counts.total++;
    if (o === "finished") counts.finished++;
    else if (o === "failed") counts.failed++;
    else if (o === "running") counts.running++;
    else counts.toProcess++;
    counts.retried += fold.task[id]?.retried ?? 0;
    if (withTasks) tasks.push(rt);
    if (rt.durationMs !== null) {
      durations.push(rt.durationMs);
      pushSlowest(slowest, rt, nSlowest);
    }
    if (o === "failed" && failures.length < maxFailures) {
      const tail = logTail(logPath(l, id), opts.tailLines ?? 20, opts.tailBytes ?? 4096);
      failures.push({ ...rt, logTail: tail.text, logTailTruncated: tail.truncated });
    }
  }
  for (const f of farmers) {
    if (f.start !== null) wallStart = Math.min(wallStart, f.start);
    if (f.end !== null) wallEnd = Math.max(wallEnd, f.end);
  }
  for (let i = 0; i < fold.spans.start.length; i++) {
    wallStart = Math.min(wallStart, fold.spans.start[i]);
    wallEnd = Math.max(wallEnd, fold.spans.end[i]);
  }
  const hasWall = Number.isFinite(wallStart) && Number.isFinite(wallEnd);
  const report = {
    version: 1,
    generated: (/* @__PURE__ */ new Date()).toISOString(),
    workdir: l.dir,
    counts,
    wall: {
      start: hasWall ? wallStart : null,
      end: hasWall ? wallEnd : null,
      durationMs: hasWall ? wallEnd - wallStart : null
    },
    durations: durationStats(durations),
    utilization: hasWall ? utilization(fold, wallStart, wallEnd, opts.buckets ?? 120) : null,
    farmers: farmers.map((f) => ({
      id: f.id,
      host: f.host,
      pid: f.pid,
      workers: f.workers,
      start: f.start,
      end: f.end,
      ended: f.bye,
      attempts: f.attempts,
      busyMs: f.busyMs
    })),
    tasks,
    slowest,
    failures,
    failuresOmitted: counts.failed - failures.length
  };
  return { report, spans: fold.spans, fold };
}
function taskOf(fold, id, o) {
  const t = fold.task[id];
  const timed = t !== void 0 && t.e > 0 && (o === "finished" || o === "failed");
  const fi = o === "running" ? t?.claimFarmer ?? -1 : t?.farmer ?? -1;
  const f = fi >= 0 ? fold.farmers[fi] : void 0;
  const running = o === "running" && t !== void 0 && t.claimTs > 0;
  return {
    id,
    task: fold.text[id] ?? "",
    outcome: o,
    attempts: t?.attempts ?? 0,
    exitCode: timed ? t.rc : null,
    signal: timed ? t.sig : null,
    timedOut: timed ? t.to : false,
    start: timed ? t.s : running ? t.claimTs : null,
    end: timed ? t.e : null,
    durationMs: timed ? Math.max(0, t.e - t.s) : null,
    host: f?.host || null,
    farmer: f?.id ?? null,
    worker: timed && t.w >= 0 ? t.w : null,
    log: relative(fold.l.dir, logPath(fold.l, id))
  };
}
function pushSlowest(list, t, n) {
  if (n <= 0) return;
  const d = t.durationMs;
  if (list.length === n && d <= list[n - 1].durationMs) return;
  let i = list.length;
  while (i > 0 && list[i - 1].durationMs < d) i--;
  list.splice(i, 0, t);
  if (list.length > n) list.pop();
}
function durationStats(d) {
  if (d.length === 0) {
    return { count: 0, totalMs: 0, minMs: null, meanMs: null, p50Ms: null, p90Ms: null, p99Ms: null, maxMs: null };
  }
  const s = Float64Array.from(d).sort();
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  let total = 0;
  for (const v of s) total += v;
  return {
    count: s.length,
    totalMs: total,
    minMs: s[0],
    meanMs: Math.round(total / s.length),
    p50Ms: q(0.5),
    p90Ms: q(0.9),
    p99Ms: q(0.99),
    maxMs: s[s.length - 1]
  };
}
function utilization(fold, start, end, n) {
  const span = Math.max(1, end - start);
  const bucketMs = Math.max(1, Math.ceil(span / n));
  const buckets = Math.max(1, Math.ceil(span / bucketMs));
  const busy = new Float64Array(buckets);
  const full = new Float64Array(buckets + 1);
  const add = (s, e, target, diff) => {
    if (e <= s) return;
    const a = Math.min(buckets - 1, Math.floor((s - start) / bucketMs));
    const b = Math.min(buckets - 1, Math.floor((e - start) / bucketMs));
    if (a === b) {
      target[a] += (e - s) / bucketMs;
      return;
    }
    target[a] += (start + (a + 1) * bucketMs - s) / bucketMs;
    target[b] += (e - (start + b * bucketMs)) / bucketMs;
    if (b > a + 1) {
      diff[a + 1] += 1;
      diff[b] -= 1;
    }
  };
  const sp = fold.spans;
  for (let i = 0; i < sp.start.length; i++) add(sp.start[i], sp.end[i], busy, full);
  const cap = new Float64Array(buckets);
  for (const f of fold.farmers) {
    if (f.start === null || f.end === null || f.workers === 0) continue;
    const c = new Float64Array(buckets);
    const cf = new Float64Array(buckets + 1);
    add(f.start, f.end, c, cf);
    let run2 = 0;
    for (let i = 0; i < buckets; i++) {
      run2 += cf[i];
      cap[i] += (c[i] + run2) * f.workers;
    }
  }
  let run = 0;
  const out = [];
  for (let i = 0; i < buckets; i++) {
    run += full[i];
    out.push(round2(busy[i] + run));
  }
  return { bucketMs, start, busy: out, capacity: Array.from(cap, round2) };
}
var round2 = (v) => Math.round(v * 100) / 100;

// src/report/markdown.ts
function renderMarkdownSummary(report, opts = {}) {
  const maxBytes = opts.maxBytes ?? 100 * 1024;
  const maxCmd = opts.maxCommand ?? 120;
  const c = report.counts;
  const ok = c.failed === 0 && c.toProcess === 0 && c.running === 0;
  const icon = c.failed > 0 ? "\u274C" : ok ? "\u2705" : "\u23F8\uFE0F";
  const head = [];
  head.push(`## ${icon} ${opts.title ?? "taskfarmer"}`, "");
  const left = c.toProcess + c.running;
  head.push(
    `**${c.finished}** finished, **${c.failed}** failed` + (left ? `, **${left}** not done (${c.running} running, ${c.toProcess} to process)` : "") + ` of ${c.total} tasks` + (report.wall.durationMs !== null ? ` in ${formatDuration(report.wall.durationMs)}` : "") + (c.retried ? `; ${c.retried} failed attempt(s) retried` : "") + ".",
    ""
  );
  const d = report.durations;
  if (d.count > 0) {
    const busy = report.farmers.reduce((n, f) => n + f.workers, 0);
    head.push(
      "| tasks timed | mean | median | p90 | max | farmers | workers |",
      "|---:|---:|---:|---:|---:|---:|---:|",
      `| ${d.count} | ${fd(d.meanMs)} | ${fd(d.p50Ms)} | ${fd(d.p90Ms)} | ${fd(d.maxMs)} | ${report.farmers.length} | ${busy} |`,
      ""
    );
  }
  const tail = [];
  const nSlow = Math.min(opts.slowest ?? 5, report.slowest.length);
  if (nSlow > 0) {
    tail.push("### Slowest tasks", "", "| id | duration | outcome | host | command |", "|---:|---:|---|---|---|");
    for (const t of report.slowest.slice(0, nSlow)) {
      tail.push(`| ${t.id} | ${fd(t.durationMs)} | ${t.outcome} | ${cell(t.host ?? "")} | ${code(t.task, maxCmd)} |`);
    }
    tail.push("");
  }
  let out = head.join("\n") + "\n";
  const tailText = tail.join("\n") + "\n";
  if (report.failures.length > 0 || c.failed > 0) {
    const shown = report.failures.slice(0, opts.maxFailures ?? 20);
    const table = [
      "### Failed tasks",
      "",
      "| id | exit | attempts | duration | host | command |",
      "|---:|---|---:|---:|---|---|"
    ];
    for (const t of shown) {
      table.push(
        `| ${t.id} | ${how(t)} | ${t.attempts} | ${fd(t.durationMs)} | ${cell(t.host ?? "")} | ${code(t.task, maxCmd)} |`
      );
    }
    table.push("");
    const tableText = table.join("\n") + "\n";
    const budget = maxBytes - bytes(out) - bytes(tailText) - 200;
    let used = 0;
    let listed = 0;
    if (bytes(tableText) <= budget) {
      out += tableText;
      used += bytes(tableText);
      for (const t of shown) {
        const block = logBlock(t.id, t.task, t.log, t.logTail, t.logTailTruncated, maxCmd);
        if (used + bytes(block) > budget) break;
        out += block;
        used += bytes(block);
        listed++;
      }
    }
    const more = c.failed - listed;
    if (more > 0) {
      out += `
_${more} more failed task(s) without log excerpt here: see \`failed\` and \`logs/\` in the workdir, or \`taskfarmer report\`._

`;
    }
  }
  if (bytes(out) + bytes(tailText) <= maxBytes) out += tailText;
  return cutToBytes(out, maxBytes);
}
function logBlock(id, task, log, tailText, truncated, maxCmd) {
  const fence = "`".repeat(Math.max(3, longestRun(tailText, "`") + 1));
  const note = truncated ? " (last lines)" : "";
  return `<details><summary>task ${id}: <code>${html(short(task, maxCmd))}</code> \u2014 ${html(log)}${note}</summary>

${fence}text
${tailText || "(empty log)"}
${fence}

</details>

`;
}
function how(t) {
  if (t.timedOut) return "timed out";
  if (t.signal) return t.signal;
  return t.exitCode === null ? "\u2013" : String(t.exitCode);
}
var fd = (ms2) => ms2 === null ? "\u2013" : formatDuration(ms2);
var bytes = (s) => Buffer.byteLength(s);
var short = (s, n) => s.length > n ? s.slice(0, n - 1) + "\u2026" : s;
var html = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
var cell = (s) => html(s).replace(/\|/g, "&#124;").replace(/\n/g, " ");
var code = (s, n) => `<code>${cell(short(s, n))}</code>`;
function longestRun(s, ch) {
  let best = 0;
  let run = 0;
  for (const c of s) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}
function cutToBytes(s, max) {
  if (bytes(s) <= max) return s;
  return Buffer.from(s).subarray(0, max).toString("utf8").replace(/\uFFFD$/, "");
}

export {
  parseDuration,
  formatDuration,
  isTaskLine,
  writeFileAtomic,
  readMeta,
  farmerGone,
  readerFor,
  farm,
  foldWorkdir,
  logTail,
  buildReport,
  collectReport,
  taskOf,
  renderMarkdownSummary
};
