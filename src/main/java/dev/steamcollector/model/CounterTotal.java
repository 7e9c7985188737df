package dev.steamcollector.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One series of a Prometheus counter (or of a histogram's {@code _bucket}, {@code _sum} and
 * {@code _count} series) with its value: a total kept across runs, or an increment to add to one.
 * {@code metric} is the sample's name, {@code labels} its labels other than {@code command}, sorted.
 */
public record CounterTotal(String metric, Map<String, String> labels, double value) {

    public CounterTotal {
        Objects.requireNonNull(metric, "metric");
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }
}
