package dev.steamcollector.cli;

import dev.steamcollector.config.Settings;
import dev.steamcollector.metrics.CounterStore;
import dev.steamcollector.metrics.Metrics;
import dev.steamcollector.metrics.MetricsPublisher;
import dev.steamcollector.model.CounterTotal;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.persistence.MetricTotalsRepository;
import java.time.Clock;
import java.util.List;

/** The metrics of one command, their counters' totals kept in the database, published as the settings say. */
final class CommandMetrics {

    private CommandMetrics() {
    }

    /** Starts publishing; close the publisher before the database, for its last save and publication. */
    static MetricsPublisher start(Settings settings, Database database, String command) {
        MetricTotalsRepository kept = database.metricTotals();
        Clock clock = Clock.systemUTC();
        CounterStore store = new CounterStore() {
            @Override
            public List<CounterTotal> load() {
                return kept.find(command);
            }

            @Override
            public void add(List<CounterTotal> increments) {
                kept.add(command, increments, clock.instant());
            }
        };
        return MetricsPublisher.start(settings.metrics(), new Metrics(command, store, clock));
    }
}
