package dev.steamcollector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.config.RateLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The departure log never lets N + 1 requests leave within one period, however they bunch. */
class DepartureLogTest {

    final FakeTicker ticker = new FakeTicker();
    final DepartureLog log = new DepartureLog(RateLimit.parse("test", "3/second"), ticker);

    @Test
    void lateThreadsArrivingTogetherWaitForTheWindowToMoveOn() throws InterruptedException {
        long start = ticker.nanoTime();
        log.awaitRoomAndRecord();
        ticker.advance(Duration.ofMillis(100));
        log.awaitRoomAndRecord();
        log.awaitRoomAndRecord();

        log.awaitRoomAndRecord();

        // the fourth may leave only a full second after the first
        assertThat(ticker.nanoTime() - start).isEqualTo(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void spacedRequestsNeverWait() throws InterruptedException {
        long start = ticker.nanoTime();
        for (int i = 0; i < 10; i++) {
            log.awaitRoomAndRecord();
            ticker.advance(Duration.ofMillis(400));
        }
        assertThat(ticker.nanoTime() - start).isEqualTo(Duration.ofMillis(4_000).toNanos());
    }
}
