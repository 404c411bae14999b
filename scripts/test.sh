#!/usr/bin/env bash
# Runs the whole test suite: unit, integration (Azurite), HTTP (real Bot Framework adapter),
# card-schema and end-to-end (Agents Playground + Chromium) tests. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-browser
dotnet build InvestBot.sln -c Release --nologo --verbosity quiet
results=TestResults
rm -rf "$results"
set +e
dotnet test InvestBot.sln -c Release --no-build --nologo --logger "console;verbosity=normal" \
    --logger "trx;LogFileName=tests.trx" --results-directory "$results" "$@"
rc=$?
set -e
if [ "$rc" -ne 0 ]; then
    # The console log is long (the bot's own logging); repeat what failed at the very end, where it is seen.
    echo "==> failed tests (from $results/tests.trx)"
    awk '/<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); print "FAILED " substr($0, RSTART + 10, RLENGTH - 11); inResult = 1; lines = 0 }
         inResult && /<Message>/ { inMessage = 1 }
         inMessage && lines < 25 { print "    " $0; lines++ }
         /<\/Message>/ { inMessage = 0; inResult = 0 }' "$results"/*.trx 2>/dev/null || true
fi
exit "$rc"
