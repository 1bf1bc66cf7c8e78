# Sourced by ./mvnw and the project's scripts: selects a JDK >= 21.
# Order: JAVA_HOME if it is 21+, else the newest 21+ JDK under /usr/lib/jvm. Fails loudly otherwise.
care_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}
care_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(care_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then return 0; fi
    echo "care-orchestrator: JAVA_HOME=$JAVA_HOME is Java $major; looking for a JDK >= 21 under /usr/lib/jvm" >&2
  fi
  best=""; best_major=0
  for dir in /usr/lib/jvm/*; do
    [ -x "$dir/bin/javac" ] || continue
    major=$(care_java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$dir"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "care-orchestrator: no JDK >= 21 found (JAVA_HOME unset or too old, nothing suitable under /usr/lib/jvm)." >&2
    echo "Install a JDK 21 or newer (for example Temurin 21/25) and set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME="$best"; export JAVA_HOME
}
care_find_jdk || exit 1
