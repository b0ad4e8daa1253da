// The package.json that `npm pack` and `npm publish` put in the tarball: this repository's, without the scripts
// that only a clone needs. prepack runs `publish`, postpack runs `restore`.
//
// Why (npm 11.19, tried on this machine): `npm ci` in a clone runs the root project's preinstall, install,
// postinstall, prepublish, preprepare, prepare and postprepare scripts, and our `prepare` is what builds dist/ there.
// Someone who installs the tarball runs none of these except preinstall/install/postinstall, yet npm names a
// `prepare` in its "install scripts not yet covered by allowScripts" warning (it does run for git and folder
// installs). Renaming the build to preprepare or postprepare would silence the warning while still running for
// git installs, so the published manifest leaves the clone-only script out instead.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const MANIFEST = 'package.json';
const CLONE_ONLY = ['prepare'];
// What `publish` took out, so that `restore` puts back exactly that (even after a pack that failed half-way).
const REMOVED = 'node_modules/.cache/why403/removed-scripts.json';

function readManifest() {
  return JSON.parse(readFileSync(MANIFEST, 'utf8'));
}

function writeManifest(manifest) {
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
}

function publish() {
  restore();
  const manifest = readManifest();
  const names = Object.keys(manifest.scripts);
  const removed = CLONE_ONLY.filter((name) => name in manifest.scripts).map((name) => ({
    name,
    command: manifest.scripts[name],
    after: names[names.indexOf(name) - 1],
  }));
  for (const { name } of removed) delete manifest.scripts[name];
  mkdirSync(dirname(REMOVED), { recursive: true });
  writeFileSync(REMOVED, JSON.stringify(removed));
  writeManifest(manifest);
}

function restore() {
  if (!existsSync(REMOVED)) return;
  const manifest = readManifest();
  let entries = Object.entries(manifest.scripts);
  for (const { name, command, after } of JSON.parse(readFileSync(REMOVED, 'utf8'))) {
    if (name in manifest.scripts) continue;
    const at = entries.findIndex(([key]) => key === after) + 1;
    entries = [...entries.slice(0, at), [name, command], ...entries.slice(at)];
  }
  manifest.scripts = Object.fromEntries(entries);
  writeManifest(manifest);
  rmSync(REMOVED);
}

const actions = { publish, restore };
const action = actions[process.argv[2]];
if (!action) {
  process.stderr.write('usage: node scripts/package-manifest.mjs publish|restore\n');
  process.exit(2);
}
action();
