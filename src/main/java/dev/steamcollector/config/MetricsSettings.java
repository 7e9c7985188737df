package dev.steamcollector.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** Prometheus output: a push gateway (when enabled) and/or a node_exporter textfile. */
public record MetricsSettings(boolean enabled, Optional<URI> pushGateway, Optional<Path> textFile) {
}
