// The ReDoS check (`npm run redos`, run by CI): every regular expression in src/ (scripts/redos-patterns.mjs says
// how they are gathered and what cannot be seen) is checked by recheck. It fails on
// - a pattern recheck flags (super-linear backtracking) that scripts/redos-allowed.json does not list, with the
//   files it is in;
// - a listed pattern that matches recheck's attack string, cut to the entry's bound, slower than the budget;
// - an entry for a pattern no longer in src/ (or no longer in exactly the files it names), so the list cannot rot;
// - a `RegExp(...)` call site not run at load (a pattern built per call) that is not reviewed in `perCall`, or a
//   `perCall` entry with no such call site left;
// - a pattern recheck could not decide (timed out, unsupported), and a missing recheck or native binary.
// Timing is measured here, in CI, and never in jest: `npm test` stays fast and free of timing assertions.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { readSyntax, recordBuiltAtLoad, sourceFiles } from './redos-patterns.mjs';

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '..');
const ALLOWED = join(ROOT, 'scripts/redos-allowed.json');
const CACHE = join(ROOT, 'node_modules/.cache/why403/redos.json');
// recheck's defaults except the time limit per pattern: the slowest take ~8 s alone on this machine's 2 cores.
const PARAMS = { timeout: 60_000 };
const RUNS = 5;

async function main() {
  const started = Date.now();
  const allowed = JSON.parse(readFileSync(ALLOWED, 'utf8'));
  const backend = chooseBackend();
  const { patterns, callSites, loadFailures } = gather();
  const results = await checkAll([...patterns.values()]);
  const problems = [
    ...loadFailures.map((failure) => `could not load ${failure}: patterns it builds at load are not seen`),
    ...undecided(results, patterns),
    ...unlistedFlags(results, patterns, allowed),
    ...staleFlags(patterns, allowed),
    ...tooSlow(results, patterns, allowed),
    ...perCallProblems(callSites, allowed),
  ];
  report({
    patterns,
    results,
    callSites,
    allowed,
    backend,
    problems,
    seconds: (Date.now() - started) / 1000,
  });
  process.exit(problems.length > 0 ? 1 : 0);
}

/** The native agent where recheck ships one for this platform; else its JavaScript build, said loudly. */
function chooseBackend() {
  try {
    require.resolve('recheck');
  } catch {
    fail('recheck is not installed: run `npm ci` (it is a devDependency).');
  }
  const os = { linux: 'linux', darwin: 'macos', win32: 'windows' }[process.platform];
  try {
    require.resolve(`recheck-${os}-${process.arch}/package.json`);
    process.env.RECHECK_BACKEND = 'native';
    return 'native';
  } catch {
    if (process.platform === 'linux' && process.arch === 'x64')
      fail(
        'recheck-linux-x64 (recheck native binary) is missing: `npm ci` should install it from the lockfile.',
      );
    process.stderr.write(
      `redos: no recheck native binary for ${process.platform}-${process.arch}: using its JavaScript build (slower)\n`,
    );
    process.env.RECHECK_BACKEND = 'pure';
    return 'pure';
  }
}

function gather() {
  const files = sourceFiles();
  const { literals, callSites } = readSyntax(files);
  const { built, failures } = recordBuiltAtLoad(files);
  const atLoad = built.filter((pattern) => pattern.place !== undefined);
  const patterns = new Map();
  for (const { source, flags, place } of [...literals, ...atLoad]) {
    const key = `/${source}/${flags}`;
    const entry = patterns.get(key) ?? { source, flags, places: new Set(), literal: false };
    entry.places.add(place);
    entry.literal ||= literals.some((literal) => literal.place === place);
    patterns.set(key, entry);
  }
  const places = new Set(atLoad.map((pattern) => pattern.place));
  for (const site of callSites)
    site.atLoad = linesOf(site).some((line) => places.has(`${site.file}:${line}`));
  return { patterns, callSites, loadFailures: failures };
}

function linesOf(site) {
  return Array.from({ length: site.end - site.start + 1 }, (_, i) => site.start + i);
}

