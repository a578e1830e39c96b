// Runs a bundle (dist/*.impl.js) with V8's code cache: compiling the ~1 MB bundle is a large part of start-up, and
// the cache (in the user's cache folder, per bundle and Node version) turns it into loading. Node 22+ does this
// itself (module.enableCompileCache); without a usable cache folder, or with EXPOSURE_LINT_NO_COMPILE_CACHE=1,
// the bundle is simply required.
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

/** FNV-1a of a string, in hex: names the cache of one build of a bundle (node:crypto alone would cost ~10 ms to load). */
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** A private folder for the cache (owned by this user, not writable by others), or undefined. */
function cacheFolder() {
  try {
    const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
    const dir = path.join(base, 'exposure-lint', 'compile-cache');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.statSync(dir);
    // Cached code is executed: never read one that another user could have written.
    if (typeof process.getuid === 'function' && (stat.uid !== process.getuid() || (stat.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/**
 * Runs `file` as the main module would run. A new cache is written at exit, or `saveAfterMs` after start for a
 * long-running server (once start-up is done, so the functions it compiled are in it).
 */
function loadBundle(file, saveAfterMs) {
  if (process.env.EXPOSURE_LINT_NO_COMPILE_CACHE === '1') return require(file);
  if (typeof Module.enableCompileCache === 'function') {
    Module.enableCompileCache();
    return require(file);
  }
  const dir = cacheFolder();
  if (!dir) return require(file);
  let source;
  let stat;
  try {
    source = fs.readFileSync(file, 'utf8');
    stat = fs.statSync(file);
  } catch {
    return require(file);
  }
  // V8 itself rejects a cache made by another V8 or for another source; the name keeps builds apart.
  const key = `${fnv1a(`${file}\0${process.execArgv.join(' ')}`)}-${stat.size.toString(16)}-${Math.round(stat.mtimeMs).toString(16)}-${process.version}-${process.arch}`;
  const cacheFile = path.join(dir, `${path.basename(file)}-${key}.v8`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    let saved = false;
    const save = () => {
      if (saved) return;
      saved = true;
      try {
        const temp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(temp, cacheFile);
        // Caches of earlier builds of this bundle are dead weight.
        const prefix = `${path.basename(file)}-`;
        for (const name of fs.readdirSync(dir)) if (name.startsWith(prefix) && name.endsWith('.v8') && path.join(dir, name) !== cacheFile) fs.rmSync(path.join(dir, name), { force: true });
      } catch {
        // A cache that cannot be written only costs the next start its compile time.
      }
    };
    process.once('exit', save);
    if (saveAfterMs !== undefined) setTimeout(save, saveAfterMs).unref();
  }
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  mod.loaded = false;
  const localRequire = (id) => mod.require(id);
  localRequire.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  localRequire.main = process.mainModule;
  localRequire.cache = Module._cache;
  Module._cache[file] = mod;
  script.runInThisContext().call(mod.exports, mod.exports, localRequire, mod, file, path.dirname(file));
  mod.loaded = true;
  return mod.exports;
}

module.exports = { loadBundle };
