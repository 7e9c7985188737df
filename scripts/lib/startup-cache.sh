# shellcheck shell=bash
# The start-up cache of Java 24 and newer (JEP 483, -XX:AOTCache): the classes the commands load,
# already parsed and linked, so that a start takes a fraction of the time. One cache per jar and
# Java, made once in the background by a training run (dev.steamcollector.cli.StartupTraining)
# and made again when the jar or the Java changes. STEAM_COLLECTOR_AOT=off starts without one.
# Source it, then call startup_cache_options JAVA JAR and pass "${startup_cache[@]}" to java.

startup_cache_dir() {
    echo "${STEAM_COLLECTOR_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/steam-collector}"
}

# What the cache was made from: when any of it changes, the cache is made again.
startup_cache_stamp() {
    local java=$1 jar=$2
    echo "$(readlink -f "$jar") $(stat -c '%Y %s' "$jar") $(readlink -f "$java")" \
        "$(stat -c '%Y' "$(dirname "$(dirname "$(readlink -f "$java")")")/release" 2>/dev/null)"
}

# Sets startup_cache to the JVM options that use the cache, when it is ready; otherwise starts
# making it, in the background, and leaves them empty. Never fails: without a cache the program
# only starts slower.
startup_cache=()
startup_cache_options() {
    local java=$1 jar=$2 version dir name stamp
    startup_cache=()
    [ "${STEAM_COLLECTOR_AOT:-on}" != off ] || return 0
    version=$(java_feature_version "$java")
    [ -n "$version" ] && [ "$version" -ge 24 ] || return 0
    dir=$(startup_cache_dir)
    mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ] || return 0
    # GNU stat tells when the jar changed; without it there is no telling when to make the cache again
    stat -c '%Y' "$jar" >/dev/null 2>&1 || return 0
    # one cache per jar path and Java, replaced when either changes
    name="$dir/$(echo "$(readlink -f "$jar") $(readlink -f "$java")" | cksum | cut -d ' ' -f 1)"
    stamp=$(startup_cache_stamp "$java" "$jar")
    if [ -f "$name.aot" ] && [ "$(cat "$name.stamp" 2>/dev/null)" = "$stamp" ]; then
        # a cache the JVM cannot use after all is passed over in silence, not reported on stdout
        startup_cache=("-XX:AOTCache=$name.aot" "-Xlog:aot*=off,cds*=off")
        return 0
    fi
    # mkdir is atomic: one maker at a time; a maker that died long ago leaves a lock we take over
    if mkdir "$name.lock" 2>/dev/null || { [ -n "$(find "$name.lock" -maxdepth 0 -mmin +30 2>/dev/null)" ] \
            && rm -rf "$name.lock" && mkdir "$name.lock" 2>/dev/null; }; then
        (startup_cache_make "$java" "$jar" "$name" "$stamp" >"$name.log" 2>&1 </dev/null &)
    fi
    return 0
}

startup_cache_make() {
    local java=$1 jar=$2 name=$3 stamp=$4 training
    training=$(mktemp -d)
    trap 'rm -rf "$name.lock" "$name.aotconf" "$name.aot.new" "$training"' EXIT
    rm -f "$name.aot" "$name.stamp"
    "$java" --enable-native-access=ALL-UNNAMED -cp "$jar" dev.steamcollector.cli.StartupTraining prepare "$training" \
    && "$java" -XX:AOTMode=record -XX:AOTConfiguration="$name.aotconf" --enable-native-access=ALL-UNNAMED \
        -cp "$jar" dev.steamcollector.cli.StartupTraining run "$training" \
    && "$java" -XX:AOTMode=create -XX:AOTConfiguration="$name.aotconf" -XX:AOTCache="$name.aot.new" \
        --enable-native-access=ALL-UNNAMED -cp "$jar" \
    && mv "$name.aot.new" "$name.aot" \
    && echo "$stamp" > "$name.stamp"
}
