package dev.steamcollector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steamcollector.http.FetchException;
import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.FetchOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** How a client call becomes a per-game outcome. */
class FetchAttemptTest {

    static final Instant NOW = Instant.parse("2026-11-21T03:00:00Z");
    final FetchAttempt attempt = new FetchAttempt(Clock.fixed(NOW, ZoneOffset.UTC), new FailureBackoff(3));

    @Test
    void anAnswerIsDataAndNoAnswerIsNotFound() {
        assertThat(attempt.of(new DueGame(10, 0), id -> Optional.of("game " + id)))
                .isEqualTo(new FetchOutcome.Fetched<>(10, "game 10", NOW));
        assertThat(attempt.of(new DueGame(10, 0), id -> Optional.empty()))
                .isEqualTo(new FetchOutcome.NotFound<>(10, NOW));
    }

    @Test
    void aFailedRequestIsAFailureDueAgainAfterTheBackoffOfItsFailuresInARow() {
        FetchOutcome<String> outcome = attempt.of(new DueGame(10, 1), id -> {
            throw new FetchException.Retryable("Steam Store appdetails 10: HTTP 503", Optional.empty(), null);
        });

        // the second failure in a row: due again an hour later
        assertThat(outcome).isEqualTo(new FetchOutcome.Failed<>(10, "Steam Store appdetails 10: HTTP 503", NOW,
                NOW.plus(Duration.ofHours(1))));
    }

    @Test
    void aDeadEndpointAndACancelGoOnUp() {
        assertThatThrownBy(() -> attempt.of(new DueGame(10, 0), id -> {
            throw new FetchException.EndpointDown("down");
        })).isInstanceOf(FetchException.EndpointDown.class);
        assertThatThrownBy(() -> attempt.of(new DueGame(10, 0), id -> {
            throw new CancellationException("cancelled");
        })).isInstanceOf(CancellationException.class);
    }
}
