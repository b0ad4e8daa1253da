// Every regular expression src/ holds, for the ReDoS check (scripts/redos-check.mjs): the literals, read with the
// TypeScript compiler API, and the patterns the modules build when they load, recorded while every module of src/
// is loaded (transpiled on the fly, so the check reads the source, not a dist/ that may be stale).
//
// What it cannot see, and how that is kept in view:
// - A pattern built per call (`new RegExp(...)` inside a function run after load, from a request, an API's routes
//   or an id). Each such call site is listed by scripts/redos-check.mjs, which fails on one not reviewed in
//   scripts/redos-allowed.json (`perCall`), so a new one is read by a person. The authorizer's
//   identityValidationExpression is only ever printed by the engine; the one place it is compiled is the sandbox's
//   simulated TestInvokeAuthorizer, on the sandbox's own authorizers.
// - A call site run at load is recorded with the patterns it built then; if the same function is also called later
//   with other input, those later patterns are not seen.
// - Patterns made inside the engine from a string (`text.match('…')`, `split('…')`) and patterns in dependencies.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const require = createRequire(import.meta.url);
const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
// Entry points whose loading runs them; none builds a pattern of its own.
const NOT_LOADED = ['src/cli/main.ts'];

export function sourceFiles(dir = SRC) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

export function repoPath(path) {
  return relative(ROOT, path);
}

/** The regex literals and the `RegExp(...)` call sites of each file, from its syntax tree. */
export function readSyntax(files) {
  const literals = [];
  const callSites = [];
  for (const file of files) {
    const tree = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    visit(tree, tree, { literals, callSites });
  }
  return { literals, callSites };
}

function visit(node, tree, found) {
  if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) found.literals.push(literalOf(node, tree));
  else if (isRegExpCall(node)) found.callSites.push(callSiteOf(node, tree));
  ts.forEachChild(node, (child) => visit(child, tree, found));
}

function literalOf(node, tree) {
  const text = node.getText(tree);
  const end = text.lastIndexOf('/');
  return { source: text.slice(1, end), flags: text.slice(end + 1), place: placeOf(node, tree) };
}

function isRegExpCall(node) {
  return (
    (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'RegExp'
  );
}

function callSiteOf(node, tree) {
  const start = tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1;
  const end = tree.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
  return {
    file: repoPath(tree.fileName),
    start,
    end,
    function: enclosingFunction(node),
    text: node.getText(tree),
  };
}

/** The name of the function a call site is in (`<module>` at the top level), a key that survives edits above it. */
function enclosingFunction(node) {
  for (let at = node.parent; at; at = at.parent) {
    if (!ts.isFunctionLike(at)) continue;
    if (at.name && ts.isIdentifier(at.name)) return at.name.text;
    if (at.parent && ts.isVariableDeclaration(at.parent) && ts.isIdentifier(at.parent.name))
      return at.parent.name.text;
    if (at.parent && ts.isPropertyAssignment(at.parent) && ts.isIdentifier(at.parent.name))
      return at.parent.name.text;
    return `${enclosingFunction(at)} (anonymous)`;
  }
  return '<module>';
}

function placeOf(node, tree) {
  return `${repoPath(tree.fileName)}:${tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1}`;
}

/**
 * Loads every module of src/ while recording each RegExp constructed, with the src/ line that constructed it
 * (source maps on, so the stack names the .ts line).
 */
export function recordBuiltAtLoad(files) {
  delete process.env.AWS_LAMBDA_FUNCTION_NAME; // src/slack/lambda.ts starts the bot at load on Lambda only
  registerTypeScript();
  const built = [];
  const Original = globalThis.RegExp;
  globalThis.RegExp = new Proxy(Original, {
    construct: (target, args, newTarget) => record(built, Reflect.construct(target, args, newTarget)),
    apply: (target, self, args) => record(built, Reflect.apply(target, self, args)),
  });
  const failures = [];
  try {
    for (const file of files) {
      if (NOT_LOADED.includes(repoPath(file))) continue;
      try {
        require(file);
      } catch (error) {
        failures.push(`${repoPath(file)}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    globalThis.RegExp = Original;
  }
  return { built, failures };
}

function record(built, pattern) {
  built.push({ source: pattern.source, flags: pattern.flags, place: constructedAt(new Error().stack ?? '') });
  return pattern;
}

/** The src/ line of the frame that called the constructor, or undefined when a dependency built the pattern. */
function constructedAt(stack) {
  const frames = stack.split('\n').slice(1);
  const caller = frames.find((frame) => !frame.includes(import.meta.url));
  const match = /\(?(\/[^()]+\.ts):(\d+):\d+\)?$/.exec(caller ?? '');
  return match && match[1].startsWith(`${SRC}/`) ? `${repoPath(match[1])}:${match[2]}` : undefined;
}

function registerTypeScript() {
  Error.stackTraceLimit = 50;
  process.setSourceMapsEnabled(true);
  const Module = require('node:module');
  Module._extensions['.ts'] = (module, filename) => {
    const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        inlineSourceMap: true,
      },
    });
    module._compile(outputText, filename);
  };
}
