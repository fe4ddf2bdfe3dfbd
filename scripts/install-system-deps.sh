#!/usr/bin/env bash
# System packages foulard needs beyond Python wheels, installed only when missing.
#   libgl1, libegl1: loaded by skia-python's wheel.
#   postgresql: the ledger's tests run against a real server they start themselves
#   (the server is optional in use: SQLite is the default database).
#   chromium: the studio's browser tests drive it headless with Playwright (never a
#   downloaded browser).
# pyvips-binary brings its own libvips, so no libvips package is needed.
set -euo pipefail

need=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libGL.so.1' || need+=(libgl1)
have_lib 'libEGL.so.1' || need+=(libegl1)
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "foulard needs these system libraries: ${need[*]} (install them with your package manager)" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "installing system packages: ${need[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
