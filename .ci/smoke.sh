#!/usr/bin/env bash
# Production smoke test: the Dockerfile's steps without Docker (no engine or registry here).
# Build stage: clean full install + `npm run build` in a temp dir. Runtime stage: a clean
# `npm ci --omit=dev` plus dist/, knowledge/ and bin/, checked to carry no compiler, then the
# compiled app started with plain node in HTTP mode against a loopback Slack Web API stand-in,
# probed, and stopped with SIGTERM.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
ms() { date +%s%3N; }

echo "--- smoke: build stage"
mkdir "$WORK/build" "$WORK/app"
cp -r "$ROOT"/{package.json,package-lock.json,.npmrc,tsconfig.json,tsconfig.build.json,src,knowledge,bin} "$WORK/build/"
(cd "$WORK/build" && npm ci --no-audit --no-fund --loglevel=error)
t0=$(ms); (cd "$WORK/build" && npm run build --silent); echo "build: $(( $(ms) - t0 )) ms"

echo "--- smoke: runtime stage"
cp "$ROOT"/{package.json,package-lock.json,.npmrc} "$WORK/app/"
(cd "$WORK/app" && NODE_ENV=production npm ci --omit=dev --no-audit --no-fund --loglevel=error)
cp -r "$WORK/build/dist" "$ROOT/knowledge" "$ROOT/bin" "$WORK/app/"
for dev in typescript tsx esbuild vitest; do
  if [ -e "$WORK/app/node_modules/$dev" ]; then echo "smoke: the production install carries $dev" >&2; exit 1; fi
done
echo "production node_modules: $(du -sm "$WORK/app/node_modules" | cut -f1) MB, $(find "$WORK/app/node_modules" -type f | wc -l) files"

cd "$WORK/app"
export NODE_ENV=production
[ -s dist/catalog.json ] || { echo "smoke: the build did not compile the catalog to dist/catalog.json" >&2; exit 1; }
node bin/meterdoc.js catalog check >/dev/null 2>"$WORK/check.err" || { cat "$WORK/check.err" >&2; exit 1; }
if grep -q "out of sync\|compiled by other code\|over other phrases" "$WORK/check.err"; then cat "$WORK/check.err" >&2; echo "smoke: dist/catalog.json does not match knowledge/" >&2; exit 1; fi

node "$ROOT/.ci/slack-api-stand-in.mjs" xoxb-smoke-test >"$WORK/slack.url" 2>"$WORK/slack.log" &
PIDS+=($!)
for _ in $(seq 50); do [ -s "$WORK/slack.url" ] && break; sleep 0.1; done
PORT="$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
SLACK_BOT_TOKEN=xoxb-smoke-test SLACK_SIGNING_SECRET=smoke-signing-secret SLACK_API_URL="$(cat "$WORK/slack.url")" \
  HOST=127.0.0.1 PORT="$PORT" node dist/app/main.js >"$WORK/app.log" 2>&1 &
APP=$!
PIDS+=("$APP")

# Ready only once Slack accepted the token, the store answers and the catalog is loaded; live at once.
t0=$(ms); body=""
for _ in $(seq 300); do
  body="$(curl -sf "http://127.0.0.1:$PORT/readyz" 2>/dev/null)" && break
  kill -0 "$APP" 2>/dev/null || { cat "$WORK/app.log" >&2; echo "smoke: the app exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$body" ] || { cat "$WORK/app.log" >&2; echo "smoke: /readyz never answered 200 on port $PORT" >&2; exit 1; }
echo "ready after $(( $(ms) - t0 )) ms: $body"
curl -sf "http://127.0.0.1:$PORT/livez" >/dev/null || { echo "smoke: /livez did not answer" >&2; exit 1; }
curl -sf "http://127.0.0.1:$PORT/metrics" | grep -q '^meterdoc_in_flight_handlers' || { echo "smoke: /metrics did not answer" >&2; exit 1; }
grep -q "auth.test" "$WORK/slack.log" || { echo "smoke: the app never called auth.test on SLACK_API_URL" >&2; exit 1; }
echo "processes: $(pgrep -c -P "$APP" || true) children of node; RSS $(( $(ps -o rss= -p "$APP") / 1024 )) MB"

kill -TERM "$APP"
rc=0; wait "$APP" || rc=$?
[ "$rc" -eq 0 ] || { cat "$WORK/app.log" >&2; echo "smoke: SIGTERM ended the app with status $rc" >&2; exit 1; }
# Logs are for collectors: every line on stdout and stderr is one JSON object.
node -e 'const bad=require("fs").readFileSync(process.argv[1],"utf8").split("\n").filter((l)=>{if(!l.trim())return false;try{JSON.parse(l);return false}catch{return true}});if(bad.length){console.error("smoke: lines that are not JSON:\n"+bad.join("\n"));process.exit(1)}' "$WORK/app.log"
echo "smoke: ok (stopped cleanly, JSON logs only)"
