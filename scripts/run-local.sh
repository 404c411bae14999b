#!/usr/bin/env bash
# Runs InvestBot locally: Azurite (Table Storage), the bot, and the Microsoft 365 Agents Playground
# (a local Teams). Open http://localhost:56150 to chat. Ctrl-C stops all three.
#
# Environment (all optional):
#   INVESTBOT_PORT      bot port (default 3978)
#   PLAYGROUND_PORT     Agents Playground port (default 56150)
#   AZURITE_PORT        Azurite table port (default 10002)
#   AZURITE_QUEUE_PORT  Azurite queue port (default 10001; ranking announcements are sent through a queue)
#   AZURITE_BLOB_PORT   Azurite blob port (default 10000; unused, but the combined azurite binary always starts it)
#   InvestBot__StorageConnectionString  use real Azure storage instead of Azurite
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash scripts/setup.sh
dotnet build src/InvestBot/InvestBot.csproj -c Release --nologo --verbosity quiet

bot_port=${INVESTBOT_PORT:-3978}
pg_port=${PLAYGROUND_PORT:-56150}
az_port=${AZURITE_PORT:-10002}
azq_port=${AZURITE_QUEUE_PORT:-10001}
azb_port=${AZURITE_BLOB_PORT:-10000}
data_dir="$root/.local/azurite"   # survives restarts; delete it to start empty
mkdir -p "$data_dir" "$root/.local/logs"

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "==> stopping"
  # Newest first, each waited for: the bot's graceful stop still reaches Azurite (hands queued work back, deregisters).
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM -- "-${pids[i]}" 2>/dev/null || kill -TERM "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
  echo "==> stopped"
}
trap cleanup INT TERM EXIT

wait_port() { # name port
  for _ in $(seq 1 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "error: $1 did not open port $2; see .local/logs" >&2
  exit 1
}

if [[ -z "${InvestBot__StorageConnectionString:-}" ]]; then
  echo "==> Azurite (Table and Queue Storage) on 127.0.0.1:$az_port and :$azq_port, data in .local/azurite"
  setsid node_modules/.bin/azurite --tableHost 127.0.0.1 --tablePort "$az_port" \
    --queueHost 127.0.0.1 --queuePort "$azq_port" --blobHost 127.0.0.1 --blobPort "$azb_port" \
    --location "$data_dir" --skipApiVersionCheck --disableProductStyleUrl --disableTelemetry \
    >"$root/.local/logs/azurite.log" 2>&1 &
  pids+=($!)
  wait_port Azurite "$az_port"
  wait_port "Azurite queue" "$azq_port"
  export InvestBot__StorageConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$az_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$azq_port/devstoreaccount1;"
fi

echo "==> InvestBot on http://127.0.0.1:$bot_port/api/messages"
# Local runs are the Development environment: the only one in which the bot runs without its Bot Framework
# identity and accepts any tenant (docs/security.md).
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# Believe only the Playground's mock tenant (.m365agentsplayground.yml), as production believes only the office's.
# Download links (exports, 通报表) point at the port the bot really listens on.
export InvestBot__Reporting__PublicBaseUrl="${InvestBot__Reporting__PublicBaseUrl:-http://localhost:$bot_port}"
export InvestBot__AllowedTenants__0="${InvestBot__AllowedTenants__0:-00000000-0000-0000-0000-0000000000e1}"
# The Playground's mocked users are the local admins unless InvestBot__Admins__0 etc. say otherwise.
export InvestBot__Admins__0="${InvestBot__Admins__0:-00000000-0000-0000-0000-0000000000a1}"
setsid dotnet src/InvestBot/bin/Release/net10.0/InvestBot.dll --urls "http://127.0.0.1:$bot_port" \
  --contentRoot "$root/src/InvestBot" >"$root/.local/logs/bot.log" 2>&1 &
pids+=($!)
# Show the bot's log here; a pipe into tee would hide the bot's pid from the cleanup.
tail -n +1 -f "$root/.local/logs/bot.log" &
pids+=($!)
wait_port InvestBot "$bot_port"

echo "==> Microsoft 365 Agents Playground on http://localhost:$pg_port"
TEAMSAPPTESTER_BROWSER=none setsid node_modules/.bin/agentsplayground start \
  -e "http://127.0.0.1:$bot_port/api/messages" -c msteams -p "$pg_port" \
  >"$root/.local/logs/playground.log" 2>&1 &
pids+=($!)
wait_port "Agents Playground" "$pg_port"

echo
echo "InvestBot is running. Open http://localhost:$pg_port to chat with it (Ctrl-C stops everything)."
wait -n "${pids[@]}" || true
