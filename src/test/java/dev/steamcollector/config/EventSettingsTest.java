package dev.steamcollector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventSettingsTest {

    @Test
    void withoutBrokersNothingIsPublished() {
        EventSettings settings = EventSettings.parse(Optional.empty(), EventSettings.DEFAULT_TOPIC);
        assertThat(settings.enabled()).isFalse();
        assertThat(settings.topic()).isEqualTo("steam-collector.events");
    }

    @Test
    void readsACommaSeparatedBrokerList() {
        EventSettings settings = EventSettings.parse(Optional.of(" kafka-1:9092, 10.0.0.7:19092,[::1]:9092 "), "games");
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.bootstrapServers()).containsExactly("kafka-1:9092", "10.0.0.7:19092", "[::1]:9092");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "kafka:", "kafka:99999", "http://kafka:9092", ",", "kafka:9092,other"})
    void rejectsWhatIsNotHostAndPort(String servers) {
        assertThatThrownBy(() -> EventSettings.parse(Optional.of(servers), "games"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("KAFKA_BOOTSTRAP_SERVERS: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "slash/topic", "..", "ü"})
    void rejectsTopicsKafkaRefuses(String topic) {
        assertThatThrownBy(() -> EventSettings.parse(Optional.of("kafka:9092"), topic))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("KAFKA_TOPIC: ");
    }

    @Test
    void aLongTopicIsRefused() {
        assertThatThrownBy(() -> EventSettings.parse(Optional.empty(), "t".repeat(250)))
                .isInstanceOf(ConfigException.class);
        assertThat(EventSettings.parse(Optional.empty(), "t".repeat(249)).bootstrapServers()).isEqualTo(List.of());
    }
}
