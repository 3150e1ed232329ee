#!/usr/bin/env bash
# Stops an InfluxDB started by start.sh, by its process id.
#
#   stop.sh DIR [--keep]   reads pid from DIR/server.env; removes DIR unless --keep
#   stop.sh PID
#
# SIGTERM, then SIGKILL after 10 s. Only that pid is signalled.
set -euo pipefail
target="${1:?usage: stop.sh DIR [--keep] | stop.sh PID}"
keep="${2:-}"
dir=""
if [ -d "$target" ]; then
  dir="$target"
  pid="$(sed -n 's/^pid=//p' "$dir/server.env" 2>/dev/null || true)"
  if [ -z "$pid" ]; then echo "stop.sh: no pid in $dir/server.env" >&2; exit 1; fi
else
  pid="$target"
fi
case "$pid" in (*[!0-9]*|'') echo "stop.sh: not a pid: '$pid'" >&2; exit 2 ;; esac
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
fi
if [ -n "$dir" ] && [ "$keep" != "--keep" ]; then
  rm -rf "$dir"
fi
