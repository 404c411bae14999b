#!/usr/bin/env bash
# Installs everything InvestBot needs on a fresh Debian machine. Safe to run again: each step
# checks first. Usage: scripts/setup.sh [--with-browser]
#   --with-browser  also installs Debian's Chromium (needed only by the end-to-end tests).
set -euo pipefail
cd "$(dirname "$0")/.."

with_browser=0
[[ "${1:-}" == "--with-browser" ]] && with_browser=1

apt_updated=0
apt_install() {
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  if [[ $apt_updated -eq 0 ]]; then
    $sudo apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "==> installing Node.js and npm (apt)"
  apt_install nodejs npm
fi

if ! command -v dotnet >/dev/null; then
  echo "error: the .NET 10 SDK is required (dotnet not on PATH)" >&2
  exit 1
fi

if [[ $with_browser -eq 1 ]] && [[ ! -x /usr/bin/chromium ]]; then
  echo "==> installing Chromium (apt) for the end-to-end tests"
  apt_install chromium
fi
# Chinese glyphs in the browser (screenshots) and zip for the Teams app package.
if [[ $with_browser -eq 1 ]] && ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  apt_install fonts-noto-cjk
fi
if ! command -v zip >/dev/null; then
  apt_install zip
fi

# Azurite and the Agents Playground, exactly as pinned in package-lock.json.
if [[ ! -x node_modules/.bin/azurite-table || ! -x node_modules/.bin/agentsplayground \
      || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "==> npm ci (Azurite, Microsoft 365 Agents Playground)"
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "==> dotnet restore"
dotnet restore InvestBot.sln --verbosity quiet
