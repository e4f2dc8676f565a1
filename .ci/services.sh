# Brokers and databases for the integration tests in test/brokers/, and chromium for the browser tests of
# `specgate graph --format html` (test/system/html.test.ts runs it headless). Sourced by .ci/run, which
# calls services_start before the tests and services_stop on exit. Everything listens on loopback only.
#
#   source .ci/services.sh && services_start     # installs (apt-get) and starts what is missing
#   services_stop
#
# Exports what the tests read:
#   SPECGATE_AMQP_URL            amqp://guest:guest@127.0.0.1:5672       (rabbitmq-server)
#   SPECGATE_AMQP_RESTART        command that restarts the RabbitMQ application (durable queues kept)
#   SPECGATE_NATS_URL            nats://127.0.0.1:PORT                   (own nats-server -js, file storage, free port)
#   SPECGATE_NATS_RESTART        command that restarts that nats-server with the same storage
#   SPECGATE_PG_URL              postgres://specgate:specgate@127.0.0.1:PORT/specgate
# Each service that fails to start is reported and left out; its tests skip (and fail the run when CI=true).

SPECGATE_SERVICES_DIR="${SPECGATE_SERVICES_DIR:-/tmp/specgate-services}"
SPECGATE_SERVICES_WAIT="${SPECGATE_SERVICES_WAIT:-60}"

_svc_log() { echo "== services: $*"; }

# _svc_wait SECONDS COMMAND...: run COMMAND every half second until it succeeds or time runs out.
_svc_wait() {
  local limit=$(($1 * 2)) i=0
  shift
  while ! "$@" >/dev/null 2>&1; do
    i=$((i + 1))
    [ "$i" -ge "$limit" ] && return 1
    sleep 0.5
  done
}

_svc_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# _svc_free_port: a loopback port nothing listens on now (the kernel picks it), so a server of ours never
# meets someone else's on a well-known port.
_svc_free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

