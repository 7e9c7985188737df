package dev.steamcollector.testing;

import java.util.List;

/**
 * A person's shell starts a command with the Ctrl-C (SIGINT) and hang-up (SIGHUP) signals at their
 * default, so the program can catch them. A test run started in the background ({@code &}, {@code
 * nohup}) passes them on ignored, the JVM then never catches them, and no shell can undo that
 * (POSIX); perl, always there on Debian, can. The program becomes perl's process (same pid).
 */
final class DefaultSignals {

    /** Put before a command line: resets SIGINT and SIGHUP, then runs the command in the same process. */
    static final List<String> PREFIX = List.of("perl", "-e",
            "$SIG{INT} = $SIG{HUP} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"$ARGV[0]: $!\\n\"");

    private DefaultSignals() {
    }
}
