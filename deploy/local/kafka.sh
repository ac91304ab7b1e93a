#!/usr/bin/env bash
# Fetches (Maven Central), starts, stops and reports a single-node Apache Kafka broker (KRaft).
# Usage: kafka.sh fetch|start|stop|status
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KAFKA_HOME="$LOCAL_DIR/kafka-$KAFKA_VERSION"
LIBS="$KAFKA_HOME/libs"
KAFKA_DATA="$DATA_DIR/kafka-$KAFKA_PORT"
CONFIG="$RUN_DIR/kafka-server.properties"
LOG="$RUN_DIR/kafka.log"
HERE="$ROOT/deploy/local/kafka"

fetch() {
  if [ -f "$KAFKA_HOME/.complete" ]; then return 0; fi
  command -v mvn >/dev/null || die "Maven (mvn) is needed to fetch Kafka jars"
  command -v java >/dev/null || die "Java 17+ is needed to run Kafka"
  say "fetching Apache Kafka $KAFKA_VERSION jars from Maven Central (first run only)"
  rm -rf "$LIBS"
  mvn -q -B -f "$HERE/pom.xml" dependency:copy-dependencies \
    -Dkafka.version="$KAFKA_VERSION" -Dlog4j.version="$LOG4J_VERSION" -Dstyle.color=never \
    -DincludeScope=runtime -DoutputDirectory="$LIBS" 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^$/d' \
    || die "could not fetch org.apache.kafka:kafka_2.13:$KAFKA_VERSION from Maven Central"
  ls "$LIBS"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null 2>&1 || die "Kafka jar missing after fetch"
  touch "$KAFKA_HOME/.complete"
}

java_run() {
  java -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$HERE/log4j2.properties" -cp "$LIBS/*" "$@"
}

start() {
  if pid="$(live_pid kafka)"; then
    say "kafka already running (pid $pid) on 127.0.0.1:$KAFKA_PORT"
    return 0
  fi
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by another process"
  fetch
  mkdir -p "$KAFKA_DATA"
  sed -e "s#@PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" \
    -e "s#@DATA_DIR@#$KAFKA_DATA#g" "$HERE/server.properties.template" >"$CONFIG"
  if [ ! -f "$KAFKA_DATA/meta.properties" ]; then
    say "formatting kafka storage in $KAFKA_DATA"
    java_run kafka.tools.StorageTool format -t "$(java_run kafka.tools.StorageTool random-uuid)" \
      -c "$CONFIG" -g >>"$LOG" 2>&1 || die "kafka storage format failed; see $LOG"
  fi
  say "starting kafka $KAFKA_VERSION on 127.0.0.1:$KAFKA_PORT"
  nohup java -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$HERE/log4j2.properties" -cp "$LIBS/*" \
    kafka.Kafka "$CONFIG" >>"$LOG" 2>&1 &
  echo $! >"$RUN_DIR/kafka.pid"
  wait_port kafka "$KAFKA_PORT" 90 "$LOG"
  "$ROOT/.venv/bin/python" "$ROOT/deploy/local/ready.py" kafka "127.0.0.1:$KAFKA_PORT" --seconds 60 \
    || die "kafka did not answer a metadata request; see $LOG"
  say "kafka ready"
}

status() {
  if pid="$(live_pid kafka)"; then
    say "kafka: running (pid $pid) on 127.0.0.1:$KAFKA_PORT, data $KAFKA_DATA"
  else
    say "kafka: stopped"
  fi
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop_pid kafka ;;
  status) status ;;
  *) die "usage: kafka.sh fetch|start|stop|status" ;;
esac
