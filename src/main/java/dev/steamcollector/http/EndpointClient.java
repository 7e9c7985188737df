package dev.steamcollector.http;

import dev.steamcollector.http.ResponseClassifier.Classification;
import dev.steamcollector.http.ResponseClassifier.Verdict;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET requests to one endpoint through its rate gate, with retries, throttle pauses shared by all
 * workers, and a circuit breaker that gives up on an endpoint that stays down.
 */
public final class EndpointClient {

    private static final Logger log = LoggerFactory.getLogger(EndpointClient.class);
    /** A 403 this soon after a 429 is the endpoint saying "hammered", not "forbidden". */
    private static final long THROTTLE_MEMORY_NANOS = Duration.ofMinutes(10).toNanos();

    private final Endpoint endpoint;
    private final OkHttpClient http;
    private final RateGate gate;
    private final RetryPolicy policy;
    private final Ticker ticker;
    private final RequestListener listener;
    private final EndpointStats stats = new EndpointStats();
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final AtomicInteger consecutiveThrottles = new AtomicInteger();
    private final ReentrantLock pauseLock = new ReentrantLock();
    private final AtomicLong last429 = new AtomicLong(Long.MIN_VALUE);

    EndpointClient(Endpoint endpoint, OkHttpClient http, RateGate gate, RetryPolicy policy, Ticker ticker,
            RequestListener listener) {
        this.endpoint = endpoint;
        this.http = http;
        this.gate = gate;
        this.policy = policy;
        this.ticker = ticker;
        this.listener = listener;
        this.breaker = CircuitBreaker.of(endpoint.label(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.breakerFailures())
                .minimumNumberOfCalls(policy.breakerFailures())
                .failureRateThreshold(100)
                .recordException(e -> e instanceof FetchException.Retryable)
                .waitDurationInOpenState(Duration.ofDays(1))
                .build());
        this.retry = Retry.of(endpoint.label(), RetryConfig.custom()
                .maxAttempts(policy.retries() + 1)
                .retryOnException(e -> e instanceof FetchException.Retryable)
                .intervalBiFunction((attempt, outcome) -> waitBeforeRetry(attempt, outcome.swap().getOrNull()))
                .failAfterMaxAttempts(false)
                .build());
        retry.getEventPublisher().onRetry(event -> {
            stats.retried();
            log.debug("{}: retry {} after {}", endpoint.displayName(), event.getNumberOfRetryAttempts(),
                    event.getLastThrowable().getMessage());
        });
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public EndpointStats.Snapshot stats() {
        return stats.snapshot();
    }

    public RateGate gate() {
        return gate;
    }

    /**
     * Fetches {@code url} and parses the answer. {@code what} names the request in messages (never
     * the URL, which may carry the API key).
     *
     * @throws FetchException when every try failed, the answer was a client error, or the endpoint is down
     * @throws CancellationException when the calling thread is interrupted
     */
    public <T> T get(HttpUrl url, String what, BodyParser<T> parser) {
        CheckedSupplier<T> attempt = () -> attemptOnce(url, what, parser);
        try {
            return breaker.executeCheckedSupplier(Retry.decorateCheckedSupplier(retry, attempt));
        } catch (CallNotPermittedException open) {
            throw new FetchException.EndpointDown(endpoint.displayName() + " keeps failing ("
                    + policy.breakerFailures() + " requests in a row failed after retries); giving up for this run");
        } catch (FetchException e) {
            stats.failed();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while fetching " + what);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T attemptOnce(HttpUrl url, String what, BodyParser<T> parser) throws InterruptedException {
        stats.requestSent();
        GateExit sent = new GateExit(ticker.nanoTime());
        // the gate is taken in a network interceptor, right before the request is written
        Request request = new Request.Builder().url(url).get()
                .tag(RateGate.class, gate).tag(GateExit.class, sent).build();
        String body;
        int status;
        Optional<Duration> retryAfter;
        try (Response response = http.newCall(request).execute()) {
            status = response.code();
            retryAfter = ResponseClassifier.parseRetryAfter(response.header("Retry-After"), Instant.now());
            body = readBody(response, what, sent);
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted");
            }
            finished(sent, "error");
            throw new FetchException.Retryable(describe(what, "timed out"), Optional.empty(), e);
        } catch (IOException e) {
            finished(sent, "error");
            throw new FetchException.Retryable(describe(what, "network error: " + e.getMessage()), Optional.empty(), e);
        }
        if (status == 429) {
            last429.set(ticker.nanoTime());
        }
        Classification verdict = ResponseClassifier.classify(status, body, throttledRecently());
        boolean throttleBody = verdict.verdict() == Verdict.THROTTLED && status / 100 == 2;
        finished(sent, throttleBody ? "throttled" : Integer.toString(status));
        return switch (verdict.verdict()) {
            case SUCCESS -> parse(what, parser, body);
            case THROTTLED -> throw throttled(what, verdict.reason(), retryAfter);
            case RETRY -> throw new FetchException.Retryable(describe(what, verdict.reason()), retryAfter, null);
            case REJECTED -> throw new FetchException.Rejected(describe(what, verdict.reason()), status);
        };
    }

    /** The body, refused past what any real answer of this endpoint weighs (not retried: it would come back as large). */
    private String readBody(Response response, String what, GateExit sent) throws IOException {
        try {
            return AnswerLimit.read(response.body(), AnswerLimit.of(endpoint));
        } catch (AnswerLimit.TooLarge e) {
            finished(sent, Integer.toString(response.code()));
            throw invalid(what, e.getMessage());
        }
    }

    private FetchException.Invalid invalid(String what, String reason) {
        FetchException.Invalid invalid = new FetchException.Invalid(describe(what, reason));
        log.warn("{}; not stored", invalid.getMessage());
        return invalid;
    }

    private void finished(GateExit sent, String status) {
        listener.requestFinished(endpoint, status, sent.until(ticker.nanoTime()));
    }

    private <T> T parse(String what, BodyParser<T> parser, String body) {
        T value;
        try {
            value = parser.parse(body);
        } catch (FetchException.Invalid e) {
            throw invalid(what, e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (e instanceof FetchException fetch) {
                throw fetch;
            }
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new FetchException.Retryable(describe(what, "malformed answer: " + reason), Optional.empty(), e);
        }
        consecutiveThrottles.set(0);
        return value;
    }

    private FetchException.Throttled throttled(String what, String reason, Optional<Duration> retryAfter) {
        // several workers may see the same throttle at once: the first one sets the pause
        pauseLock.lock();
        try {
            if (gate.remainingPause().isZero()) {
                Duration pause = policy.pauseAfterThrottle(consecutiveThrottles.incrementAndGet(), retryAfter);
                gate.pause(pause);
                stats.paused();
                log.warn("{} is throttling ({}): pausing all its requests for {}s", endpoint.displayName(), reason,
                        pause.toSeconds());
            }
        } finally {
            pauseLock.unlock();
        }
        return new FetchException.Throttled(describe(what, "throttled: " + reason), retryAfter);
    }

    private long waitBeforeRetry(int attempt, Throwable failure) {
        if (failure instanceof FetchException.Throttled) {
            return 1; // the gate holds the next try until the pause ends
        }
        Optional<Duration> retryAfter = failure instanceof FetchException.Retryable r ? r.retryAfter() : Optional.empty();
        return Math.max(1, policy.backoff(attempt, retryAfter, ThreadLocalRandom.current()::nextDouble).toMillis());
    }

    private boolean throttledRecently() {
        long seen = last429.get();
        return seen != Long.MIN_VALUE && ticker.nanoTime() - seen < THROTTLE_MEMORY_NANOS;
    }

    private String describe(String what, String reason) {
        return endpoint.displayName() + " " + what + ": " + reason;
    }
}
