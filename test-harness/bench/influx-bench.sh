#!/usr/bin/env bash
# Benchmark: extract and load N points (default 1,000,000) with the engine against a local
# InfluxDB 1.x, and, in the same run on the same server, the same HTTP work with curl as the Argo
# pipeline did it (GET /query as CSV; POST /write of the whole file in one body). Prints points/s
# and the engine/curl ratios (medians of --reps runs, the writers taking turns at going first).
#
#   test-harness/bench/influx-bench.sh [--points N] [--reps R] [--heap 64m] [--cds | --steps]
#
# --cds: the engine runs as the steps run it on an agent that keeps its workspaces, with a
# class-data-sharing archive per command (-XX:SharedArchiveFile), each dumped by one untimed run of
# that command with -XX:ArchiveClassesAtExit before the timed runs. --steps: as --cds, and with the
# JVM options the steps pass for load and extract (-XX:TieredStopAtLevel=1, see EngineProcess).
# ENGINE_JAVA_OPTS adds JVM options.
#
# Needs target/influx-forecast-cli.jar (mvn -B package -DskipTests), influxd, curl, awk.
# The server runs with max-body-size = 0: with InfluxDB's default (25 MB), curl's one-body POST
# of 1M points (46 MB) is refused with 413, while the engine's batches are not.
# The engine runs with -Xmx<heap> (default 64m) to show that extract streams: a buffered answer
# of 1M points would not fit. Its peak RSS is measured with /usr/bin/time when present.
#
# What is compared: the same data file, the same server, a fresh database per writer and run, the
# same query on the same database for both extracts; every timed run starts on an idle server (the
# previous write's snapshot and compaction done), and the three writers take turns at going first. Wall times include process start-up for both
# (curl's is a few ms, the engine's JVM start-up a few hundred: the steps start the engine as its
# own process, so that is what a build pays). The "own time" rows leave the JVM start-up out for
# the engine only, so they favour it. CPU columns add the client's CPU time (user + system) and
# the server's (influxd's, from /proc): on a machine shared with other work, wall times follow the
# share of CPU each run gets, while CPU seconds are what the work costs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
points=1000000
reps=3
heap=64m
cds=no
steps=no
while [ $# -gt 0 ]; do
  case "$1" in
    --points) points="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --cds) cds=yes; shift ;;
    --steps) cds=yes; steps=yes; shift ;;
    *) echo "influx-bench.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
