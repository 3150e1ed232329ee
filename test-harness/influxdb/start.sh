#!/usr/bin/env bash
# Starts a throw-away InfluxDB 1.x (Debian's influxd) for tests and benchmarks.
#
#   start.sh [--auth] [--dir DIR] [--port PORT] [--max-body-size BYTES] [--write-timeout 10s] [--tls CERT KEY]
#
# - HTTP and RPC bound to 127.0.0.1 only, on free ports (PORT if given; otherwise picked here, with
#   a retry if another process takes the port first);
# - meta, data and WAL in DIR (default: a new mktemp -d folder), reporting, the monitor store,
#   continuous queries, ifql and request logging off;
# - waits until GET /ping answers 204 (at most 30 s), then prints
#       port=<http port>  pid=<influxd pid>  dir=<DIR>  url=<http(s)://127.0.0.1:port>
#   one per line, and writes the same lines to DIR/server.env;
# - --auth: authentication on; an admin user is created with INFLUX_ADMIN_USER (default admin) and
#   INFLUX_ADMIN_PASSWORD (default: a random one, written to DIR/admin-password, mode 600). The
#   password is never printed.
# - --tls CERT KEY: HTTPS with that PEM certificate and key.
# - --write-timeout: how long the server waits for a write to be stored before it answers
#   500 "timeout" (InfluxDB's [coordinator] write-timeout, default 10s); the benchmarks raise it so
#   that a busy machine does not refuse a large one-body POST.
# Starting again with the --dir of a stopped server keeps its data (and users).
# Stop it with stop.sh DIR (or stop.sh PID).
set -euo pipefail

auth=false
dir=""
port=""
max_body_size=25000000
write_timeout=10s
tls_cert=""
tls_key=""
while [ $# -gt 0 ]; do
  case "$1" in
    --auth) auth=true; shift ;;
    --dir) dir="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --max-body-size) max_body_size="$2"; shift 2 ;;
    --write-timeout) write_timeout="$2"; shift 2 ;;
    --tls) tls_cert="$2"; tls_key="$3"; shift 3 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "start.sh: unknown argument '$1' (allowed: --auth, --dir DIR, --port PORT, --max-body-size BYTES, --write-timeout DURATION, --tls CERT KEY)" >&2; exit 2 ;;
  esac
done

influxd_bin="${INFLUXD:-$(command -v influxd || true)}"
if [ -z "$influxd_bin" ]; then
  echo "start.sh: influxd not found (Debian: apt-get install influxdb)" >&2
  exit 1
fi
if [ -z "$dir" ]; then
  dir="$(mktemp -d "${TMPDIR:-/tmp}/influxdb-test.XXXXXX")"
fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if ! port_in_use "$p"; then echo "$p"; return 0; fi
  done
  echo "start.sh: no free port found" >&2
  return 1
}

scheme=http
https_lines="  https-enabled = false"
if [ -n "$tls_cert" ]; then
  scheme=https
  https_lines="  https-enabled = true
  https-certificate = \"$tls_cert\"
  https-private-key = \"$tls_key\""
fi

curl_opts=(-s -o /dev/null -w '%{http_code}' --max-time 2)
# the readiness check talks to the process just started on loopback; verification is the client's job
if [ "$scheme" = https ]; then curl_opts+=(--insecure); fi
restart=false
if [ -e "$dir/meta/meta.db" ]; then restart=true; fi

attempt=0
while :; do
  attempt=$((attempt + 1))
  http_port="${port:-$(free_port)}"
  rpc_port="$(free_port)"
  cat > "$dir/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$rpc_port"

[meta]
  dir = "$dir/meta"
  logging-enabled = false

[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  query-log-enabled = false
  trace-logging-enabled = false

[coordinator]
  write-timeout = "$write_timeout"

[monitor]
  store-enabled = false

[http]
  enabled = true
  bind-address = "127.0.0.1:$http_port"
  auth-enabled = $auth
  log-enabled = false
  pprof-enabled = false
  max-body-size = $max_body_size
$https_lines

[ifql]
  enabled = false

[continuous_queries]
  enabled = false

[subscriber]
  enabled = false

[logging]
  level = "warn"
CONF
  # setsid: its own process group, so a test runner's Ctrl-C does not reach it by accident
  setsid "$influxd_bin" run -config "$dir/influxdb.conf" > "$dir/influxd.log" 2>&1 < /dev/null &
  pid=$!
  ok=false
  for _ in $(seq 1 300); do
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    code="$(curl "${curl_opts[@]}" "$scheme://127.0.0.1:$http_port/ping" || true)"
    if [ "$code" = 204 ]; then ok=true; break; fi
    sleep 0.1
  done
  if $ok; then break; fi
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -n "$port" ] || [ "$attempt" -ge 5 ]; then
    echo "start.sh: influxd did not answer /ping on port $http_port; its log ($dir/influxd.log):" >&2
    tail -n 20 "$dir/influxd.log" >&2 || true
    exit 1
  fi
done

if $auth && ! $restart; then
  admin_user="${INFLUX_ADMIN_USER:-admin}"
  admin_password="${INFLUX_ADMIN_PASSWORD:-}"
  if [ -z "$admin_password" ]; then
    admin_password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    (umask 077 && printf '%s' "$admin_password" > "$dir/admin-password")
  fi
  # the first admin user may be created without credentials; the password goes in the POST body,
  # never in a URL (InfluxDB logs query strings)
  esc_user="${admin_user//\\/\\\\}"; esc_user="${esc_user//\"/\\\"}"
  esc_password="${admin_password//\\/\\\\}"; esc_password="${esc_password//\'/\\\'}"
  code="$(curl "${curl_opts[@]}" -XPOST "$scheme://127.0.0.1:$http_port/query" \
      --data-urlencode "q@-" <<<"CREATE USER \"$esc_user\" WITH PASSWORD '$esc_password' WITH ALL PRIVILEGES" || true)"
  if [ "$code" != 200 ]; then
    kill "$pid" 2>/dev/null || true
    echo "start.sh: could not create the admin user (HTTP $code)" >&2
    exit 1
  fi
fi

{
  echo "port=$http_port"
  echo "pid=$pid"
  echo "dir=$dir"
  echo "url=$scheme://127.0.0.1:$http_port"
} | tee "$dir/server.env"
