package dev.steamcollector.events;

import dev.steamcollector.config.EventSettings;
import dev.steamcollector.model.QueuedEvent;
import dev.steamcollector.persistence.EventRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Relays the {@code events} outbox to Kafka, oldest first, keyed by appid: an event is marked sent
 * only once the broker acknowledged it ({@code acks=all}, idempotent producer), so a crash between
 * the two sends it again (consumers dedupe by event id) and none is ever lost. The relay stops at
 * the first event the broker does not take, which keeps each game's events in order.
 */
public final class EventRelay implements AutoCloseable {

    /** Sent events are kept this long for inspection, then pruned. */
    public static final Duration KEEP_SENT = Duration.ofDays(7);
    private static final int CHUNK = 500;

    private final EventRepository outbox;
    private final String topic;
    private final Producer<String, String> producer;
    private final Clock clock;

    EventRelay(EventRepository outbox, String topic, Producer<String, String> producer, Clock clock) {
        this.outbox = outbox;
        this.topic = topic;
        this.producer = producer;
        this.clock = clock;
    }

    /** A relay with its own producer; connecting happens on the first send. */
    public static EventRelay connect(EventSettings settings, EventRepository outbox, Clock clock) {
        return new EventRelay(outbox, settings.topic(), new KafkaProducer<>(producerConfig(settings)), clock);
    }

    static Properties producerConfig(EventSettings settings) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", settings.bootstrapServers()));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "steam-collector");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        // bounded waits: an unreachable broker costs seconds, never a hang
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return config;
    }

    /** What a relay did: events acknowledged, events still waiting, and why it stopped early, if it did. */
    public record Outcome(long sent, long waiting, String problem) {

        public boolean failed() {
            return problem != null;
        }
    }

    /** Sends what waits until the outbox is empty, the broker fails, or {@code budget} is spent. */
    public Outcome relay(Duration budget) {
        Instant deadline = clock.instant().plus(budget);
        long sent = 0;
        String problem = null;
        while (problem == null && clock.instant().isBefore(deadline)) {
            List<QueuedEvent> chunk = outbox.findUnsent(CHUNK);
            if (chunk.isEmpty()) {
                break;
            }
            Delivery delivery = send(chunk, deadline);
            outbox.markSent(delivery.acknowledged(), clock.instant());
            sent += delivery.acknowledged().size();
            problem = delivery.problem();
        }
        return new Outcome(sent, outbox.backlog().waiting(), problem);
    }

    /** Deletes events sent more than {@link #KEEP_SENT} ago; returns how many. */
    public int prune() {
        return outbox.pruneSentBefore(clock.instant().minus(KEEP_SENT));
    }

    private record Delivery(List<Long> acknowledged, String problem) {
    }

    /** Sends a chunk and waits for the acknowledgements in order; the first failure ends it. */
    private Delivery send(List<QueuedEvent> chunk, Instant deadline) {
        List<Future<RecordMetadata>> pending = new ArrayList<>();
        try {
            for (QueuedEvent event : chunk) {
                Future<RecordMetadata> sent = producer.send(
                        new ProducerRecord<>(topic, Integer.toString(event.appId()), event.json()));
                pending.add(sent);
                if (sent.isDone() && failedAlready(sent)) {
                    // no broker metadata in time: every further send would wait as long again
                    break;
                }
            }
        } catch (RuntimeException e) {
            // not even queued (no broker metadata in time): what was queued before it still counts
            return awaitAll(chunk, pending, deadline, describe(e));
        }
        return awaitAll(chunk, pending, deadline, null);
    }

    private static boolean failedAlready(Future<RecordMetadata> sent) {
        try {
            sent.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private Delivery awaitAll(List<QueuedEvent> chunk, List<Future<RecordMetadata>> pending, Instant deadline,
            String problem) {
        List<Long> acknowledged = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            try {
                long left = Math.max(1, Duration.between(clock.instant(), deadline).toMillis());
                pending.get(i).get(left, TimeUnit.MILLISECONDS);
                acknowledged.add(chunk.get(i).sequence());
            } catch (ExecutionException e) {
                return new Delivery(acknowledged, describe(e.getCause()));
            } catch (TimeoutException e) {
                return new Delivery(acknowledged, "no acknowledgement from the broker in time");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Delivery(acknowledged, "interrupted");
            }
        }
        return new Delivery(acknowledged, problem);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