jar="${ENGINE_JAR:-$root/target/influx-forecast-cli.jar}"
[ -f "$jar" ] || { echo "influx-bench.sh: $jar not found; run mvn -B package -DskipTests" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/influx-bench.XXXXXX")"
server_dir="$work/server"
cleanup() {
  "$root/test-harness/influxdb/stop.sh" "$server_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
"$root/test-harness/influxdb/start.sh" --dir "$server_dir" --max-body-size 0 --write-timeout 120s > "$work/server.out"
port="$(sed -n 's/^port=//p' "$work/server.out")"
server_pid="$(sed -n 's/^pid=//p' "$work/server.out")"
url="http://127.0.0.1:$port"

lp="$work/bench.lp"
awk -v n="$points" 'BEGIN { srand(1); t = 1600000000;
  for (i = 0; i < n; i++) printf "bench,site=a value=%.3f %d000000000\n", 100 + 50 * sin(i / 144) + rand() * 10, t + i * 10 }' > "$lp"
size_mb=$(( $(stat -c %s "$lp") / 1000000 ))

# the engine's JVM options for a command: the heap, ENGINE_JAVA_OPTS, and with --cds its archive
jvm() {
  opts=("-Xmx$heap")
  # shellcheck disable=SC2206
  [ -z "${ENGINE_JAVA_OPTS:-}" ] || opts+=(${ENGINE_JAVA_OPTS})
  [ -z "$steps_opts" ] || opts+=("$steps_opts")
  if [ "$cds" = yes ]; then opts+=("-XX:SharedArchiveFile=$work/$1.jsa" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off); fi
}
now_ns() { date +%s%N; }
q() { curl -s -XPOST "$url/query?epoch=ns" --data-urlencode "q=$1" ${2:+--data-urlencode "db=$2"}; }
count() { q "SELECT count(value) FROM bench" "$1" | sed -n 's/.*"values":\[\[[0-9]*,\([0-9]*\)\]\].*/\1/p'; }
# the count once it reaches the expected one (a busy server may answer a query before a large
# write is visible to it), or what it is after 20 s
settled_count() {
  local c
  for _ in $(seq 1 20); do
    c="$(count "$1")"
    [ "$c" = "$points" ] && break
    sleep 1
  done
  echo "$c"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# runs a command, leaving its CPU seconds (user + system) in $work/cpu and its peak RSS (KB) in $work/rss
measured() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%U %S %M' -o "$work/time" "$@"
    awk '{ printf "%.2f\n", $1 + $2 }' "$work/time" > "$work/cpu"
    awk '{ print $3 }' "$work/time" > "$work/rss"
  else
    "$@"; echo 0 > "$work/cpu"; echo 0 > "$work/rss"
  fi
}
tck=$(getconf CLK_TCK)
server_cpu() { awk -v t="$tck" '{ printf "%.2f\n", ($14 + $15) / t }' "/proc/$server_pid/stat"; }
# waits until the server is idle (under 0.05 s of CPU in 0.5 s; at most 60 s): after a write of 1M
# points InfluxDB snapshots its cache and compacts for a while, work that must not count against,
# nor slow down, whichever writer or reader comes next
settle() {
  local a b
  for _ in $(seq 1 120); do
    a=$(server_cpu); sleep 0.5; b=$(server_cpu)
    awk -v a="$a" -v b="$b" 'BEGIN { exit !(b - a < 0.05) }' && return 0
  done
}
cpu_since() { awk -v a="$1" -v b="$(server_cpu)" -v c="$(cat "$work/cpu")" 'BEGIN { printf "%.2f", c + b - a }'; }

# what the steps pass for load and extract besides the heap and the archive (EngineProcess.commandJvmOptions)
steps_opts=""
[ "$steps" = no ] || steps_opts="-XX:TieredStopAtLevel=1"
if [ "$cds" = yes ]; then
  # one untimed run per command dumps its archive, as the steps' first run on a persistent agent does
  q "CREATE DATABASE cds" > /dev/null
  java "-Xmx$heap" ${steps_opts:+"$steps_opts"} "-XX:ArchiveClassesAtExit=$work/load.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$jar" load \
    --url "$url" --database cds --input "$lp" --summary "$work/cds-load.json" > /dev/null
  java "-Xmx$heap" ${steps_opts:+"$steps_opts"} "-XX:ArchiveClassesAtExit=$work/extract.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$jar" extract \
    --url "$url" --database cds --query "SELECT value FROM bench LIMIT 1000" --output "$work/cds.csv" > /dev/null
  q "DROP DATABASE cds" > /dev/null
fi
load_curl=(); load_engine=(); load_plain=(); extract_curl=(); extract_engine=(); engine_rss=(); load_rss=()
cpu_load_curl=(); cpu_load_engine=(); cpu_load_plain=(); cpu_extract_curl=(); cpu_extract_engine=()
loads=()
short=0
xdb=""
load_inproc=(); extract_inproc=()
# the engine's own time (after JVM start-up): "... in N ms" on its last line
inproc() { sed -n 's/.* in \([0-9]*\) ms$/\1/p' "$1" | tail -1; }
for rep in $(seq 1 "$reps"); do
  q "CREATE DATABASE c$rep" > /dev/null
  q "CREATE DATABASE e$rep" > /dev/null
  q "CREATE DATABASE p$rep" > /dev/null
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
  # each writer takes each place in turn (first, second, third), so none always follows another's write
  case $((rep % 3)) in
    1) order="curl engine plain" ;;
    2) order="engine plain curl" ;;
    *) order="plain curl engine" ;;
  esac
  for who in $order; do
    settle
    s0=$(server_cpu)
    t0=$(now_ns)
    if [ "$who" = curl ]; then
      measured curl -s -o "$work/curl-write.out" -w '%{http_code}' -XPOST "$url/write?db=c$rep&precision=ns" \
        --data-binary "@$lp" > "$work/curl-code"
      code=$(cat "$work/curl-code")
      [ "$code" = 204 ] || { echo "curl write failed: $code $(cat "$work/curl-write.out")" >&2; exit 1; }
      load_curl+=($(( $(now_ns) - t0 )))
      cpu_load_curl+=("$(cpu_since "$s0")")
    elif [ "$who" = plain ]; then
      jvm load
      measured java "${opts[@]}" -jar "$jar" load --url "$url" --database "p$rep" --input "$lp" --no-gzip \
        --summary "$work/load-summary.json" > "$work/engine-load.out"
      load_plain+=($(( $(now_ns) - t0 )))
      cpu_load_plain+=("$(cpu_since "$s0")")
    else
      jvm load
      measured java "${opts[@]}" -jar "$jar" load --url "$url" --database "e$rep" --input "$lp" \
        --summary "$work/load-summary.json" > "$work/engine-load.out"
      load_engine+=($(( $(now_ns) - t0 )))
      cpu_load_engine+=("$(cpu_since "$s0")")
      load_rss+=("$(cat "$work/rss")")
      load_inproc+=("$(inproc "$work/engine-load.out")000000")
    fi
  done
  # on a busy machine InfluxDB has answered curl's one 46 MB POST with 204 and kept fewer points (939,520 of
  # 1,000,000: whole shards missing); such a run's curl figures are left out and counted in the summary
  got="$(settled_count "c$rep")"
  if [ "$got" != "$points" ]; then
    echo "run $rep: InfluxDB answered curl's POST with 204 but holds $got of $points points; its curl figures are left out" >&2
    short=$((short + 1))
    unset 'load_curl[-1]' 'cpu_load_curl[-1]'
  elif [ -z "$xdb" ]; then
    xdb="c$rep"
  fi
  [ "$(settled_count "e$rep")" = "$points" ] || { echo "engine load: wrong count $(count "e$rep")" >&2; exit 1; }
  [ "$(settled_count "p$rep")" = "$points" ] || { echo "engine load --no-gzip: wrong count $(count "p$rep")" >&2; exit 1; }
  [ -n "$xdb" ] || xdb="e$rep"  # the extracts read a database holding all points

  for who in $( [ $((rep % 2)) = 1 ] && echo "curl engine" || echo "engine curl" ); do
    settle
    s0=$(server_cpu)
    t0=$(now_ns)
    if [ "$who" = curl ]; then
      measured curl -s -G "$url/query" -H 'Accept: application/csv' --data-urlencode "db=$xdb" \
        --data-urlencode "q=SELECT value FROM bench" -o "$work/curl.csv"
      extract_curl+=($(( $(now_ns) - t0 )))
      cpu_extract_curl+=("$(cpu_since "$s0")")
    else
      jvm extract
      measured java "${opts[@]}" -jar "$jar" extract --url "$url" --database "$xdb" --query "SELECT value FROM bench" \
        --output "$work/engine.csv" > "$work/engine-extract.out"
      extract_engine+=($(( $(now_ns) - t0 )))
      cpu_extract_engine+=("$(cpu_since "$s0")")
      extract_inproc+=("$(inproc "$work/engine-extract.out")000000")
      engine_rss+=("$(cat "$work/rss")")
    fi
  done
  curl_rows=$(( $(wc -l < "$work/curl.csv") - 1 ))
  engine_rows=$(( $(wc -l < "$work/engine.csv") - 1 ))
  [ "$curl_rows" = "$points" ] && [ "$engine_rows" = "$points" ] || {
    echo "extract row counts differ: curl $curl_rows, engine $engine_rows, expected $points" >&2; exit 1; }
  [ "$xdb" = "e$rep" ] || q "DROP DATABASE e$rep" > /dev/null
  q "DROP DATABASE p$rep" > /dev/null
  [ "$xdb" = "c$rep" ] || q "DROP DATABASE c$rep" > /dev/null
