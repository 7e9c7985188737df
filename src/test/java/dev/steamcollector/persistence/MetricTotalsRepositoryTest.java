package dev.steamcollector.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricTotalsRepositoryTest {

    @Test
    void metricLabelsRoundTripInPrometheusForm() {
        Map<String, String> labels = Map.of("status", "200", "endpoint", "store", "odd", "a \"quoted\" \\ value");

        String text = MetricTotalsRepository.formatLabels(labels);

        assertThat(text).startsWith("endpoint=\"store\",odd=\"a \\\"quoted\\\" \\\\ value\",status=\"200\"");
        assertThat(MetricTotalsRepository.parseLabels(text)).isEqualTo(labels);
    }
}
