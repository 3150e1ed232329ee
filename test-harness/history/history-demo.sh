#!/usr/bin/env bash
# A week of scheduled forecasts with history, scored as the actuals arrive, on a throw-away InfluxDB:
# the bundled Seattle hourly temperature normals (NOAA) play the live series. Each "build" (one per
# 12 hours, as of 2010-03-01 00:00 UTC onwards) runs extract -> score -> forecast --history -> load,
# and the actuals of the next 12 hours arrive before the next build. Leaves the last build's
# score/history.png, score.json and out/report.html in OUT (default: history-demo/).
#
#   test-harness/history/history-demo.sh [OUT] [BUILDS]     (MODEL=ets for another model than auto)
#
# Needs influxd (test-harness/influxdb/start.sh) and target/influx-forecast-cli.jar (mvn package).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-history-demo}"
builds="${2:-14}"
jar="${JAR:-$root/target/influx-forecast-cli.jar}"
csv="$root/src/main/resources/io/jenkins/plugins/influxforecast/demo/seattle-weather-hourly-normals.csv"
python="$(command -v python3)"
[ -x /usr/bin/python3 ] && python=/usr/bin/python3
[ -f "$jar" ] || { echo "history-demo.sh: $jar not found (mvn package)" >&2; exit 1; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"

db_dir="$(mktemp -d)"
eval "$(bash "$root/test-harness/influxdb/start.sh" --dir "$db_dir" | sed 's/^/server_/')"
trap 'bash "$root/test-harness/influxdb/stop.sh" "$server_pid" >/dev/null 2>&1 || true; rm -rf "$db_dir"' EXIT
url="$server_url"
curl -sS -o /dev/null -XPOST "$url/query" --data-urlencode "q=CREATE DATABASE weather"

epoch() { date -u -d "$1" +%s; }
# writes the actuals in (FROM, TO] (epoch seconds) as temperature,site=seattle
arrive() {
  "$python" - "$csv" "$1" "$2" <<'PY' | curl -sS -o /dev/null -XPOST "$url/write?db=weather&precision=s" --data-binary @-
import calendar, sys, time
path, start, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path) as f:
    next(f)
    for line in f:
        fields = line.rstrip("\n").split(",")
        t = calendar.timegm(time.strptime(fields[0], "%Y-%m-%dT%H:%M:%S"))
        if start < t <= end:
            print(f"temperature,site=seattle value={fields[2]} {t}")
PY
}

first=$(epoch "2010-03-01T00:00:00Z")
# three weeks of history before the first build
arrive $(( first - 21 * 86400 )) "$first"
conn=(--url "$url" --database weather --proxy none)
for k in $(seq 0 $(( builds - 1 ))); do
  as_of=$(( first + k * 43200 ))
  iso="$(date -u -d "@$as_of" +%Y-%m-%dT%H:%M:%SZ)"
  from="$(date -u -d "@$(( as_of - 21 * 86400 ))" +%Y-%m-%dT%H:%M:%SZ)"
  dir="$out/build-$k"
  mkdir -p "$dir"
  if [ "$k" -gt 0 ]; then arrive $(( as_of - 43200 )) "$as_of"; fi
  java -jar "$jar" extract "${conn[@]}" --output "$dir/input.csv" \
    --query "SELECT value FROM temperature WHERE time > '$from' AND time <= '$iso' GROUP BY site" > "$dir/extract.log"
  java -jar "$jar" score "${conn[@]}" --name temperature --actuals "$dir/input.csv" --as-of "$iso" \
    --every 12h --runs 4 --output-dir "$dir/score" > "$dir/score.log" || [ $? -eq 3 ]
  java -jar "$jar" forecast --input "$dir/input.csv" --output-dir "$dir/out" --model "${MODEL:-auto}" --horizon 48 --validation 48 \
    --as-of "$iso" --build $(( k + 1 )) --history --live-accuracy "$dir/score/score.json" > "$dir/forecast.log"
  java -jar "$jar" load "${conn[@]}" --input "$dir/out/forecast.lp" > "$dir/load.log"
  echo "build $(( k + 1 )) as of $iso: $(grep -o 'live MASE [0-9.]* over[^,]*' "$dir/score.log" | head -1)"
done
last="$out/build-$(( builds - 1 ))"
cp "$last/score/history.png" "$last/score/score.json" "$out/"
echo "history.png, score.json in $out; the last build's files in $last"
