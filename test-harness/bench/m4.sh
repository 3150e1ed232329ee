#!/usr/bin/env bash
# The M4 benchmark (not a unit test). Builds the test classes, then runs
# io.jenkins.plugins.influxforecast.bench.M4Benchmark with the given options, e.g.
#   test-harness/bench/m4.sh --models "naive2;ses;theta;ets" --r-limit 50
# See the class documentation for all options.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o test-compile 2>/dev/null || mvn -B -q test-compile
cp_file=target/bench.classpath
if [ ! -s "$cp_file" ] || [ pom.xml -nt "$cp_file" ]; then
  mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null 2>&1 \
    || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
fi
exec nice java ${M4_JAVA_OPTS:-} -Xmx4g -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
  io.jenkins.plugins.influxforecast.bench.M4Benchmark "$@"
