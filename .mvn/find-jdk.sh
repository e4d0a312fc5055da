# Sourced (POSIX sh) by ./mvnw and ./lid: make JAVA_HOME a JDK of feature version >= 25.
# Order: LID_JAVA_HOME, JAVA_HOME, the javac on PATH, then the usual install places.
# With none found it stops at once and says what to install or set.

lid_jdk_feature() { # prints the feature version (e.g. 25) of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9][0-9]*\).*/\1/p'
  fi
}

lid_find_jdk() {
  lid_glob_was_off=false
  case $- in *f*) lid_glob_was_off=true; set +f ;; esac
  lid_path_javac=$(command -v javac 2>/dev/null || true)
  lid_path_jdk=""
  if [ -n "$lid_path_javac" ]; then
    lid_path_jdk=$(dirname "$(dirname "$(readlink -f "$lid_path_javac")")")
  fi
  LID_JDK=""
  for lid_cand in "${LID_JAVA_HOME-}" "${JAVA_HOME-}" "$lid_path_jdk" \
      /usr/lib/jvm/*25* /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/*jdk* \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$lid_cand" ] && [ -d "$lid_cand" ] || continue
    lid_v=$(lid_jdk_feature "$lid_cand")
    if [ -n "$lid_v" ] && [ "$lid_v" -ge 25 ] 2>/dev/null; then LID_JDK=$lid_cand; break; fi
  done
  if $lid_glob_was_off; then set -f; fi
  if [ -z "$LID_JDK" ]; then
    {
      echo "lid-engine needs a JDK 25 or newer, and none was found."
      if [ -n "${JAVA_HOME-}" ]; then
        echo "  JAVA_HOME=$JAVA_HOME is Java $(lid_jdk_feature "$JAVA_HOME")."
      fi
      echo "  Install one (e.g. Eclipse Temurin 25: https://adoptium.net, Debian/Ubuntu package temurin-25-jdk),"
      echo "  then set JAVA_HOME (or LID_JAVA_HOME) to its folder, e.g. export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64"
    } >&2
    exit 1
  fi
  JAVA_HOME=$LID_JDK
  export JAVA_HOME
}

lid_find_jdk
