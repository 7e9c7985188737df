package dev.steamcollector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The page pass beside the per-game sources, with hand-written lanes and passes. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SideBySideTest {

    final StopSignal stop = new StopSignal();
    final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void lanesRunBesideThePassAndTheirSecondRoundWaitsForItsEnd() {
        CountDownLatch lanesStarted = new CountDownLatch(2);
        Runnable pass = () -> {
            // the pass ends only once both lanes are running: they run beside it, not after it
            await(lanesStarted);
            events.add("pass ended");
        };
        SideBySide.Lane lane = pagesDone -> {
            lanesStarted.countDown();
            events.add("second round: " + pagesDone.join());
        };

        new SideBySide(stop, Duration.ofMinutes(1)).run(Optional.of(pass), List.of(lane, lane));

        assertThat(events).containsExactly("pass ended", "second round: true", "second round: true");
    }

    @Test
    void withoutAPassThereIsNoSecondRound() {
        new SideBySide(stop, Duration.ofMinutes(1)).run(Optional.empty(),
                List.of(pagesDone -> events.add("second round: " + pagesDone.join())));

        assertThat(events).containsExactly("second round: false");
    }

    @Test
    void afterAStopAPassStillWaitingIsCancelledOnceTheGraceIsOver() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Runnable pass = () -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                cancelled.set(true);
            }
        };
        SideBySide.Lane lane = pagesDone -> {
            stop.request(StopSignal.Reason.SIGINT);
            events.add("second round: " + pagesDone.join());
        };

        new SideBySide(stop, Duration.ZERO).run(Optional.of(pass), List.of(lane));

        assertThat(cancelled).isTrue();
        assertThat(events).containsExactly("second round: false");
    }

    @Test
    void aFailedPassStopsNoLaneAndIsThrownOnceAllHaveEnded() {
        Runnable pass = () -> {
            throw new IllegalStateException("SteamSpy all pages page 3: HTTP 503");
        };
        SideBySide.Lane lane = pagesDone -> events.add("second round: " + pagesDone.join());

        assertThatThrownBy(() -> new SideBySide(stop, Duration.ofMinutes(1)).run(Optional.of(pass), List.of(lane, lane)))
                .hasMessage("SteamSpy all pages page 3: HTTP 503");
        assertThat(events).containsExactly("second round: false", "second round: false");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
