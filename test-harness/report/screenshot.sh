#!/usr/bin/env bash
# Renders a report.html folder in headless Chromium as Jenkins serves archived artifacts, and saves
# a screenshot: shows whether the page keeps its plot and styling under Jenkins' default
# Content-Security-Policy for artifacts. Not part of the build (it needs Chromium).
#
#   test-harness/report/screenshot.sh OUTPUT_DIR [SCREENSHOT.png] [WIDTHxHEIGHT]
#
# OUTPUT_DIR is a forecast's output folder (report.html, report.css, forecast.png, ...). The folder
# is served on 127.0.0.1 by serve-csp.py with
#   Content-Security-Policy: sandbox; default-src 'none'; img-src 'self'; style-src 'self';
# Chromium (Debian's chromium, or $CHROMIUM) loads report.html from there; the screenshot goes to
# SCREENSHOT.png (default: OUTPUT_DIR/report-screenshot.png). Example, after the demo:
#   java -jar target/influx-forecast-cli.jar demo && test-harness/report/screenshot.sh demo-output
set -euo pipefail

dir="${1:?usage: screenshot.sh OUTPUT_DIR [SCREENSHOT.png] [WIDTHxHEIGHT]}"
shot="${2:-$dir/report-screenshot.png}"
size="${3:-1280x2400}"
here="$(cd "$(dirname "$0")" && pwd)"
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$chromium" ]; then
  echo "screenshot.sh: chromium not found (Debian: apt-get install chromium)" >&2
  exit 1
fi
python="$(command -v python3)"
[ -x /usr/bin/python3 ] && python=/usr/bin/python3
if [ ! -f "$dir/report.html" ]; then
  echo "screenshot.sh: no report.html in $dir" >&2
  exit 1
fi

port=$(( 20000 + RANDOM % 20000 ))
"$python" "$here/serve-csp.py" "$dir" "$port" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  if curl -s -o /dev/null "http://127.0.0.1:$port/report.html"; then break; fi
  sleep 0.1
done
echo "CSP: $(curl -s -D - -o /dev/null "http://127.0.0.1:$port/report.html" | grep -i '^content-security-policy' | tr -d '\r')"
profile="$(mktemp -d)"
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --window-size="${size/x/,}" --screenshot="$shot" "http://127.0.0.1:$port/report.html" 2>/dev/null
rm -rf "$profile"
echo "screenshot: $shot"
