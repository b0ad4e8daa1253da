#!/usr/bin/env bash
# The package as a user gets it: `npm pack` (which builds through prepack), the tarball installed into an empty
# folder (production dependencies from the registry), then the installed why403 run the ways the README shows.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "package test failed: $*" >&2; exit 1; }

# 1. Pack. The repository's package.json must come back unchanged (prepack takes the clone-only `prepare` out).
manifest_before=$(sha256sum "$root/package.json")
(cd "$root" && npm pack --pack-destination "$work" --loglevel=error >"$work/pack.log" 2>&1) ||
  { cat "$work/pack.log" >&2; fail "npm pack did not succeed"; }
[ "$(sha256sum "$root/package.json")" = "$manifest_before" ] || fail "npm pack left package.json changed"
tarball=$(ls "$work"/why403-*.tgz)

# 2. What the tarball holds.
tar -tzf "$tarball" >"$work/files"
! grep -E '\.map$' "$work/files" || fail "the tarball holds source maps (above)"
! grep -E '(^|/)(test|tests|__tests__|bench)/|\.test\.[jt]s$' "$work/files" || fail "the tarball holds tests (above)"
for file in LICENSE README.md package.json dist/src/index.js dist/src/index.d.ts dist/src/cli/main.js; do
  grep -qx "package/$file" "$work/files" || fail "the tarball has no $file"
done
tar -xzOf "$tarball" package/package.json >"$work/manifest.json"
node -e '
  const { scripts = {} } = require(process.argv[1]);
  const hooks = ["preinstall", "install", "postinstall", "prepare"].filter((name) => name in scripts);
  if (hooks.length > 0) { console.error(`the packed package.json has install scripts: ${hooks}`); process.exit(1); }
' "$work/manifest.json"

# 3. Install it where nothing else is: dependencies come from the registry, no script may run or be announced.
mkdir "$work/app"
cd "$work/app"
echo '{ "name": "why403-package-test", "private": true }' >package.json
npm install --no-audit --no-fund --loglevel=warn "$tarball" >"$work/install.log" 2>&1 ||
  { cat "$work/install.log" >&2; fail "npm install of the tarball did not succeed"; }
! grep -i 'install-scripts\|EBADENGINE' "$work/install.log" || fail "npm warned while installing (above)"

# 4. The installed command, offline from here on: --no-install keeps npx from fetching anything.
npx --no-install why403 --help >"$work/help.txt" || fail "npx why403 --help did not succeed"
grep -q '^Usage: why403' "$work/help.txt" || fail "why403 --help printed no usage"
cat >"$work/evidence.txt" <<'EOF'
HTTP/1.1 403 Forbidden
x-amzn-ErrorType: AccessDeniedException
x-amzn-RequestId: 11111111-2222-4333-8444-555555555555

{"Message":"User is not authorized to access this resource with an explicit deny"}
EOF
npx --no-install why403 classify "$work/evidence.txt" --json >"$work/verdict.json" || fail "why403 classify did not succeed"
node -e 'const { cause } = require(process.argv[1]); if (cause !== "authorizer-explicit-deny") throw new Error(cause)' \
  "$work/verdict.json" || fail "why403 classify gave the wrong cause"
# The sandbox runs the real AWS SDK against a simulated AWS on loopback: every production dependency is there.
npx --no-install why403 sandbox >"$work/sandbox.txt" 2>&1 || { cat "$work/sandbox.txt" >&2; fail "why403 sandbox did not succeed"; }

# 5. The library: require('why403') and its type declarations.
node -e '
  const why403 = require("why403");
  const text = require("node:fs").readFileSync(process.argv[1], "utf8");
  const verdict = why403.classify(why403.evidenceFromInput(text, "evidence.txt"));
  const arn = "arn:aws:execute-api:us-east-1:111122223333:abc123/prod/GET/pets";
  const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: arn }] };
  const { decision } = why403.evaluatePolicy(policy, { methodArn: arn }, "authorizer");
  if (verdict.cause !== "authorizer-explicit-deny" || decision !== "allow") throw new Error(`${verdict.cause} ${decision}`);
' "$work/evidence.txt" || fail "require('why403') did not work"
cat >consumer.ts <<'EOF'
import { CAUSES, classify, evidenceFromText, type CauseId, type Verdict } from 'why403';

const verdict: Verdict = classify(evidenceFromText('HTTP/1.1 403 Forbidden'));
const cause: CauseId = verdict.cause;
export const known: boolean = CAUSES.includes(cause);
EOF
cat >tsconfig.json <<'EOF'
{
  "compilerOptions": {
    "strict": true, "noEmit": true, "module": "commonjs", "moduleResolution": "node10", "target": "es2022",
    "types": [], "skipLibCheck": true
  },
  "files": ["consumer.ts"]
}
EOF
"$root/node_modules/.bin/tsc" -p . || fail "the type declarations do not compile against a consumer"

echo "package test: $(basename "$tarball") ($(wc -l <"$work/files") files, no source maps or tests) installs without install scripts; why403 --help, classify, sandbox, require('why403') and its types work"
