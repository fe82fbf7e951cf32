#!/usr/bin/env bash
# Make sure a Redis answers on 127.0.0.1:6379 for the suite; start one from redis-server if none does.
set -euo pipefail
host=127.0.0.1
port=6379

answers() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h "$host" -p "$port" ping 2>/dev/null)" = "PONG" ]
  else
    exec 3<>"/dev/tcp/$host/$port" 2>/dev/null || return 1
    printf 'PING\r\n' >&3
    local reply
    read -r -t 2 reply <&3 || return 1
    exec 3>&-
    [[ "$reply" == "+PONG"* ]]
  fi
}

if answers; then
  echo "redis: using the server at $host:$port"
  exit 0
fi
if ! command -v redis-server >/dev/null 2>&1; then
  echo "redis: nothing answers at $host:$port and redis-server is not installed." >&2
  echo "       Install it (Debian/Ubuntu: apt-get install -y redis-server) or start a Redis there." >&2
  exit 1
fi
echo "redis: starting redis-server on $host:$port"
redis-server --daemonize yes --bind "$host" --port "$port" --save "" --appendonly no \
  --logfile /tmp/wingman-test-redis.log
for _ in $(seq 1 50); do
  answers && exit 0
  sleep 0.1
done
echo "redis: redis-server did not answer within 5 s (log: /tmp/wingman-test-redis.log)" >&2
exit 1
