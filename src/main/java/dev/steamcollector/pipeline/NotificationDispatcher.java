package dev.steamcollector.pipeline;

import dev.steamcollector.model.QueuedNotification;
import dev.steamcollector.notify.DiscordLimits;
import dev.steamcollector.notify.DiscordWebhook;
import dev.steamcollector.notify.PriceMessages;
import dev.steamcollector.persistence.NotificationRepository;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the queued announcements to Discord, as many embeds a message as Discord's limits allow.
 * The rows of a message are claimed before it is posted and marked sent once Discord accepted it,
 * so no two processes post the same one; a crash between the post and the mark sends it again
 * once, after {@link #CLAIM_TIMEOUT}. A message Discord refuses for its content is set aside with
 * the reason; the queue moves on. Past the per-run cap the rest go out as one summary line.
 */
public final class NotificationDispatcher {

    /** A claim older than this belongs to a process that died while posting; a post never takes this long. */
    static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final NotificationRepository queue;
    private final DiscordWebhook webhook;
    private final PriceMessages messages;
    private final Clock clock;
    private final StopSignal stop;
    private final String claimant = ProcessHandle.current().pid() + "@" + RunLock.hostName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    public NotificationDispatcher(NotificationRepository queue, DiscordWebhook webhook, PriceMessages messages,
            Clock clock, StopSignal stop) {
        this.queue = queue;
        this.webhook = webhook;
        this.messages = messages;
        this.clock = clock;
        this.stop = stop;
    }

    /** What a dispatch did; {@code stopped} when a signal ended it early. */
    public record Outcome(int announced, int messages, int summarized, int setAside, boolean stopped) {
    }

    /** Sends one test message. */
    public void sendTest() throws IOException, InterruptedException {
        webhook.post("steam-collector test message: notifications reach this channel.", List.of());
    }

    /**
     * Sends the queue: at most {@code maxPerRun} announcements one by one, a summary line for the rest.
     *
     * @throws DiscordWebhook.Postponed when Discord asks for a longer wait than a run gives it
     * @throws IOException when Discord cannot be reached or refuses the webhook; what was not sent stays queued
     */
    public Outcome dispatch(int maxPerRun) throws IOException, InterruptedException {
        Counts counts = new Counts();
        try {
            List<QueuedNotification> due = queue.findQueued(maxPerRun, staleBefore());
            for (List<QueuedNotification> message : DiscordLimits.pack(due,
                    n -> DiscordLimits.size(DiscordLimits.clip(messages.toEmbed(n))))) {
                if (stop.interrupted()) {
                    return counts.outcome(true);
                }
                send(message, counts);
            }
            if (!stop.interrupted()) {
                summarizeRest(maxPerRun, counts);
            }
            return counts.outcome(stop.interrupted());
        } catch (InterruptedException e) {
            if (!stop.interrupted()) {
                throw e;
            }
            return counts.outcome(true);
        }
    }

    private void send(List<QueuedNotification> message, Counts counts) throws IOException, InterruptedException {
        List<Long> claimed = queue.claim(message.stream().map(QueuedNotification::id).toList(), claimant,
                clock.instant(), staleBefore());
        List<QueuedNotification> mine = message.stream().filter(n -> claimed.contains(n.id())).toList();
        if (mine.isEmpty()) {
            return;
        }
        try {
            webhook.post(null, mine.stream().map(messages::toEmbed).toList());
        } catch (DiscordWebhook.Refused refused) {
            setAside(mine, refused, counts);
            return;
        } catch (IOException | InterruptedException | RuntimeException e) {
            queue.release(claimed, claimant);
            throw e;
        }
        queue.markSent(claimed, claimant, false, clock.instant());
        counts.announced += mine.size();
        counts.messages++;
    }

    /** A refused message of several embeds is sent again one embed a message, so only the culprit is set aside. */
    private void setAside(List<QueuedNotification> refusedMessage, DiscordWebhook.Refused refused, Counts counts)
            throws IOException, InterruptedException {
        if (refusedMessage.size() > 1) {
            queue.release(refusedMessage.stream().map(QueuedNotification::id).toList(), claimant);
            for (QueuedNotification one : refusedMessage) {
                send(List.of(one), counts);
            }
            return;
        }
        QueuedNotification culprit = refusedMessage.getFirst();
        log.warn("Discord refused the announcement of app {} ({}): set aside, the queue moves on",
                culprit.appId(), refused.getMessage());
        queue.setAside(culprit.id(), claimant, refused.getMessage(), clock.instant());
        counts.setAside++;
    }

    /** The rest: one summary line, posted before they are marked, so a failed post keeps them queued. */
    private void summarizeRest(int maxPerRun, Counts counts) throws IOException, InterruptedException {
        List<QueuedNotification> rest = queue.findQueued(Integer.MAX_VALUE, staleBefore());
        List<Long> claimed = queue.claim(rest.stream().map(QueuedNotification::id).toList(), claimant,
                clock.instant(), staleBefore());
        if (claimed.isEmpty()) {
            return;
        }
        log.info("More than NOTIFY_MAX_PER_RUN={} price changes: summarizing the other {}", maxPerRun, claimed.size());
        try {
            webhook.post(PriceMessages.summary(claimed.size()), List.of());
        } catch (IOException | InterruptedException | RuntimeException e) {
            queue.release(claimed, claimant);
            throw e;
        }
        queue.markSent(claimed, claimant, true, clock.instant());
        counts.summarized += claimed.size();
        counts.messages++;
    }

    private Instant staleBefore() {
        return clock.instant().minus(CLAIM_TIMEOUT);
    }

    /** Running totals of one dispatch. */
    private static final class Counts {
        int announced;
        int messages;
        int summarized;
        int setAside;

        Outcome outcome(boolean stopped) {
            return new Outcome(announced, messages, summarized, setAside, stopped);
        }
    }
}
