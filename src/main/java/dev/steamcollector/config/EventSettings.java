package dev.steamcollector.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Change events on Kafka: the brokers to bootstrap from (none: no events are queued) and the topic.
 */
public record EventSettings(List<String> bootstrapServers, String topic) {

    public static final String DEFAULT_TOPIC = "steam-collector.events";
    public static final EventSettings OFF = new EventSettings(List.of(), DEFAULT_TOPIC);

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):(\\d{1,5})");
    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    public EventSettings {
        bootstrapServers = List.copyOf(bootstrapServers);
    }

    /** Whether events are queued and relayed at all. */
    public boolean enabled() {
        return !bootstrapServers.isEmpty();
    }

    /** Reads {@code KAFKA_BOOTSTRAP_SERVERS} ({@code host:port,host:port}) and {@code KAFKA_TOPIC}. */
    public static EventSettings parse(Optional<String> servers, String topic) {
        if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new ConfigException("KAFKA_TOPIC", "'" + topic
                    + "' is not a Kafka topic name (letters, digits, '.', '_' and '-', at most 249)");
        }
        if (servers.isEmpty()) {
            return new EventSettings(List.of(), topic);
        }
        List<String> list = java.util.Arrays.stream(servers.get().split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (list.isEmpty()) {
            throw new ConfigException("KAFKA_BOOTSTRAP_SERVERS", "names no broker (expected host:port,host:port)");
        }
        for (String server : list) {
            var matcher = HOST_PORT.matcher(server);
            if (!matcher.matches() || Integer.parseInt(matcher.group(2)) < 1 || Integer.parseInt(matcher.group(2)) > 65535) {
                throw new ConfigException("KAFKA_BOOTSTRAP_SERVERS", "'" + server + "' is not host:port");
            }
        }
        return new EventSettings(list, topic);
    }
}
