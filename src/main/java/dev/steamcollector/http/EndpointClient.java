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
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET requests to one endpoint through its rate gate, with retries, a pace that slows on "too
 * fast" answers and climbs back while answers are clean, brief waits on "busy" answers, and a
 * circuit breaker that gives up on an endpoint that stays down. Throttle and busy answers are not
 * failures of the endpoint: they neither use up a request's retries nor count for the breaker.
 */
public final class EndpointClient {

    private static final Logger log = LoggerFactory.getLogger(EndpointClient.class);
    /** A 403 this soon after a 429 is the endpoint saying "hammered", not "forbidden". */
    private static final long THROTTLE_MEMORY_NANOS = Duration.ofMinutes(10).toNanos();
    /** How long before its turn a request takes its connection (the gate in the network interceptor does the rest). */
    static final Duration TURN_LEAD = Duration.ofSeconds(2);

    private final Endpoint endpoint;
    private final OkHttpClient http;
    private final RateGate gate;
    private final PaceController pace;
    private final RetryPolicy policy;
    private final Ticker ticker;
    private final RequestListener listener;
    private final EndpointStats stats = new EndpointStats();
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final AtomicLong last429 = new AtomicLong(Long.MIN_VALUE);

    EndpointClient(Endpoint endpoint, OkHttpClient http, RateGate gate, RetryPolicy policy, Ticker ticker,
            RequestListener listener) {
        this.endpoint = endpoint;
        this.http = http;
        this.gate = gate;
        this.pace = gate.pace();
        this.policy = policy;
        this.ticker = ticker;
        this.listener = listener;
        this.breaker = CircuitBreaker.of(endpoint.label(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.breakerFailures())
                .minimumNumberOfCalls(policy.breakerFailures())
                .failureRateThreshold(100)
                .recordException(e -> e instanceof FetchException.Retryable)
                // a request that ended on a throttle or busy answer says nothing about the endpoint being down
                .ignoreException(FetchException::isSignal)
                .waitDurationInOpenState(Duration.ofDays(1))
                .build());
        this.retry = Retry.of(endpoint.label(), RetryConfig.custom()
                .maxAttempts(policy.retries() + 1)
                .retryOnException(e -> e instanceof FetchException.Retryable && !FetchException.isSignal(e))
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
        CheckedSupplier<T> attempt = () -> attemptThroughSignals(url, what, parser);
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
        } catch (RuntimeException | Error e) {
            // an Error (out of memory) ends the run; wrapped, it would pass for one game's failure
            throw e;
        } catch (Throwable e) {
            // the attempts throw no other checked exception; should one appear, it is a bug to see
            throw new IllegalStateException(e);
        }
    }

    /**
     * One try in the retry policy's sense: throttle and busy answers are tried again here, after
     * the endpoint's pause, or a brief wait of this request's own for a busy answer while the pace is
     * not cut (one at random), without using up a retry. A try
     * whose answer lowered the endpoint's pace does not count against {@link RetryPolicy#SIGNALLED_TRIES}:
     * while the pace is still coming down to a server's limit, however far below the configured one,
     * the request waits for it.
     */
    private <T> T attemptThroughSignals(HttpUrl url, String what, BodyParser<T> parser) throws InterruptedException {
        for (int tries = 0; ; ) {
            double before = pace.perSecond();
            try {
                return attemptOnce(url, what, parser);
            } catch (FetchException.Throttled | FetchException.Busy signal) {
                if (pace.perSecond() >= before && ++tries >= RetryPolicy.SIGNALLED_TRIES) {
                    throw signal;
                }
                stats.retried();
                // while the pace is cut, the gate spaces the retry at the slower pace: a worker waiting on its own
                // besides would leave the gate without requests (and the server's limit unused) for a second or two
                if (signal instanceof FetchException.Busy && !pace.slowed()) {
                    ticker.sleep(policy.backoff(1, Optional.empty(), ThreadLocalRandom.current()::nextDouble).toNanos());
                }
            }
        }
    }

    private <T> T attemptOnce(HttpUrl url, String what, BodyParser<T> parser) throws InterruptedException {
        // a pause is waited out before the request starts, so it never counts against the request's timeout;
        // so is most of the wait for the turn, so the connection is not taken long before the request leaves
        gate.awaitNextTurnWithin(TURN_LEAD);
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
            retryAfter = ResponseClassifier.parseRetryAfter(response.header("Retry-After"), ticker.instant());
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
        finished(sent, statusLabel(verdict.verdict(), status));
        return switch (verdict.verdict()) {
            case SUCCESS -> {
                pace.clean(sent.nanos());
                listener.paceChanged(endpoint, pace.perSecond());
                yield parse(what, parser, body);
            }
            case THROTTLED -> throw throttled(what, verdict.reason(), retryAfter, sent);
            case BUSY -> throw busy(what, verdict.reason(), sent);
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

    /** A throttle or busy signal in a successful status is labelled as such; anything else by its status. */
    private static String statusLabel(Verdict verdict, int status) {
        if (status / 100 == 2 && (verdict == Verdict.THROTTLED || verdict == Verdict.BUSY)) {
            return verdict.name().toLowerCase(Locale.ROOT);
        }
        return Integer.toString(status);
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
        return value;
    }

    private FetchException.Throttled throttled(String what, String reason, Optional<Duration> retryAfter,
            GateExit sent) {
        react(pace.tooFast(sent.nanos(), retryAfter), "says too fast (" + reason + ")");
        return new FetchException.Throttled(describe(what, "throttled: " + reason), retryAfter);
    }

    private FetchException.Busy busy(String what, String reason, GateExit sent) {
        react(pace.busy(sent.nanos()), "answers busy too often (" + reason + ")");
        return new FetchException.Busy(describe(what, "busy: " + reason));
    }

    /** Applies a signal's pause to every worker of the endpoint and tells of a slower pace. */
    private void react(PaceController.Reaction reaction, String why) {
        if (reaction.cut() || !reaction.pause().isZero()) {
            // even a zero pause voids the slots taken at the old pace
            gate.pause(reaction.pause());
            stats.paused();
        }
        if (reaction.cut()) {
            PaceController.Snapshot now = pace.snapshot(ticker.instant());
            listener.paceChanged(endpoint, now.perSecond());
            // the first slowdown is news; later ones are the pace settling, counted in the run's summary
            if (now.slowdowns() == 1) {
                log.warn("{} {}: slowing down to {} (limit {}); the pace climbs back while answers are clean",
                        endpoint.displayName(), why, now.limit().formatRate(now.perSecond()), now.limit());
            } else {
                log.debug("{} {}: pace {}, paused for {} ms", endpoint.displayName(), why,
                        now.limit().formatRate(now.perSecond()), reaction.pause().toMillis());
            }
        } else if (reaction.pause().compareTo(Duration.ofSeconds(1)) >= 0) {
            log.info("{} {} again: all its requests wait {} s", endpoint.displayName(), why,
                    reaction.pause().toSeconds());
        }
    }

    private long waitBeforeRetry(int attempt, Throwable failure) {
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
