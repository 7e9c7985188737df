package dev.steamcollector.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class, or a test, whose checks hold real time to a margin that a second test JVM busy on
 * the same cores could eat: requests counted per second where they arrive, a pace measured against
 * a server's own clock, a run timed. While it runs, no other integration test runs beside it; the
 * other test JVMs wait for their turn ({@link ForkTurns}). What it checks is the same either way.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RunsAlone {

    /** Why: the check that needs the machine to itself. */
    String value();
}
