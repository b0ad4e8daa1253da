#!/usr/bin/env bash
# What the Docker image's last stage runs, without Docker (none runs in CI): production dependencies only from the
# lockfile, the compiled code, `why403 serve` as a non-root process would start it, then its health check.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cp "$root/package.json" "$root/package-lock.json" "$work/"
(cd "$work" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
cp -r "$root/dist" "$root/iam" "$work/"
rm -rf "$work/dist/bench"

port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
(cd "$work" && NODE_ENV=production PORT="$port" SLACK_BOT_TOKEN=xoxb-smoke-test SLACK_SIGNING_SECRET=smoke-test \
  exec node dist/src/cli/main.js serve >"$work/serve.log" 2>&1) &
pid=$!
healthy() { [ "$(node -e "fetch('http://127.0.0.1:$port/healthz').then(r=>r.text()).then(console.log,()=>console.log('down'))")" = "ok" ]; }
stopped() { ! kill -0 "$pid" 2>/dev/null; }
# Polls a check every 0.2 s, up to the given number of tries.
within() { local tries=$1; shift; for _ in $(seq 1 "$tries"); do "$@" && return 0; sleep 0.2; done; return 1; }
fail() { echo "production smoke test failed: $1; the server said:" >&2; cat "$work/serve.log" >&2; exit 1; }

# Up to 30 s to start: a busy CI machine may be slow to start Node and load Bolt.
within 150 healthy || fail "why403 serve did not answer /healthz"
kill -TERM "$pid"
# Docker sends SIGTERM on stop and SIGKILL 10 s later: the server must be gone before that.
within 40 stopped || fail "why403 serve was still running 8 s after SIGTERM"
echo "production smoke test: why403 serve answers /healthz with production dependencies only, and stops on SIGTERM"
