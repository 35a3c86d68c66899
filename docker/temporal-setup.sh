#!/bin/sh
# One-shot job in temporalio/admin-tools: creates namespace $TEMPORAL_NAMESPACE and registers the
# custom search attributes given as NAME=Type arguments (docker-compose.yml passes the list from
# libs/contracts/src/search-attributes.ts; infra/test/docker-compose.spec.ts keeps them equal).
# Safe to run again: existing namespace and attributes are left alone.
set -eu
: "${TEMPORAL_ADDRESS:?set TEMPORAL_ADDRESS}" "${TEMPORAL_NAMESPACE:?set TEMPORAL_NAMESPACE}"
retention="${TEMPORAL_NAMESPACE_RETENTION:-72h}"

retry() {
  what="$1"
  shift
  tries=0
  until "$@"; do
    tries=$((tries + 1))
    if [ "$tries" -ge 60 ]; then
      echo "temporal-setup: gave up: $what" >&2
      exit 1
    fi
    sleep 2
  done
}

retry "cluster health at $TEMPORAL_ADDRESS" temporal operator cluster health

if temporal operator namespace describe --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; then
  echo "temporal-setup: namespace $TEMPORAL_NAMESPACE exists"
else
  temporal operator namespace create --namespace "$TEMPORAL_NAMESPACE" --retention "$retention"
  retry "namespace $TEMPORAL_NAMESPACE visible" temporal operator namespace describe --namespace "$TEMPORAL_NAMESPACE"
fi

existing="$(temporal operator search-attribute list --namespace "$TEMPORAL_NAMESPACE")"
for spec in "$@"; do
  name="${spec%%=*}"
  type="${spec#*=}"
  if printf '%s\n' "$existing" | grep -qw -- "$name"; then
    echo "temporal-setup: search attribute $name exists"
  else
    retry "search attribute $name" temporal operator search-attribute create --namespace "$TEMPORAL_NAMESPACE" --name "$name" --type "$type"
    echo "temporal-setup: search attribute $name ($type) created"
  fi
done
