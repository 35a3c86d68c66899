#!/usr/bin/env bash
# `npm run fresh-machine-check`: runs the README's test command (`npm test`) the way CI meets it on a
# brand-new machine, which CI itself cannot show because it reuses the developer's machine:
#   - a throw-away clone of the committed HEAD (uncommitted changes are not part of it),
#   - a new, empty HOME, so no npm cache, Go module or build cache, Maven repository, Nx cache or
#     EASI tool cache (~/.cache/easi: the Temporal CLI, Kafka's jars) is there; only the machine's
#     settings files (~/.npmrc, ~/.gitconfig, ~/.m2/settings.xml, Go's env file) are copied,
#   - PATH without the directories provisioning adds,
#   - the Debian packages provisioning installs on top of this machine's image (`npm run stack --
#     packages --tests`, less the README's prerequisites Java and Maven) removed first, so
#     provisioning must install them again, as it must on a new machine. PostgreSQL's server is kept
#     by default: it is in this machine kind's image, and removing it under a running stack breaks
#     that stack's new backends; --with-postgres removes it too.
#   - its own ports (another stack beside yours: 2xxxx), so your running stack is left alone.
# Then it stops the clone's stack and deletes the clone (unless --keep). Ends with npm test's own
# "N passed, N failed" line and exits with its code. Cold, it takes 15-25 minutes (most of it the
# Temporal CLI's Go build); progress streams as it goes, and the whole log is kept in <dir>/npm-test.log.
#
# usage: tools/fresh-machine-check.sh [--ref REF] [--keep] [--with-postgres] [--keep-packages] [-- jest args]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ref=HEAD
keep=0
with_postgres=0
remove_packages=1
while [ $# -gt 0 ]; do
  case "$1" in
    --ref) ref="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --with-postgres) with_postgres=1; shift ;;
    --keep-packages) remove_packages=0; shift ;;
    --) shift; break ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "fresh-machine-check: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

started=$SECONDS
work=$(mktemp -d "${TMPDIR:-/tmp}/easi-fresh.XXXXXX")
echo "fresh-machine-check: working in $work"
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
  echo "fresh-machine-check: note: uncommitted changes in $root are not part of the check (it tests $ref as committed)"
fi

# 1. A clone of the committed tree.
git clone -q --no-hardlinks "$root" "$work/repo"
git -C "$work/repo" checkout -q --detach "$ref"
echo "fresh-machine-check: clone of $(git -C "$work/repo" log -1 --format='%h %s' | cut -c1-100)"

# 2. A new HOME with the machine's settings files but none of its caches. Toolchains that live in
#    HOME (pyenv, rustup, cargo) are part of the machine, not of provisioning: keep pointing at them.
old_home=$HOME
old_cache=${EASI_CACHE_DIR:-$old_home/.cache/easi}
new_home=$work/home
mkdir -p "$new_home"
for settings in .npmrc .gitconfig .m2/settings.xml .config/go/env .config/pip/pip.conf; do
  if [ -f "$old_home/$settings" ]; then
    mkdir -p "$(dirname "$new_home/$settings")"
    cp "$old_home/$settings" "$new_home/$settings"
  fi
done
[ -d "$old_home/.pyenv" ] && export PYENV_ROOT=${PYENV_ROOT:-$old_home/.pyenv}
[ -d "$old_home/.rustup" ] && export RUSTUP_HOME=${RUSTUP_HOME:-$old_home/.rustup}
[ -d "$old_home/.cargo" ] && export CARGO_HOME=${CARGO_HOME:-$old_home/.cargo}
unset EASI_CACHE_DIR EASI_STATE_DIR NX_CACHE_DIRECTORY npm_config_cache NPM_CONFIG_CACHE GOMODCACHE GOCACHE GOPATH MAVEN_OPTS
export HOME=$new_home

# 3. PATH without what provisioning adds (the EASI tool cache's bin) or a clone's node_modules/.bin.
PATH=$(printf '%s' "$PATH" | tr ':' '\n' | { grep -v -F -e "$old_cache" -e '/node_modules/.bin' || true; } | paste -sd: -)
export PATH

# 4. The system packages provisioning installs, moved aside so it must install them again.
if [ "$remove_packages" = 1 ]; then
  if ! packages=$(cd "$root" && node -r ./tools/register.js infra/src/cli.ts packages --tests 2>/dev/null); then
    echo "fresh-machine-check: could not list provisioning's packages (is $root's node_modules installed?); using kcat docker-compose" >&2
    packages="kcat docker-compose"
  fi
  remove=()
  for pkg in $packages; do
    case "$pkg" in
      default-jre-headless|maven) ;; # README prerequisites (Java 17 with Maven), in the machine's image
      postgresql) [ "$with_postgres" = 1 ] && remove+=(postgresql postgresql-15) ;;
      *) remove+=("$pkg") ;;
    esac
  done
  installed=()
  for pkg in "${remove[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' && installed+=("$pkg")
  done
  if [ "${#installed[@]}" -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "fresh-machine-check: ${installed[*]} are installed and only root can remove them; run as root, or with --keep-packages" >&2
      exit 2
    fi
    echo "fresh-machine-check: removing ${installed[*]} so provisioning must install them again"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 remove -y -q "${installed[@]}" >"$work/apt-remove.log" 2>&1 \
      || { echo "fresh-machine-check: apt-get remove failed, see $work/apt-remove.log" >&2; exit 1; }
  fi
  for tool in kcat docker-compose; do
    if command -v "$tool" >/dev/null 2>&1; then echo "fresh-machine-check: $tool is still on PATH ($(command -v "$tool"))" >&2; exit 1; fi
  done
fi

# 5. Ports of its own, so a stack you are running stays untouched.
export EASI_PG_PORT=25432 EASI_KAFKA_PORT=29092 EASI_KAFKA_CONTROLLER_PORT=29093 EASI_TEMPORAL_PORT=27233 \
  EASI_TEMPORAL_UI_PORT=28233 AUTH_DEV_ISSUER_PORT=23000 EASI_CODEC_SERVER_PORT=28234 EASI_E2E_PORT_BASE=24100

cleanup() {
  (cd "$work/repo" && [ -d node_modules ] && node -r ./tools/register.js infra/src/cli.ts stop >/dev/null 2>&1) || true
  if [ "$keep" = 1 ]; then
    echo "fresh-machine-check: kept $work (the clone, its HOME and npm-test.log)"
  else
    cp "$work/npm-test.log" "${TMPDIR:-/tmp}/easi-fresh-machine-check.log" 2>/dev/null || true
    rm -rf "$work"
    echo "fresh-machine-check: removed $work; the log is in ${TMPDIR:-/tmp}/easi-fresh-machine-check.log"
  fi
}
trap cleanup EXIT

# 6. The README's test command.
echo "fresh-machine-check: npm test (HOME=$HOME; ports 2xxxx)"
set +e
(cd "$work/repo" && npm test -- "$@") 2>&1 | tee "$work/npm-test.log"
code=${PIPESTATUS[0]}
set -e
echo "fresh-machine-check: npm test exited $code after $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s"
exit "$code"
