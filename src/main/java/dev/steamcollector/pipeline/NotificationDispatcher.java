package dev.steamcollector.pipeline;

import dev.steamcollector.model.QueuedNotification;
import dev.steamcollector.notify.DiscordWebhook;
import dev.steamcollector.notify.PriceMessages;
import dev.steamcollector.persistence.PriceRepository;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the queued announcements to Discord, ten embeds a message, each marked sent once Discord
 * accepted it: a crash before the mark sends it again once, never twice after. Past the per-run cap
 * the rest go out as one summary line and are marked summarized.
 */
public final class NotificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final PriceRepository queue;
    private final DiscordWebhook webhook;
    private final PriceMessages messages;
    private final Clock clock;

    public NotificationDispatcher(PriceRepository queue, DiscordWebhook webhook, PriceMessages messages, Clock clock) {
        this.queue = queue;
        this.webhook = webhook;
        this.messages = messages;
        this.clock = clock;
    }

    /** What a dispatch did. */
    public record Outcome(int announced, int messages, int summarized) {
    }

    /** Sends one test message. */
    public void sendTest() throws IOException, InterruptedException {
        webhook.post("steam-collector test message: notifications reach this channel.", List.of());
    }

    public Outcome dispatch(int maxPerRun) throws IOException, InterruptedException {
        List<QueuedNotification> due = queue.findUnsent(maxPerRun);
        int sentMessages = 0;
        for (int from = 0; from < due.size(); from += DiscordWebhook.MAX_EMBEDS) {
            List<QueuedNotification> chunk = due.subList(from, Math.min(due.size(), from + DiscordWebhook.MAX_EMBEDS));
            webhook.post(null, chunk.stream().map(messages::toEmbed).toList());
            queue.markDone(chunk.stream().map(QueuedNotification::id).toList(), false, clock.instant());
            sentMessages++;
        }
        // the rest: one summary line, posted before they are marked, so a failed post keeps them queued
        List<QueuedNotification> rest = queue.findUnsent(Integer.MAX_VALUE);
        int summarized = rest.size();
        if (summarized > 0) {
            log.info("More than NOTIFY_MAX_PER_RUN={} price changes: summarizing the other {}", maxPerRun, summarized);
            webhook.post(PriceMessages.summary(summarized), List.of());
            queue.markDone(rest.stream().map(QueuedNotification::id).toList(), true, clock.instant());
            sentMessages++;
        }
        return new Outcome(due.size(), sentMessages, summarized);
    }
}
