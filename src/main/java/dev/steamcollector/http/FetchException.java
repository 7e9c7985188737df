package dev.steamcollector.http;

import java.time.Duration;
import java.util.Optional;

/** A request that did not produce a usable answer. The subclasses say whether trying again can help. */
public sealed class FetchException extends RuntimeException
        permits FetchException.Retryable, FetchException.Rejected, FetchException.Invalid,
        FetchException.EndpointDown {

    private static final long serialVersionUID = 1L;

    FetchException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** A server error, a network fault, a timeout or a malformed answer: worth another try. */
    public static sealed class Retryable extends FetchException permits Throttled, Busy {
        private static final long serialVersionUID = 1L;
        private final transient Optional<Duration> retryAfter;

        public Retryable(String message, Optional<Duration> retryAfter, Throwable cause) {
            super(message, cause);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return retryAfter;
        }
    }

    /**
     * The endpoint said "too fast": its pace drops and it may pause for every worker before the
     * next try. Not a failure of the endpoint.
     */
    public static final class Throttled extends Retryable {
        private static final long serialVersionUID = 1L;

        public Throttled(String message, Optional<Duration> retryAfter) {
            super(message, retryAfter, null);
        }
    }

    /** The endpoint said "busy" (not about our pace): the request waits briefly and tries again. Not a failure of the endpoint. */
    public static final class Busy extends Retryable {
        private static final long serialVersionUID = 1L;

        public Busy(String message) {
            super(message, Optional.empty(), null);
        }
    }

    /** Whether {@code e} is a throttle or busy answer, which says nothing about the endpoint being down. */
    public static boolean isSignal(Throwable e) {
        return e instanceof Throttled || e instanceof Busy;
    }

    /** A client error such as 404 or 403: the same request will get the same answer. */
    public static final class Rejected extends FetchException {
        private static final long serialVersionUID = 1L;
        private final int status;

        public Rejected(String message, int status) {
            super(message, null);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * An answer that arrived but is not data: about another appid than the one asked, a value
     * outside any sane range, or a body larger than any real answer. It fails the game it was
     * for and is not asked again in this run: the same question would get the same answer.
     */
    public static final class Invalid extends FetchException {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message, null);
        }
    }

    /** The endpoint kept failing and its circuit breaker opened: the run should end and retry later. */
    public static final class EndpointDown extends FetchException {
        private static final long serialVersionUID = 1L;

        public EndpointDown(String message) {
            super(message, null);
        }
    }
}