/** recheck's diagnostics per pattern key, from the cache (same recheck version and parameters) or checked now. */
async function checkAll(patterns) {
  const version = require('recheck/package.json').version;
  const cacheKey = JSON.stringify({ version, PARAMS });
  const cache = readCache(cacheKey);
  const missing = patterns.filter((pattern) => !cache.has(keyOf(pattern)));
  for (const [key, diagnostics] of await runWorkers(missing)) cache.set(key, diagnostics);
  const current = new Map(patterns.map((pattern) => [keyOf(pattern), cache.get(keyOf(pattern))]));
  writeCache(cacheKey, current);
  return current;
}

function keyOf({ source, flags }) {
  return `/${source}/${flags}`;
}

function readCache(cacheKey) {
  if (!existsSync(CACHE)) return new Map();
  const saved = JSON.parse(readFileSync(CACHE, 'utf8'));
  return saved.key === cacheKey ? new Map(Object.entries(saved.results)) : new Map();
}

function writeCache(cacheKey, cache) {
  const decided = [...cache].filter(([, diagnostics]) => diagnostics.status !== 'unknown');
  mkdirSync(dirname(CACHE), { recursive: true });
  writeFileSync(CACHE, JSON.stringify({ key: cacheKey, results: Object.fromEntries(decided) }));
}

/** One worker (and native agent) per core, each taking the next pattern when it is done with one. */
async function runWorkers(patterns) {
  const queue = [...patterns];
  const results = new Map();
  const count = Math.min(availableParallelism(), queue.length);
  await Promise.all(Array.from({ length: count }, () => drain(queue, results)));
  return results;
}

async function drain(queue, results) {
  const worker = new Worker(join(import.meta.dirname, 'redos-worker.mjs'), {
    workerData: { params: PARAMS },
  });
  try {
    for (let pattern = queue.shift(); pattern; pattern = queue.shift()) {
      results.set(keyOf(pattern), await ask(worker, pattern));
    }
  } finally {
    await worker.terminate();
  }
}

function ask(worker, { source, flags }) {
  return new Promise((resolve, reject) => {
    const settle = (answer) => {
      worker.off('error', settle);
      worker.off('message', settle);
      if (answer instanceof Error) reject(answer);
      else if (answer.failure) reject(new Error(`recheck failed on /${source}/${flags}: ${answer.failure}`));
      else resolve(answer.diagnostics);
    };
    worker.on('message', settle);
    worker.on('error', settle);
    // recheck reads the `d` (indices) flag as unknown; it changes what a match reports, not how it runs.
    worker.postMessage({ source, flags: flags.replace('d', '') });
  });
}

function undecided(results, patterns) {
  return [...patterns]
    .filter(([key]) => results.get(key).status === 'unknown')
    .map(([key, pattern]) => {
      const { kind, message } = results.get(key).error;
      return `recheck could not decide ${key} (${kind}${message ? `: ${message}` : ''}) in ${placesOf(pattern)}`;
    });
}

function flagged(results, patterns) {
  return [...patterns].filter(([key]) => results.get(key).status === 'vulnerable');
}

function unlistedFlags(results, patterns, allowed) {
  const listed = new Set(allowed.flagged.map((entry) => entry.pattern));
  return flagged(results, patterns)
    .filter(([key]) => !listed.has(key))
    .map(([key, pattern]) => {
      const { complexity, attack } = results.get(key);
      return (
        `flagged (${complexity.summary}): ${key}\n    in ${placesOf(pattern)}\n` +
        `    attack: ${attack.pattern.length > 300 ? `${attack.pattern.slice(0, 300)}…` : attack.pattern}`
      );
    });
}

/** Entries whose pattern is gone, or now in other files than the entry names (a new use may not be bounded). */
function staleFlags(patterns, allowed) {
  return allowed.flagged.flatMap((entry) => {
    const pattern = patterns.get(entry.pattern);
    if (!pattern) return [`allowed but no longer in src/ (remove its entry): ${entry.pattern}`];
    const files = [...new Set([...pattern.places].map((place) => place.replace(/:\d+$/, '')))].sort();
    if (files.join() === [...entry.in].sort().join()) return [];
    return [
      `allowed in ${entry.in.join(', ')} but now in ${files.join(', ')}: ${entry.pattern} (review its bound)`,
    ];
  });
}

