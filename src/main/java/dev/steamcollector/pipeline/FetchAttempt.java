package dev.steamcollector.pipeline;

import dev.steamcollector.http.FetchException;
import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.FetchOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one client call into a per-game outcome: an answer is data, an empty one is not found, a
 * failed request is a failure due again after the {@link FailureBackoff}. A dead endpoint and a
 * cancelled call go on up.
 */
public record FetchAttempt(Clock clock, FailureBackoff backoff) {

    private static final Logger log = LoggerFactory.getLogger(FetchAttempt.class);

    /** A client call for one appid; empty when the source does not know the game. */
    @FunctionalInterface
    public interface Call<T> {
        Optional<T> fetch(int appId);
    }

    public <T> FetchOutcome<T> of(DueGame game, Call<T> call) {
        Instant at = clock.instant();
        try {
            Optional<T> data = call.fetch(game.appId());
            return data.<FetchOutcome<T>>map(value -> new FetchOutcome.Fetched<>(game.appId(), value, at))
                    .orElseGet(() -> new FetchOutcome.NotFound<>(game.appId(), at));
        } catch (FetchException.EndpointDown | CancellationException e) {
            throw e;
        } catch (FetchException e) {
            return failed(game, e.getMessage(), at);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("cancelled while fetching " + game.appId());
            }
            log.debug("Fetching {} failed unexpectedly", game.appId(), e);
            return failed(game, String.valueOf(e.getMessage()), at);
        }
    }

    private <T> FetchOutcome<T> failed(DueGame game, String error, Instant at) {
        return new FetchOutcome.Failed<>(game.appId(), error, at, backoff.retryAt(game.fetchAttempts() + 1, at));
    }
}
