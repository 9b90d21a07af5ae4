#!/usr/bin/env bash
# Smoke test of a running portfolio-api, directly or through its proxy:
#   ADMIN_TOKEN=… [METRICS_TOKEN=…] deploy/smoke-test.sh http://127.0.0.1:3000
# Checks the probes, a public read, a contact message and (with ADMIN_TOKEN) that it was stored,
# and (with METRICS_TOKEN) a scrape. Needs curl only. Exits non-zero at the first failure.
set -euo pipefail

base=${1:?usage: deploy/smoke-test.sh <base URL>}
base=${base%/}

fail() {
  echo "smoke test failed: $*" >&2
  exit 1
}

# expect <status> <method> <path> [curl options…]: prints the body when the status is the expected one.
expect() {
  local status=$1 method=$2 path=$3 out code
  shift 3
  out=$(mktemp)
  code=$(curl --silent --show-error --max-time 10 --output "$out" --write-out '%{http_code}' \
    --request "$method" "$@" "$base$path") || fail "$method $path: no answer"
  if [ "$code" != "$status" ]; then
    echo "$method $path answered $code, not $status:" >&2
    cat "$out" >&2
    rm -f "$out"
    exit 1
  fi
  cat "$out"
  rm -f "$out"
  echo "ok  $status $method $path" >&2
}

contains() {
  case $1 in
    *"$2"*) ;;
    *) fail "expected $3 to contain $2, got: $1" ;;
  esac
}

contains "$(expect 200 GET /health)" '"status":"ok"' '/health'
contains "$(expect 200 GET /ready)" '"status":"ready"' '/ready'
contains "$(expect 200 GET /api/v1/portfolio)" '"data":{' '/api/v1/portfolio'

subject="smoke test $(date +%s)-$RANDOM"
receipt=$(expect 202 POST /api/v1/contact --header 'Content-Type: application/json' \
  --data "{\"name\":\"Smoke Test\",\"email\":\"smoke@example.com\",\"subject\":\"$subject\",\"message\":\"A message from the smoke test.\"}")
contains "$receipt" '"receivedAt"' 'the contact receipt'

if [ -n "${ADMIN_TOKEN:-}" ]; then
  contains "$(expect 200 GET '/api/v1/messages?limit=100' --header "Authorization: Bearer $ADMIN_TOKEN")" "$subject" \
    'the inbox'
fi

if [ -n "${METRICS_TOKEN:-}" ]; then
  contains "$(expect 200 GET /metrics --header "Authorization: Bearer $METRICS_TOKEN")" \
    'portfolio_contact_messages_total{outcome="accepted"}' '/metrics'
fi

echo "smoke test passed: $base" >&2
