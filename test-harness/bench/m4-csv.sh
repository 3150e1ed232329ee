#!/usr/bin/env bash
# Writes an M4 training set as one multi-series InfluxDB 1.x CSV (name,tags,time,value) that
# `forecast` reads: measurement m4, one tag series=<id> per series, hourly timestamps in
# nanoseconds from 2017-07-14T02:40:00Z (M4 publishes no dates; the frequency is what matters).
#   test-harness/bench/m4-csv.sh Hourly > m4-hourly.csv
#   java -jar target/influx-forecast-cli.jar forecast --input m4-hourly.csv --output-dir m4-out --validation 48 --horizon 48
# The M4 data is found in ../shared/data/m4 beside the repository, or in $M4_DIR.
set -euo pipefail
set_name=${1:?usage: m4-csv.sh Hourly|Weekly}
step=3600
[ "$set_name" = Weekly ] && step=604800
dir=${M4_DIR:-"$(cd "$(dirname "$0")/../.." && pwd)/../shared/data/m4"}
file="$dir/$set_name-train.csv"
[ -r "$file" ] || { echo "m4-csv.sh: cannot read $file (set M4_DIR)" >&2; exit 2; }
awk -F, -v step="$step" 'BEGIN { print "name,tags,time,value" }
  NR > 1 {
    id = $1; gsub(/"/, "", id)
    for (i = 2; i <= NF; i++) {
      v = $i; gsub(/"/, "", v)
      if (v != "") printf "m4,series=%s,%d000000000,%s\n", id, 1500000000 + step * (i - 2), v
    }
  }' "$file"
