#!/usr/bin/env bash
# Builds the Teams app package manifest/build/InvestBot.zip: manifest.json with its ${{…}} placeholders filled in and
# the two icons, at the root of the zip as Teams requires. manifest/manifest.json is also the Agents Toolkit's template
# (m365agents.yml fills the same placeholders from env/.env.<environment>), so there is one manifest to maintain.
#   BOT_ID        the bot's Microsoft App ID (MicrosoftAppId is accepted too; default: the all-zero GUID, fine for the
#                 Agents Playground)
#   TEAMS_APP_ID  the Teams app id (default: InvestBot's fixed id)
#   BOT_DOMAIN    the bot's host name for validDomains, e.g. app-investbot-xyz.azurewebsites.net (default: none)
#   OUT           output zip path (default: manifest/build/InvestBot.zip)
set -euo pipefail
cd "$(dirname "$0")/.."

guid='^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$'
bot_id=${BOT_ID:-${MicrosoftAppId:-00000000-0000-0000-0000-000000000000}}
teams_app_id=${TEAMS_APP_ID:-94b39322-45bd-48e0-8f17-3922f6a8bea6}
domain=${BOT_DOMAIN:-}
if [[ ! $bot_id =~ $guid ]]; then
  echo "error: BOT_ID (MicrosoftAppId) must be a GUID, got '$bot_id'" >&2
  exit 1
fi
if [[ ! $teams_app_id =~ $guid ]]; then
  echo "error: TEAMS_APP_ID must be a GUID, got '$teams_app_id'" >&2
  exit 1
fi
if [[ -n $domain && ! $domain =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]]; then
  echo "error: BOT_DOMAIN must be a host name without scheme or path, got '$domain'" >&2
  exit 1
fi
out=${OUT:-manifest/build/InvestBot.zip}
case $out in /*) ;; *) out="$(pwd)/$out" ;; esac

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
# No domain: an empty validDomains list (the Playground needs none).
domain_entry=${domain:+\"$domain\"}
sed -e "s/\${{BOT_ID}}/$bot_id/g" -e "s/\${{TEAMS_APP_ID}}/$teams_app_id/g" -e "s/\"\${{BOT_DOMAIN}}\"/$domain_entry/g" \
  manifest/manifest.json >"$staging/manifest.json"
if grep -q '\${{' "$staging/manifest.json"; then
  echo "error: manifest/manifest.json has a placeholder this script does not fill: $(grep -o '\${{[A-Za-z_]*}}' "$staging/manifest.json" | sort -u | tr '\n' ' ')" >&2
  exit 1
fi
cp manifest/color.png manifest/outline.png "$staging/"

mkdir -p "$(dirname "$out")"
rm -f "$out"
(cd "$staging" && zip -q -X "$out" manifest.json color.png outline.png)
echo "$out"
