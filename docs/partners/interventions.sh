#!/bin/sh
# Example for partner agencies: list the interventions of zone 2 with the citizens' names,
# page by page, with an API token (client attached to SOCIAL_WORKER in zone 2 with the scopes
# interventions:read and citizens:identity:read). Needs curl and jq. Prints one JSON object
# per intervention.
#
# The token goes to curl on its standard input (-K -), so it never shows in the process list;
# the request body (no secret in it) goes as an argument. A 503 (the service is briefly
# unavailable, or a process is shutting down) and RATE_LIMITED are retried after the wait the
# server asks for; any other error stops the script with the server's message.
set -eu
: "${SISO_URL:=http://127.0.0.1:8080}"
: "${SISO_TOKEN:?set SISO_TOKEN to the API token (siso_...)}"
query='query($after:String){ interventions(filter:{zoneCode:"2"}, first:100, after:$after){ pageInfo{hasNextPage endCursor} edges{node{ id status startDate endDate type{code labelIt} citizen{firstName lastName} }} } }'
headers=$(mktemp)
trap 'rm -f "$headers"' EXIT
after=null
tries=0
while :; do
  body=$(jq -cn --arg q "$query" --argjson after "$after" '{query: $q, variables: {after: $after}}')
  status=0
  page=$(printf 'header = "Authorization: Bearer %s"\n' "$SISO_TOKEN" |
    curl -sS -K - -D "$headers" -o - -w '\n%{http_code}' "$SISO_URL/graphql" \
      -H 'Content-Type: application/json' --data "$body") || status=$?
  code=$(printf '%s' "$page" | tail -n 1)
  page=$(printf '%s' "$page" | sed '$d')
  wait=$(sed -n 's/^[Rr]etry-[Aa]fter: *\([0-9]*\).*/\1/p' "$headers")
  if [ "$status" -ne 0 ] || [ "$code" = 503 ] ||
     [ "$(printf '%s' "$page" | jq -r '.errors[0].extensions.code // empty' 2>/dev/null)" = RATE_LIMITED ]; then
    tries=$((tries + 1))
    [ "$tries" -le 5 ] || { echo "giving up after $tries tries (HTTP $code)" >&2; exit 1; }
    [ -n "$wait" ] || wait=$(printf '%s' "$page" | jq -r '.errors[0].extensions.retryAfterSeconds // 2' 2>/dev/null || echo 2)
    sleep "${wait:-2}"
    continue
  fi
  tries=0
  if [ "$(printf '%s' "$page" | jq '.errors | length')" != 0 ]; then
    printf '%s' "$page" | jq -r '.errors[] | "error: \(.extensions.code // ""): \(.message)"' >&2
    exit 1
  fi
  printf '%s\n' "$page" | jq -c '.data.interventions.edges[].node'
  [ "$(printf '%s' "$page" | jq '.data.interventions.pageInfo.hasNextPage')" = true ] || break
  after=$(printf '%s' "$page" | jq '.data.interventions.pageInfo.endCursor')
done
