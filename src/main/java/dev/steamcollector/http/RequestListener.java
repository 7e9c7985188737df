package dev.steamcollector.http;

import java.time.Duration;

/**
 * Hears of every HTTP attempt an endpoint client makes, retries included; the metrics listen.
 * {@code status} is the HTTP status code as text ({@code "200"}, {@code "429"}), {@code "throttled"}
 * for a successful status whose body is a throttle signal, or {@code "error"} when no answer came
 * (network error, timeout). {@code duration} runs from leaving the rate gate to the end of the body.
 */
@FunctionalInterface
public interface RequestListener {

    RequestListener NONE = (endpoint, status, duration) -> {
    };

    void requestFinished(Endpoint endpoint, String status, Duration duration);
}
