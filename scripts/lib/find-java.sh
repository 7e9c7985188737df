# shellcheck shell=bash
# Finds a Java 21 or newer: JAVA_HOME first, then PATH, then the usual install folders (newest first).
# Source it, then call: java=$(find_java) || echo "none"

# The feature version of a java binary (21, 25, ...): from its installation's release file, which
# costs nothing, or else by asking the JVM, which costs a JVM start.
java_feature_version() {
    local release version=""
    release="$(dirname "$(dirname "$(readlink -f "$1")")")/release"
    if [ -r "$release" ]; then
        version=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release" | head -n 1)
    fi
    if [ -z "$version" ]; then
        version=$("$1" -XshowSettings:properties -version 2>&1 \
            | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1)
    fi
    echo "$version"
}

find_java() {
    local candidates=() candidate version
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
    command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
    for candidate in $(ls -d /usr/lib/jvm/*/bin/java /opt/java/*/bin/java /opt/*/bin/java \
            /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java 2>/dev/null | sort -rV); do
        candidates+=("$candidate")
    done
    for candidate in "${candidates[@]}"; do
        [ -x "$candidate" ] || continue
        version=$(java_feature_version "$candidate")
        if [ -n "$version" ] && [ "$version" -ge 21 ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}
