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
# run from a snapshot of the classes, so that rebuilding during a long run cannot break it
snap=$(mktemp -d target/bench-run.XXXXXX)
trap 'rm -rf "$snap"' EXIT
cp -r target/classes "$snap/classes" && cp -r target/test-classes "$snap/test-classes"
# the JIT options of the engine's forecast command as the steps launch it (EngineProcess.CLIENT_COMPILER),
# so that the JVM CPU measured is that of the product
nice java -XX:TieredStopAtLevel=1 ${M4_JAVA_OPTS:-} -Xmx4g -cp "$snap/classes:$snap/test-classes:$(cat "$cp_file")" \
  io.jenkins.plugins.influxforecast.bench.M4Benchmark "$@"
