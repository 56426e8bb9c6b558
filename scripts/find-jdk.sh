# Sourced by ./strata and .ci/run: sets STRATA_JAVA_HOME to a JDK 25 or newer, or explains what
# is missing. Tries $JAVA_HOME, then the JDKs under /usr/lib/jvm, then javac on the PATH.

strata_java_major() { # prints the feature version of the JDK at $1, or nothing
  local release="$1/release"
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
  else
    "$1/bin/javac" -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p'
  fi
}

strata_find_jdk() {
  local candidates=() c major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for c in /usr/lib/jvm/*; do [ -d "$c" ] && candidates+=("$c"); done
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for c in "${candidates[@]}"; do
    major=$(strata_java_major "$c")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      STRATA_JAVA_HOME="$c"
      export STRATA_JAVA_HOME
      return 0
    fi
  done
  {
    echo "strata: no JDK 25 or newer found."
    echo "  looked at: \$JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm/*, and javac on the PATH"
    for c in "${candidates[@]}"; do echo "    $c -> version ${c:+$(strata_java_major "$c")}"; done
    echo "  install one (for example Debian's or Temurin's JDK 25) and/or set JAVA_HOME to it."
  } >&2
  return 1
}