_svc_install() {
  local missing=()
  command -v rabbitmq-server >/dev/null 2>&1 || missing+=(rabbitmq-server)
  command -v nats-server >/dev/null 2>&1 || missing+=(nats-server)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
  [ "${#missing[@]}" -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    _svc_log "apt-get not found; cannot install ${missing[*]}"
    return 1
  fi
  _svc_log "installing ${missing[*]}"
  apt-get update -qq >/dev/null 2>&1 || _svc_log "apt-get update failed"
  # policy-rc.d keeps the packages' own init scripts from starting system-wide services.
  local policy=/usr/sbin/policy-rc.d created_policy=
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$SPECGATE_SERVICES_DIR/apt.log" 2>&1
  local status=$?
  [ -n "$created_policy" ] && rm -f "$policy"
  [ "$status" -eq 0 ] || _svc_log "apt-get install failed (see $SPECGATE_SERVICES_DIR/apt.log)"
  return "$status"
}

_svc_start_rabbitmq() {
  command -v rabbitmq-server >/dev/null 2>&1 || return 1
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=5672 ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  if ! rabbitmqctl -q status >/dev/null 2>&1; then
    rabbitmq-server -detached >"$SPECGATE_SERVICES_DIR/rabbitmq.out" 2>&1
  fi
  if ! _svc_wait "$SPECGATE_SERVICES_WAIT" rabbitmqctl -q await_startup --timeout 5 || ! _svc_port_open 5672; then
    _svc_log "rabbitmq-server did not start within ${SPECGATE_SERVICES_WAIT}s"
    return 1
  fi
  export SPECGATE_AMQP_URL="amqp://guest:guest@127.0.0.1:5672"
  export SPECGATE_AMQP_RESTART="rabbitmqctl -q stop_app && rabbitmqctl -q start_app && rabbitmqctl -q await_startup --timeout 60"
  _svc_log "rabbitmq-server on $SPECGATE_AMQP_URL"
}

_svc_start_nats() {
  command -v nats-server >/dev/null 2>&1 || return 1
  local dir="$SPECGATE_SERVICES_DIR/nats"
  mkdir -p "$dir/store"
  # Our own instance on ports of its own (kept across restarts): a listener on 4222 may be anything.
  [ -f "$dir/ports" ] || echo "$(_svc_free_port) $(_svc_free_port)" >"$dir/ports"
  local port monitor
  read -r port monitor <"$dir/ports"
  cat >"$dir/start.sh" <<EOF
#!/usr/bin/env bash
# Starts nats-server with JetStream on file storage, in the background, and waits until its monitoring
# endpoint reports JetStream enabled (/jsz says "disabled": true otherwise).
nats-server -a 127.0.0.1 -p $port -m $monitor -js -sd "$dir/store" -P "$dir/nats.pid" >>"$dir/nats.log" 2>&1 &
for _ in \$(seq 1 $((SPECGATE_SERVICES_WAIT * 4))); do
  jsz=\$(curl -sf http://127.0.0.1:$monitor/jsz) && [[ "\$jsz" == *'"config"'* && "\$jsz" != *'"disabled": true'* ]] && exit 0
  sleep 0.25
done
exit 1
EOF
  cat >"$dir/stop.sh" <<EOF
#!/usr/bin/env bash
# Stops that nats-server gracefully (JetStream flushes its files) and waits until it has exited.
[ -f "$dir/nats.pid" ] || exit 0
pid=\$(cat "$dir/nats.pid")
kill -TERM "\$pid" 2>/dev/null || { rm -f "$dir/nats.pid"; exit 0; }
for _ in \$(seq 1 $((SPECGATE_SERVICES_WAIT * 4))); do
  kill -0 "\$pid" 2>/dev/null || { rm -f "$dir/nats.pid"; exit 0; }
  sleep 0.25
done
kill -KILL "\$pid" 2>/dev/null
rm -f "$dir/nats.pid"
EOF
  chmod +x "$dir/start.sh" "$dir/stop.sh"
  if ! { [ -f "$dir/nats.pid" ] && kill -0 "$(cat "$dir/nats.pid")" 2>/dev/null; }; then
    if ! "$dir/start.sh"; then
      _svc_log "nats-server with JetStream did not start on 127.0.0.1:$port within ${SPECGATE_SERVICES_WAIT}s (see $dir/nats.log)"
      return 1
    fi
  fi
  export SPECGATE_NATS_URL="nats://127.0.0.1:$port"
  export SPECGATE_NATS_RESTART="$dir/stop.sh && $dir/start.sh"
  _svc_log "nats-server (JetStream) on $SPECGATE_NATS_URL"
}

_svc_start_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bin" ] || return 1
  local dir="$SPECGATE_SERVICES_DIR/pg"
  local port="${SPECGATE_PG_PORT:-5432}"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    _svc_port_open "$port" && port=55432
    mkdir -p "$dir" && chown postgres:postgres "$dir"
    runuser -u postgres -- "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 || {
      _svc_log "initdb failed (see $dir/initdb.log)"
      return 1
    }
    echo "$port" >"$dir/port"
  fi
  port=$(cat "$dir/port")
  if ! runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t "$SPECGATE_SERVICES_WAIT" \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null 2>&1 || {
      _svc_log "postgres did not start within ${SPECGATE_SERVICES_WAIT}s (see $dir/postgres.log)"
      return 1
    }
  fi
  local psql=("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qAt)
  if [ "$("${psql[@]}" -c "select 1 from pg_roles where rolname='specgate'")" != 1 ]; then
    "${psql[@]}" -c "create role specgate login password 'specgate'" >/dev/null &&
      "${psql[@]}" -c "create database specgate owner specgate" >/dev/null || return 1
  fi
  export SPECGATE_PG_URL="postgres://specgate:specgate@127.0.0.1:$port/specgate"
  _svc_log "postgres on $SPECGATE_PG_URL"
}

services_start() {
  mkdir -p "$SPECGATE_SERVICES_DIR"
  local failed=0
  _svc_install || failed=1
  _svc_start_rabbitmq || failed=1
  _svc_start_nats || failed=1
  _svc_start_postgres || failed=1
  return "$failed"
}

services_stop() {
  local dir="$SPECGATE_SERVICES_DIR"
  if command -v rabbitmqctl >/dev/null 2>&1 && rabbitmqctl -q status >/dev/null 2>&1; then
    timeout 60 rabbitmqctl -q stop >/dev/null 2>&1 || _svc_log "rabbitmqctl stop failed"
    command -v epmd >/dev/null 2>&1 && epmd -kill >/dev/null 2>&1
  fi
  [ -x "$dir/nats/stop.sh" ] && "$dir/nats/stop.sh"
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$bin" ] && [ -f "$dir/pg/data/PG_VERSION" ]; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir/pg/data" -m fast -w -t 60 stop >/dev/null 2>&1
  fi
  return 0
}
