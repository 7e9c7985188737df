package dev.steamcollector.model;

import java.util.Optional;

/** A price that differs from the series' latest one; {@code previous} is empty for a first observation. */
public record PriceChange(PriceObservation now, Optional<PricePoint> previous) {
}
