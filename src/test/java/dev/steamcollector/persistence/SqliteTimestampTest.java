package dev.steamcollector.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqliteTimestampTest {

    @ParameterizedTest
    @CsvSource({
        "2026-11-29T16:12:51.118Z, 2026-11-29 16:12:51.118",
        "2026-01-01T00:00:00Z, 2026-01-01 00:00:00.000",
        "2026-01-01T00:00:00.000999Z, 2026-01-01 00:00:00.000",
        "1999-12-31T23:59:59.9Z, 1999-12-31 23:59:59.900",
        "0999-02-03T04:05:06.007Z, 0999-02-03 04:05:06.007",
        "1970-01-01T00:00:00Z, 1970-01-01 00:00:00.000",
        "1969-12-31T23:59:59.999999999Z, 1969-12-31 23:59:59.999",
        "9999-12-31T23:59:59.999Z, 9999-12-31 23:59:59.999"})
    void writesFixedWidthUtcTextWithMilliseconds(Instant instant, String text) {
        assertThat(SqliteTimestamp.format(instant)).isEqualTo(text).hasSize(23);
    }

    @Test
    void yearsPastFourDigitsAreWrittenAsTheFormatterWrites() {
        assertThat(SqliteTimestamp.format(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01 00:00:00.000");
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-29 16:12:51.118, 2026-11-29T16:12:51.118Z",
        "2026-11-29 16:12:51, 2026-11-29T16:12:51Z",
        "2026-11-29T16:12:51.118Z, 2026-11-29T16:12:51.118Z",
        "2026-11-29 16:12, 2026-11-29T16:12:00Z",
        "1795968771118, 2026-11-29T16:12:51.118Z"})
    void readsItsOwnFormSqlitesFormsAndEpochMilliseconds(String stored, Instant instant) {
        assertThat(SqliteTimestamp.parse(stored)).isEqualTo(instant);
    }

    @Test
    void readsNumbersAsEpochMillisecondsAndNullAsNull() {
        assertThat(SqliteTimestamp.parse(1_795_968_771_118L)).isEqualTo(Instant.parse("2026-11-29T16:12:51.118Z"));
        assertThat(SqliteTimestamp.parse(null)).isNull();
    }

    @Test
    void textOrderIsTimeOrder() {
        Instant earlier = Instant.parse("2026-11-29T09:59:59.999Z");
        Instant later = Instant.parse("2026-11-29T10:00:00Z");

        assertThat(SqliteTimestamp.format(earlier)).isLessThan(SqliteTimestamp.format(later));
    }

    @Test
    void somethingElseIsNoTimestamp() {
        assertThatThrownBy(() -> SqliteTimestamp.parse("yesterday")).hasMessageContaining("'yesterday'");
    }
}
