package dev.steamcollector.metrics;

import dev.steamcollector.model.CounterTotal;
import java.util.List;

/**
 * Where a command's counter totals are kept between runs (the database), so that its counters only
 * grow, as Prometheus expects of counters, however short and far apart the runs are.
 */
public interface CounterStore {

    /** Keeps nothing: every process starts from zero. */
    CounterStore NONE = new CounterStore() {
        @Override
        public List<CounterTotal> load() {
            return List.of();
        }

        @Override
        public void add(List<CounterTotal> increments) {
        }
    };

    /** The totals kept so far. */
    List<CounterTotal> load();

    /** Adds {@code increments} to the totals, all or none; a series not kept yet starts at its increment. */
    void add(List<CounterTotal> increments);
}
