# shellcheck shell=bash
# Finds a Java 21 or newer: JAVA_HOME first, then PATH, then the usual install folders (newest first).
# Source it, then call: java=$(find_java) || echo "none"
# Every process started here delays each start of the program: shell built-ins where they do.

# The feature version of a java binary (21, 25, ...): from its installation's release file, which
# costs nothing, or else by asking the JVM, which costs a JVM start.
java_feature_version() {
    local java line version=""
    java=$(readlink -f "$1")
    if [ -r "${java%/bin/*}/release" ]; then
        while IFS= read -r line; do
            case $line in
                JAVA_VERSION=\"*) version=${line#JAVA_VERSION=\"}; version=${version%%[!0-9]*}; break ;;
            esac
        done < "${java%/bin/*}/release"
    fi
    if [ -z "$version" ]; then
        version=$("$1" -XshowSettings:properties -version 2>&1 \
            | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1)
    fi
    echo "$version"
}

# Succeeds when $1 is a Java 21 or newer.
java_is_recent() {
    local version
    [ -x "$1" ] || return 1
    version=$(java_feature_version "$1")
    [ -n "$version" ] && [ "$version" -ge 21 ]
}

find_java() {
    local candidate
    for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null)"; do
        if [ -n "$candidate" ] && java_is_recent "$candidate"; then
            echo "$candidate"
            return 0
        fi
    done
    for candidate in $(printf '%s\n' /usr/lib/jvm/*/bin/java /opt/java/*/bin/java /opt/*/bin/java \
            /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java | sort -rV); do
        if java_is_recent "$candidate"; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}
