package dev.steamcollector.http;

import java.time.Duration;

/**
 * Hears of every HTTP attempt an endpoint client makes, retries included, and of every change of an
 * endpoint's pace; the metrics listen. {@code status} is the HTTP status code as text ({@code "200"},
 * {@code "429"}), {@code "throttled"} or {@code "busy"} for a successful status whose body is a
 * throttle or busy signal, or {@code "error"} when no answer came (network error, timeout).
 * {@code duration} runs from leaving the rate gate to the end of the body.
 */
@FunctionalInterface
public interface RequestListener {

    RequestListener NONE = (endpoint, status, duration) -> {
    };

    void requestFinished(Endpoint endpoint, String status, Duration duration);

    /** The pace in force at {@code endpoint}'s gate is now {@code perSecond} requests a second. */
    default void paceChanged(Endpoint endpoint, double perSecond) {
    }
}
