#!/usr/bin/env bash
# One long series through the forecast command (not a unit test): a year of ten-minute points with
# auto; prints wall time, JVM CPU, peak heap and peak RSS. Builds the test classes, then runs
# io.jenkins.plugins.influxforecast.bench.LongSeriesBenchmark in a fresh JVM, e.g.
#   test-harness/bench/long-series.sh --points 52560 --horizon 1008
# Heap limit: LONG_SERIES_XMX (default 1g).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o test-compile 2>/dev/null || mvn -B -q test-compile
cp_file=target/bench.classpath
if [ ! -s "$cp_file" ] || [ pom.xml -nt "$cp_file" ]; then
  mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null 2>&1 \
    || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
fi
snap=$(mktemp -d target/bench-run.XXXXXX)
trap 'rm -rf "$snap"' EXIT
cp -r target/classes "$snap/classes" && cp -r target/test-classes "$snap/test-classes"
nice java -Xmx"${LONG_SERIES_XMX:-1g}" -cp "$snap/classes:$snap/test-classes:$(cat "$cp_file")" \
  io.jenkins.plugins.influxforecast.bench.LongSeriesBenchmark "$@"
