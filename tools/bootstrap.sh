#!/usr/bin/env bash
# Entry point of `npm start` / `npm test`: makes sure node_modules matches package-lock.json,
# then runs a TypeScript script with the repository's swc register hook.
# usage: tools/bootstrap.sh <script.ts> [args...]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ $# -lt 1 ]; then
  echo "usage: tools/bootstrap.sh <script.ts> [args...]" >&2
  exit 2
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "bootstrap: node and npm are required (Node 20.19+ or 22.12+); install them and try again" >&2
  exit 1
fi

lock_hash() {
  node -e 'process.stdout.write(require("crypto").createHash("sha256").update(require("fs").readFileSync("package-lock.json")).digest("hex"))'
}

marker=node_modules/.easi-lock.sha

installed_hash() {
  if [ -f "$marker" ]; then
    cat "$marker"
  elif [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
    # Installed by hand after the last lock change (npm writes its hidden lockfile on every
    # install): trust it rather than reinstalling everything once.
    lock_hash
  fi
}

want=$(lock_hash)
if [ ! -d node_modules ] || [ "$(installed_hash)" != "$want" ]; then
  # One install at a time when `npm start` and `npm test` begin together.
  lock_file="${TMPDIR:-/tmp}/easi-bootstrap-$(printf '%s' "$PWD" | cksum | cut -d' ' -f1).lock"
  exec 9>"$lock_file"
  if command -v flock >/dev/null 2>&1; then flock 9; fi
  if [ ! -d node_modules ] || [ "$(installed_hash)" != "$want" ]; then
    echo "bootstrap: installing dependencies with npm ci (package-lock.json changed or node_modules missing; about a minute)..." >&2
    started=$SECONDS
    if ! npm ci --no-audit --no-fund; then
      echo "bootstrap: npm ci failed. Is the npm registry reachable (proxy settings in ~/.npmrc)? Then run the command again." >&2
      exit 1
    fi
    printf '%s\n' "$want" >"$marker"
    echo "bootstrap: dependencies installed in $((SECONDS - started)) s" >&2
    # npm test lists it among its phases' times.
    export EASI_NPM_INSTALL_SECONDS=$((SECONDS - started))
  fi
  exec 9>&-
fi

[ -f "$marker" ] || printf '%s\n' "$want" >"$marker"

exec node -r ./tools/register.js "$@"
