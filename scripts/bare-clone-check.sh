#!/usr/bin/env bash
# Tries the repository as a new user would: clones the committed HEAD into a fresh, empty temporary
# folder (nothing beside it), then runs the README's two commands there:
#   npm install -g pnpm@12.4.2 && pnpm install && pnpm demo
#   pnpm test
# With --ci it also runs `CI=true bash .ci/run` in that clone (what CI runs).
# Uncommitted changes are not in the clone: commit first. Exit code: 0 when every command passed.
#
#   bash scripts/bare-clone-check.sh [--ci] [--keep]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
ci=0
keep=0
for arg in "$@"; do
  case "$arg" in
    --ci) ci=1 ;;
    --keep) keep=1 ;;
    *) echo "usage: bash scripts/bare-clone-check.sh [--ci] [--keep]" >&2; exit 1 ;;
  esac
done
parent="$(mktemp -d "${TMPDIR:-/tmp}/hyperspec-bare-XXXXXX")"
cleanup() { if [ "$keep" = 0 ]; then rm -rf "$parent"; else echo "kept $parent"; fi; }
trap cleanup EXIT
step() { printf '\n== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

step "git clone $repo into the empty folder $parent"
git clone --quiet "$repo" "$parent/x"
cd "$parent/x"
echo "HEAD $(git rev-parse --short HEAD); beside the clone: $(ls -A "$parent" | tr '\n' ' ')"

start=$SECONDS
step "README command 1: npm install -g pnpm@12.4.2 && pnpm install && pnpm demo"
npm install -g pnpm@12.4.2 >/dev/null
pnpm install
pnpm demo
step "README command 2: pnpm test"
pnpm test
if [ "$ci" = 1 ]; then
  step "CI=true bash .ci/run"
  CI=true bash .ci/run
fi
step "passed in $((SECONDS - start)) s"
