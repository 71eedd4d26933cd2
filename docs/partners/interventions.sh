#!/bin/sh
# Example for partner agencies: list the interventions of zone 2 with the citizens' names,
# page by page, with an API token (client attached to SOCIAL_WORKER in zone 2 with the scopes
# interventions:read and citizens:identity:read). Needs curl and jq.
# The token goes to curl on its standard input (-K -), so it never shows in the process list.
set -eu
: "${SISO_URL:=http://127.0.0.1:8080}"
: "${SISO_TOKEN:?set SISO_TOKEN to the API token (siso_...)}"
after=null
while :; do
  page=$(printf 'header = "Authorization: Bearer %s"\n' "$SISO_TOKEN" |
    curl -sS --fail-with-body -K - "$SISO_URL/graphql" -H 'Content-Type: application/json' --data @- <<EOF2
{"query":"query(\$after:String){ interventions(filter:{zoneCode:\"2\"}, first:100, after:\$after){ pageInfo{hasNextPage endCursor} edges{node{ id status startDate endDate type{code labelIt} citizen{firstName lastName} }} } }","variables":{"after":$after}}
EOF2
  )
  printf '%s\n' "$page" | jq -c '.data.interventions.edges[].node'
  [ "$(printf '%s' "$page" | jq '.data.interventions.pageInfo.hasNextPage')" = true ] || break
  after=$(printf '%s' "$page" | jq '.data.interventions.pageInfo.endCursor')
done
