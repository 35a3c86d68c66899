#!/bin/sh
# One-shot job in apache/kafka: creates every topic named in the arguments (docker-compose.yml
# passes ALL_TOPICS from libs/contracts/src/names.ts; infra/test/docker-compose.spec.ts keeps them equal).
set -eu
: "${KAFKA_BOOTSTRAP:?set KAFKA_BOOTSTRAP}"
partitions="${TOPIC_PARTITIONS:-3}"
for topic in "$@"; do
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 1
done
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --list