done

pps() { awk -v n="$points" -v ns="$1" 'BEGIN { printf "%.0f", n / (ns / 1e9) }'; }
secs() { awk -v ns="$1" 'BEGIN { printf "%.2f", ns / 1e9 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b / a }'; }  # engine speed / curl speed
med() { printf '%s\n' "$@" | median; }
lc=$(med "${load_curl[@]}"); le=$(med "${load_engine[@]}"); lp_=$(med "${load_plain[@]}")
xc=$(med "${extract_curl[@]}"); xe=$(med "${extract_engine[@]}")
li=$(med "${load_inproc[@]}"); xi=$(med "${extract_inproc[@]}")
clc=$(med "${cpu_load_curl[@]}"); cle=$(med "${cpu_load_engine[@]}"); clp=$(med "${cpu_load_plain[@]}")
cxc=$(med "${cpu_extract_curl[@]}"); cxe=$(med "${cpu_extract_engine[@]}")
mem=$(printf '%s\n' "${engine_rss[@]}" | sort -n | tail -1)
lmem=$(printf '%s\n' "${load_rss[@]}" | sort -n | tail -1)
all() { local IFS=' '; echo "$*"; }
each() { local out="" x; for x in "$@"; do out="$out $(secs "$x")"; done; echo "${out# }"; }

