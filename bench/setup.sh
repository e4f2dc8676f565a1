#!/usr/bin/env bash
# Install the tools specgate is measured against ("anchors") into bench/anchors/, from its own
# package-lock.json. They never enter the project's dependencies. Needs only the npm registry.
#
#   bash bench/setup.sh [--force]
set -euo pipefail
cd "$(dirname "$0")/anchors"

# No browser or binary downloads, no prompts, no metrics.
export PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 CI=true
export ADBLOCK=1 DISABLE_OPENCOLLECTIVE=1 SCARF_ANALYTICS=false

# Skip the reinstall (about a minute) when node_modules was installed from this very lockfile;
# `bash bench/setup.sh --force` reinstalls anyway.
stamp=node_modules/.bench-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "${1:-}" != "--force" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "anchors already installed from this package-lock.json (--force to reinstall)"
else
  start=$(date +%s)
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
  echo "anchors installed in $(( $(date +%s) - start )) s"
fi

# The AsyncAPI CLI keeps its analytics settings in this file (bench/lib.mjs points
# ASYNCAPI_METRICS_CONFIG_PATH here); tracking is off. CI=true, set for every measured run, also
# keeps it from sending anything.
printf '{"analyticsEnabled":"false","infoMessageShown":"true","userID":"bench"}\n' > .asyncapi-analytics

for bin in asyncapi redocly spectral; do
  printf '%-9s %s\n' "$bin" "$(./node_modules/.bin/$bin --version 2>/dev/null | grep -v '^\s*$' | tail -1)"
done
