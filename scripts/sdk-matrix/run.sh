#!/bin/sh
# Regenerates the SDK matrix (eval/sdk-matrix/cases/) inside a network namespace that has only
# loopback: the clients can reach the stand-in and nothing else. Needs root (or user namespaces),
# iproute2, and the clients listed in scripts/sdk-matrix/README.md. Arguments go to generate.ts.
set -eu
cd "$(dirname "$0")/../.."
exec unshare --net sh -c 'ip link set lo up && exec node_modules/.bin/tsx scripts/sdk-matrix/generate.ts "$@"' sh "$@"
