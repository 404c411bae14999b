#!/usr/bin/env bash
# Builds the Teams app package manifest/build/InvestBot.zip: manifest.json (with the bot's Microsoft App ID
# filled in) and the two icons, at the root of the zip as Teams requires.
#   MicrosoftAppId  the bot's Azure AD app id (default: the all-zero GUID, fine for the Agents Playground)
#   OUT             output zip path (default: manifest/build/InvestBot.zip)
set -euo pipefail
cd "$(dirname "$0")/.."

app_id=${MicrosoftAppId:-00000000-0000-0000-0000-000000000000}
if [[ ! $app_id =~ ^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$ ]]; then
  echo "error: MicrosoftAppId must be a GUID, got '$app_id'" >&2
  exit 1
fi
out=${OUT:-manifest/build/InvestBot.zip}
case $out in /*) ;; *) out="$(pwd)/$out" ;; esac

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
sed "s/\${{MicrosoftAppId}}/$app_id/g" manifest/manifest.json >"$staging/manifest.json"
cp manifest/color.png manifest/outline.png "$staging/"

mkdir -p "$(dirname "$out")"
rm -f "$out"
(cd "$staging" && zip -q -X "$out" manifest.json color.png outline.png)
echo "$out"
