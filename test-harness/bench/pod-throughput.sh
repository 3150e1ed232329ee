#!/usr/bin/env bash
# What one forecast pod gets through: the engine's forecast command, as the forecast step runs it,
# over the first N series of an M4 set written as one extract CSV (one series per tag set), with
# auto, a validation hold-out of one horizon (scored, then auto chooses again on all the data)
# and the set's horizon. Prints wall and CPU time and series per minute of wall time.
#   test-harness/bench/pod-throughput.sh [Hourly|Weekly] [N] [model]
# Run it on a machine (or in a container) with the CPU a pod gets, e.g. limits.cpu 2:
#   taskset -c 0,1 test-harness/bench/pod-throughput.sh Hourly 100
# M4 files: $M4_DATA, default ../shared/data/m4 next to the repository. Builds the jar if missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
set_name=${1:-Hourly}
count=${2:-100}
model=${3:-auto}
data=${M4_DATA:-../shared/data/m4}
case "$set_name" in
  Hourly) horizon=48; step=3600; frequency=1h ;;
  Weekly) horizon=13; step=604800; frequency=7d ;;
  *) echo "set must be Hourly or Weekly, got '$set_name'" >&2; exit 2 ;;
esac
[ -s target/influx-forecast-cli.jar ] || mvn -B -q -o package -DskipTests
work=$(mktemp -d target/pod-throughput.XXXXXX)
trap 'rm -rf "$work"' EXIT
# M4 rows: "H1","605","586",...,"" ; out: name,tags,time,value with time in epoch nanoseconds
awk -F, -v n="$count" -v step="$step" 'NR > 1 && NR <= n + 1 {
  gsub(/"/, ""); for (i = 2; i <= NF && $i != ""; i++)
    printf "m4,id=%s,%d000000000,%s\n", $1, 1500000000 + (i - 2) * step, $i }
  BEGIN { print "name,tags,time,value" }' "$data/$set_name-train.csv" > "$work/input.csv"
echo "$set_name: $count series, $(($(wc -l < "$work/input.csv") - 1)) points, model $model, horizon $horizon, $(nproc) cores"
/usr/bin/time -f "%e s wall, %U s user, %S s system, %M KB peak RSS" \
  java -XX:MaxRAMPercentage=50 -jar target/influx-forecast-cli.jar forecast --input "$work/input.csv" \
    --output-dir "$work/out" --model "$model" --horizon "$horizon" --validation "$horizon" \
    --frequency "$frequency" > "$work/forecast.log" 2> "$work/time.txt" || { cat "$work/forecast.log" "$work/time.txt"; exit 1; }
tail -n 1 "$work/time.txt"
awk -v n="$count" '{ printf "%.0f series per minute of wall time, %.0f per minute of CPU time\n", n * 60 / $1, n * 60 / ($4 + $7) }' \
  <(tail -n 1 "$work/time.txt")
