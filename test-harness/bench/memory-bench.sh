#!/usr/bin/env bash
# Benchmark (not a test): heap and RSS of `forecast` per million input points. For each series
# count (default 1, 100 and 1000) it writes an InfluxDB 1.x CSV of --rows points in total
# (name,tags,time,value at 10-minute steps, grouped by series as extract writes it), runs
#   java -Xmx<heap> -Xlog:gc:file=<log> -jar influx-forecast-cli.jar forecast --input <csv> --model <model> ...
# under /usr/bin/time, and prints one table row per case:
#   - input bytes and bytes per point;
#   - peak live heap: the largest heap occupancy right after a garbage collection (from the GC log),
#     the figure that -Xmx must hold; per input point and per million points;
#   - peak RSS of the whole process (/usr/bin/time), per million points;
#   - wall and CPU seconds, and whether the run passed within -Xmx<heap>;
#   - with --min-heap: the least -Xmx (to 8 MB) at which the run still passes, found by bisection
#     (about six more runs per case), and that per input point: what the run really needs.
#
#   test-harness/bench/memory-bench.sh [--rows 3000000] [--series "1 100 1000"] [--model snaive]
#                                      [--heap 256m] [--min-heap] [--jar path/to/influx-forecast-cli.jar]
#
# The model defaults to snaive, so that reading and regularising the input dominate; give
# --model auto --rows 200000 --series 100 for a case that fits real models.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rows=3000000
series_list="1 100 1000"
model=snaive
heap=256m
jar="$root/target/influx-forecast-cli.jar"
min_heap=no
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --series) series_list="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --min-heap) min_heap=yes; shift ;;
    *) echo "memory-bench.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ -f "$jar" ] || { echo "memory-bench.sh: $jar not found; run mvn -B package -DskipTests" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "memory-bench.sh: needs /usr/bin/time (Debian package time)" >&2; exit 1; }

work="$(mktemp -d -t memory-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "forecast --model $model, -Xmx$heap, $rows input points in total, $(nproc) cores, $(java -version 2>&1 | head -1)"
echo
echo "| series | points each | input bytes | bytes/point in file | peak live heap MB | heap bytes/point | heap MB per 1M points | least -Xmx MB | least -Xmx bytes/point | peak RSS MB | RSS MB per 1M points | wall s | CPU s | result |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
# the forecast command line: heap, csv, output folder, extra JVM options
forecast_cmd() {
  cmd=(java "-Xmx$1" "${@:4}" -jar "$jar" forecast --input "$2" --output-dir "$3" --model "$model" --validation 144 --horizon 144)
}
for s in $series_list; do
  each=$(( rows / s ))
  csv="$work/in-$s.csv"
  awk -v s="$s" -v n="$each" 'BEGIN { srand(7); print "name,tags,time,value"; t0 = 1600000000;
    for (k = 0; k < s; k++) for (i = 0; i < n; i++)
      printf "bench,host=h%04d,%d000000000,%.3f\n", k, t0 + i * 600, 100 + 40 * sin(i * 6.2831853 / 144) + k + rand() * 5 }' > "$csv"
  bytes=$(stat -c %s "$csv")
  gclog="$work/gc-$s.log"
  forecast_cmd "$heap" "$csv" "$work/out-$s" "-Xlog:gc:file=$gclog"
  set +e
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
    "${cmd[@]}" > "$work/run-$s.out" 2>&1
  code=$?
  set -e
  if [ "$code" = 0 ]; then result=ok; else result="failed (exit $code: $( (grep -m1 -i 'error' "$work/run-$s.out" || true) | cut -c1-60))"; fi
  # "... Pause Young (Normal) (G1 Evacuation Pause) 120M->35M(256M) 3.1ms": the figure after the arrow
  live=$(sed -n 's/.*->\([0-9]*\)M(.*/\1/p' "$gclog" | sort -n | tail -1)
  live=${live:-0}
  read -r wall user sys rss < "$work/time"
  least=""
  if [ "$min_heap" = yes ]; then
    # bisect on -Xmx in MB: lo fails (or is the floor), hi passes
    lo=8
    hi=$(( $(numfmt --from=iec "${heap^^}") / 1048576 ))
    [ "$code" = 0 ] || hi=""
    while [ -n "$hi" ] && [ $(( hi - lo )) -gt 8 ]; do
      mid=$(( (lo + hi) / 2 ))
      forecast_cmd "${mid}m" "$csv" "$work/probe-$s"
      if "${cmd[@]}" > /dev/null 2>&1; then hi=$mid; else lo=$mid; fi
      rm -rf "$work/probe-$s"
    done
    least=$hi
  fi
  awk -v s="$s" -v each="$each" -v b="$bytes" -v n="$rows" -v live="$live" -v rss="$rss" -v w="$wall" -v u="$user" -v y="$sys" -v r="$result" -v least="$least" 'BEGIN {
    lx = least == "" ? "-" : least; lb = least == "" ? "-" : sprintf("%.0f", least * 1048576 / n);
    printf "| %d | %d | %d | %.1f | %d | %.0f | %.0f | %s | %s | %.0f | %.0f | %.1f | %.1f | %s |\n",
      s, each, b, b / n, live, live * 1048576 / n, live / (n / 1e6), lx, lb, rss / 1024, rss / 1024 / (n / 1e6), w, u + y, r }'
  rm -rf "$csv" "$work/out-$s"
done
echo
echo "peak live heap: the largest heap occupancy after a collection in the GC log (-Xlog:gc), so the least -Xmx that holds the run; RSS: /usr/bin/time's maximum resident set size"
