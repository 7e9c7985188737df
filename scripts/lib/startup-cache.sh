# shellcheck shell=bash
# The start-up cache of Java 24 and newer (JEP 483, -XX:AOTCache): the classes the commands load,
# already parsed and linked, so that a start takes a fraction of the time. One cache per jar and
# Java, made once in the background by a training run (dev.steamcollector.cli.StartupTraining)
# and made again when the jar or the Java changes. STEAM_COLLECTOR_AOT=off starts without one.
# Source it, then call startup_cache_options JAVA JAR and pass "${startup_cache[@]}" to java.

startup_cache=()
# Sets startup_cache to the JVM options that use the cache, when it is ready; otherwise starts
# making it, in the background, and leaves them empty. Never fails: without a cache the program
# only starts slower. Shell built-ins where they do: every process started here delays each start.
startup_cache_options() {
    local java=$1 jar=$2 version dir paths jar_path java_path name stamp saved="" library
    startup_cache=()
    [ "${STEAM_COLLECTOR_AOT:-on}" != off ] || return 0
    version=$(java_feature_version "$java")
    [ -n "$version" ] && [ "$version" -ge 24 ] || return 0
    dir=${STEAM_COLLECTOR_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/steam-collector}
    [ -d "$dir" ] || mkdir -p "$dir" 2>/dev/null || return 0
    [ -w "$dir" ] || return 0
    # one cache per jar path and Java, made again when either changes (GNU stat tells when)
    paths=$(readlink -f "$jar" "$java") || return 0
    jar_path=${paths%%$'\n'*}
    java_path=${paths#*$'\n'}
    stamp=$(stat -c '%Y %s' "$jar_path" "${java_path%/bin/*}/release" 2>/dev/null) || return 0
    stamp="$jar_path $java_path ${stamp//$'\n'/ }"
    name=$(printf '%s' "$jar_path $java_path" | cksum)
    name="$dir/${name%% *}"
    if [ -r "$name.stamp" ]; then
        read -r saved < "$name.stamp" || true
    fi
    if [ -f "$name.aot" ] && [ "$saved" = "$stamp" ]; then
        # a cache the JVM cannot use after all is passed over in silence, not reported on stdout
        startup_cache=("-XX:AOTCache=$name.aot" "-Xlog:aot*=off,cds*=off")
        for library in "$name.native"/*; do
            if [ -f "$library" ]; then
                startup_cache+=("-Dorg.sqlite.lib.path=$name.native" "-Dorg.sqlite.lib.name=${library##*/}")
            fi
        done
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
    rm -rf "$name.aot" "$name.stamp" "$name.native"
    # SQLite's native library, unpacked once rather than at every start (without it, the driver unpacks its own)
    "$java" --enable-native-access=ALL-UNNAMED -cp "$jar" dev.steamcollector.cli.StartupTraining native "$name.native" \
        || rm -rf "$name.native"
    "$java" --enable-native-access=ALL-UNNAMED -cp "$jar" dev.steamcollector.cli.StartupTraining prepare "$training" \
    && "$java" -XX:AOTMode=record -XX:AOTConfiguration="$name.aotconf" --enable-native-access=ALL-UNNAMED \
        -cp "$jar" dev.steamcollector.cli.StartupTraining run "$training" \
    && "$java" -XX:AOTMode=create -XX:AOTConfiguration="$name.aotconf" -XX:AOTCache="$name.aot.new" \
        --enable-native-access=ALL-UNNAMED -cp "$jar" \
    && mv "$name.aot.new" "$name.aot" \
    && echo "$stamp" > "$name.stamp"
}
