#!/usr/bin/env bash
# Benchmark (not a test): the engine's start-up against a bare JVM start, as whole processes.
# Runs `java -jar influx-forecast-cli.jar <command...>` (A) and `java -version` (B) in turn, A B A B ...,
# after one untimed warm-up of each, and prints the median wall, user+system CPU and peak RSS of
# each and the median of the pairwise A/B ratios (pairing keeps the ratio meaningful when the
# machine's load drifts during the run).
#
#   test-harness/bench/start-bench.sh [--runs 15] [--jar path/to/influx-forecast-cli.jar] [--java-opts "..."] [command...]
#
# The command defaults to `version`. --java-opts adds JVM options to A only (for example a
# class-data-sharing archive: "-XX:SharedArchiveFile=cli.version.jsa -Xlog:cds=off -Xlog:cds+dynamic=off").
# Needs /usr/bin/time (Debian package time).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs=15
jar="$root/target/influx-forecast-cli.jar"
java_opts=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --java-opts) java_opts="$2"; shift 2 ;;
    --) shift; break ;;
    -*) echo "start-bench.sh: unknown option '$1'" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || set -- version
[ -f "$jar" ] || { echo "start-bench.sh: $jar not found; run mvn -B package -DskipTests" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "start-bench.sh: needs /usr/bin/time (Debian package time)" >&2; exit 1; }
work="$(mktemp -d -t start-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# shellcheck disable=SC2206
a=(java ${java_opts} -jar "$jar" "$@")
b=(java -version)
one() { # label, command...: appends "wall cpu rss_kb" to $work/<label>
  local label="$1"; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" > /dev/null 2>&1
  awk '{ printf "%s %.3f %s\n", $1, $2 + $3, $4 }' "$work/t" >> "$work/$label"
}
one warm "${a[@]}"; one warm "${b[@]}"
for _ in $(seq 1 "$runs"); do
  one A "${a[@]}"
  one B "${b[@]}"
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v c="$2" '{ print $c }' "$work/$1" | median; }
ratio() { paste -d' ' "$work/A" "$work/B" | awk -v c="$1" '{ print $c / $(c + 3) }' | median; }
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1),"\
" load average $(cut -d' ' -f1-3 /proc/loadavg), $runs pairs, medians"
echo
echo "| process | wall s | CPU s | peak RSS MB |"
echo "|---|---|---|---|"
printf '| %s | %s | %s | %.0f |\n' "java ${java_opts:+$java_opts }-jar $(basename "$jar") $*" "$(col A 1)" "$(col A 2)" "$(echo "$(col A 3)" | awk '{ print $1 / 1024 }')"
printf '| %s | %s | %s | %.0f |\n' "java -version" "$(col B 1)" "$(col B 2)" "$(echo "$(col B 3)" | awk '{ print $1 / 1024 }')"
printf '| ratio (median of pairs) | %.2f | %.2f | |\n' "$(ratio 1)" "$(ratio 2)"
