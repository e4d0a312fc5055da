#!/usr/bin/env bash
# lid: the command line of lid-engine. Finds a JDK 25 (JAVA_HOME if suitable, else the usual
# install places), builds on first use and whenever sources changed, then runs the program.
# Extra JVM options: LID_JAVA_OPTS (e.g. LID_JAVA_OPTS=-Xmx8g ./lid demo).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=.mvn/find-jdk.sh
. "$root/.mvn/find-jdk.sh"
jar="$root/bench/target/lid.jar"

stale() {
  [ -f "$jar" ] || return 0
  [ -n "$(find "$root" -path "$root/.git" -prune -o -path '*/target' -prune -o \
      \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$jar" -print -quit)" ]
}

if stale; then
  echo "lid: building (first use or sources changed; about a minute the first time)..." >&2
  if ! (cd "$root" && ./mvnw -q -B -Dmaven.test.skip=true -pl bench -am package >&2); then
    echo "lid: the build failed (see above); fix it or run ./mvnw -B verify for details" >&2
    exit 1
  fi
  touch "$jar"
fi

# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  ${LID_JAVA_OPTS-} -jar "$jar" "$@"
