package dev.steamcollector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

    /** Backoff base 2 s, max 1 min; throttle pause 30 s, max 10 min. */
    private final RetryPolicy policy = RetryPolicy.standard(3);

    @Nested
    class Backoff {

        @ParameterizedTest(name = "retry {0}: {1} ms .. {2} ms")
        @CsvSource(delimiter = '|', textBlock = """
                1  | 1000  | 2000
                2  | 2000  | 4000
                3  | 4000  | 8000
                4  | 8000  | 16000
                5  | 16000 | 32000
                6  | 30000 | 60000
                7  | 30000 | 60000
                40 | 30000 | 60000
                """)
        void growsExponentiallyWithJitterBetweenHalfTheCeilingAndTheCeiling(int retry, long lowest, long highest) {
            assertThat(policy.backoff(retry, Optional.empty(), () -> 0.0)).isEqualTo(Duration.ofMillis(lowest));
            assertThat(policy.backoff(retry, Optional.empty(), () -> 1.0)).isEqualTo(Duration.ofMillis(highest));
            assertThat(policy.backoff(retry, Optional.empty(), () -> 0.5))
                    .isBetween(Duration.ofMillis(lowest), Duration.ofMillis(highest));
        }

        @ParameterizedTest(name = "retry {0}")
        @ValueSource(ints = {1, 5, 6, 20, 1000})
        void neverExceedsBackoffMax(int retry) {
            assertThat(policy.backoff(retry, Optional.empty(), () -> 1.0)).isLessThanOrEqualTo(policy.backoffMax());
        }

        @Test
        void aLongerRetryAfterWins() {
            Duration backoff = policy.backoff(1, Optional.of(Duration.ofSeconds(90)), () -> 1.0);

            assertThat(backoff).isEqualTo(Duration.ofSeconds(90));
        }

        @Test
        void aRetryAfterLongerThanBackoffMaxStillWins() {
            Duration backoff = policy.backoff(10, Optional.of(Duration.ofMinutes(5)), () -> 1.0);

            assertThat(backoff).isEqualTo(Duration.ofMinutes(5));
        }

        @Test
        void aShorterRetryAfterDoesNotCutTheBackoff() {
            Duration backoff = policy.backoff(3, Optional.of(Duration.ofSeconds(1)), () -> 0.0);

            assertThat(backoff).isEqualTo(Duration.ofSeconds(4));
        }
    }

    @Test
    void rejectsNegativeRetriesAndAZeroBreaker() {
        Duration s = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new RetryPolicy(-1, s, s, s, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, s, s, s, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