/** recheck's attack string with its pumps repeated as often as the entry's bound allows, timed as src/ runs it. */
function tooSlow(results, patterns, allowed) {
  return allowed.flagged.flatMap((entry) => {
    const diagnostics = results.get(entry.pattern);
    if (!patterns.has(entry.pattern) || diagnostics?.status !== 'vulnerable') return [];
    const text = attackWithin(diagnostics.attack, entry.bound);
    entry.timedMs = timeMatch(patterns.get(entry.pattern), text);
    entry.attackLength = text.length;
    return entry.timedMs > allowed.budgetMs
      ? [`${entry.pattern} took ${entry.timedMs} ms on recheck's attack cut to ${entry.bound} characters`]
      : [];
  });
}

function attackWithin({ pumps, suffix }, bound) {
  const fixed = pumps.reduce((sum, { prefix }) => sum + prefix.length, suffix.length);
  const perRepeat = pumps.reduce((sum, { pump }) => sum + pump.length, 0);
  const repeats = Math.max(1, Math.floor((bound - fixed) / perRepeat));
  return pumps.map(({ prefix, pump }) => prefix + pump.repeat(repeats)).join('') + suffix;
}

/** The median of a few runs, in ms: every match a global pattern finds (as `replace` and `matchAll` do), else one. */
function timeMatch({ source, flags }, text) {
  const pattern = new RegExp(source, flags);
  const run = flags.includes('g') ? () => text.match(pattern) : () => pattern.exec(text);
  const times = Array.from({ length: RUNS }, () => {
    pattern.lastIndex = 0;
    const start = process.hrtime.bigint();
    run();
    return Number(process.hrtime.bigint() - start) / 1e6;
  }).sort((a, b) => a - b);
  return Math.round(times[Math.floor(RUNS / 2)] * 10) / 10;
}

/** A call site that built nothing at load builds per call: from what, and so whether it is safe, is reviewed. */
function perCallProblems(callSites, allowed) {
  const perCall = callSites.filter((site) => !site.atLoad);
  const reviewed = (site) => (entry) => entry.in === site.file && entry.function === site.function;
  const unreviewed = perCall
    .filter((site) => !allowed.perCall.some(reviewed(site)))
    .map(
      (site) =>
        `pattern built per call, not reviewed: ${site.file}:${site.start} in ${site.function}: ${site.text}`,
    );
  const stale = allowed.perCall
    .filter((entry) => !perCall.some((site) => reviewed(site)(entry)))
    .map((entry) => `perCall entry with no such call site left (remove it): ${entry.in} ${entry.function}`);
  return [...unreviewed, ...stale];
}

function placesOf(pattern) {
  return [...pattern.places].join(', ');
}

function report({ patterns, results, callSites, allowed, backend, problems, seconds }) {
  const literals = [...patterns.values()].filter((pattern) => pattern.literal).length;
  const lines = [
    `redos: ${patterns.size} patterns (${literals} from literals, ${patterns.size - literals} built at load), ` +
      `${callSites.filter((site) => !site.atLoad).length} call sites building per call; recheck ${backend}`,
    `redos: ${flagged(results, patterns).length} flagged, ${allowed.flagged.length} allowed on bounded input:`,
    ...allowed.flagged
      .filter((entry) => entry.timedMs !== undefined)
      .map((entry) => `  ${entry.timedMs} ms at ${entry.attackLength} chars: ${entry.pattern.slice(0, 90)}`),
    ...problems.map((problem) => `FAIL ${problem}`),
    `redos: ${problems.length === 0 ? 'ok' : `${problems.length} problems`} in ${seconds.toFixed(1)} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function fail(message) {
  process.stderr.write(`redos: ${message}\n`);
  process.exit(1);
}

await main();
