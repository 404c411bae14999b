#!/usr/bin/env bash
# Runs the whole test suite: unit, integration (Azurite), HTTP (real Bot Framework adapter),
# card-schema and end-to-end (Agents Playground + Chromium) tests. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-browser
dotnet build InvestBot.sln -c Release --nologo --verbosity quiet
dotnet test InvestBot.sln -c Release --no-build --nologo --logger "console;verbosity=normal" "$@"