echo
echo "InfluxDB $(influxd version 2>/dev/null | awk '{print $2}') on 127.0.0.1, $points points ($size_mb MB of line protocol), median of $reps run(s), $(nproc) cores, load average at the start of each run: $(all "${loads[@]}"), at the end: $(cut -d' ' -f1 /proc/loadavg)"
echo
echo "| work | curl (s) | curl points/s | engine (s) | engine points/s | engine/curl speed | CPU s curl+server | CPU s engine+server |"
echo "|---|---|---|---|---|---|---|---|"
echo "| load: curl one POST of the file vs engine load (validate all, batches of 5000, gzip) | $(secs "$lc") | $(pps "$lc") | $(secs "$le") | $(pps "$le") | $(ratio "$le" "$lc") | $clc | $cle |"
echo "| load: same, engine with --no-gzip | $(secs "$lc") | $(pps "$lc") | $(secs "$lp_") | $(pps "$lp_") | $(ratio "$lp_" "$lc") | $clc | $clp |"
echo "| extract: curl GET /query CSV vs engine extract (chunked MessagePack -> forecast CSV) | $(secs "$xc") | $(pps "$xc") | $(secs "$xe") | $(pps "$xe") | $(ratio "$xe" "$xc") | $cxc | $cxe |"
echo "| load, engine's own time (after JVM start-up; validation included) | $(secs "$lc") | $(pps "$lc") | $(secs "$li") | $(pps "$li") | $(ratio "$li" "$lc") | | |"
echo "| extract, engine's own time (after JVM start-up) | $(secs "$xc") | $(pps "$xc") | $(secs "$xi") | $(pps "$xi") | $(ratio "$xi" "$xc") | | |"
echo
echo "each run (s): load curl $(each "${load_curl[@]}"); engine $(each "${load_engine[@]}"); --no-gzip $(each "${load_plain[@]}"); extract curl $(each "${extract_curl[@]}"); engine $(each "${extract_engine[@]}")"
[ "$short" = 0 ] || echo "curl's POST was answered 204 but kept fewer points in $short run(s): those runs' curl figures are left out"
echo "engine wall times include JVM start-up; class-data-sharing archives: $cds; the steps' JVM options: $steps; engine heap -Xmx$heap, peak RSS of extract ${mem} KB, of load ${lmem} KB"
