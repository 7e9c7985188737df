package dev.steamcollector.metrics;

import dev.steamcollector.model.CounterTotal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Totals kept in memory, as the database keeps them: one value a series, increments added. */
final class MemoryCounterStore implements CounterStore {

    private record Key(String metric, Map<String, String> labels) {
    }

    private final Map<Key, Double> totals = new LinkedHashMap<>();
    boolean failing;
    int saves;

    @Override
    public synchronized List<CounterTotal> load() {
        if (failing) {
            throw new IllegalStateException("database is locked");
        }
        List<CounterTotal> kept = new ArrayList<>();
        totals.forEach((key, value) -> kept.add(new CounterTotal(key.metric(), key.labels(), value)));
        return kept;
    }

    @Override
    public synchronized void add(List<CounterTotal> increments) {
        if (failing) {
            throw new IllegalStateException("database is locked");
        }
        saves++;
        increments.forEach(increment -> totals.merge(new Key(increment.metric(), increment.labels()),
                increment.value(), Double::sum));
    }

    synchronized Double total(String metric, Map<String, String> labels) {
        return totals.get(new Key(metric, Map.copyOf(labels)));
    }
}
