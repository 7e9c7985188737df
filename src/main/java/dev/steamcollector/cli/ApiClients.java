package dev.steamcollector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.config.Settings;
import dev.steamcollector.http.Endpoint;
import dev.steamcollector.http.HttpGateway;
import dev.steamcollector.http.RequestListener;
import dev.steamcollector.http.RetryPolicy;
import dev.steamcollector.http.Ticker;
import dev.steamcollector.steam.SteamWebApiClient;
import dev.steamcollector.steamspy.SteamSpyClient;
import dev.steamcollector.steamspy.SteamSpyParser;
import dev.steamcollector.notify.DiscordWebhook;
import dev.steamcollector.notify.PriceMessages;
import dev.steamcollector.persistence.NotificationRepository;
import dev.steamcollector.pipeline.NotificationDispatcher;
import dev.steamcollector.pipeline.StopSignal;
import dev.steamcollector.pipeline.StoreCatalogue;
import dev.steamcollector.store.StoreBrowseClient;
import dev.steamcollector.store.StoreClient;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the HTTP gateway and the API clients from the settings. */
final class ApiClients implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiClients.class);

    private final Settings settings;
    private final HttpGateway gateway;
    private final ObjectMapper json = new ObjectMapper();
    private final RetryPolicy policy;

    ApiClients(Settings settings) {
        this(settings, RequestListener.NONE);
    }

    /** {@code listener} hears of every request to the APIs (the metrics). */
    ApiClients(Settings settings, RequestListener listener) {
        this.settings = settings;
        var resilience = settings.resilience();
        this.policy = RetryPolicy.configured(settings.pipeline().retryAttempts(), resilience.retryBackoff(),
                resilience.throttlePause());
        this.gateway = new HttpGateway(settings.api(), policy, Ticker.SYSTEM,
                "steam-collector/" + VersionProvider.version(), listener);
    }

    HttpGateway gateway() {
        return gateway;
    }

    SteamSpyClient steamSpy() {
        return new SteamSpyClient(HttpUrl.get(settings.api().steamSpyUrl()), gateway.client(Endpoint.STEAMSPY_ALL),
                gateway.client(Endpoint.STEAMSPY), new SteamSpyParser(json));
    }

    /** The Steam Web API client, when a key is set. */
    Optional<SteamWebApiClient> steam() {
        return settings.api().steamApiKey().map(key -> new SteamWebApiClient(
                HttpUrl.get(settings.api().steamApiUrl()), key, gateway.client(Endpoint.STEAM_WEB_API), json));
    }

    /** The Store client; its {@code appdetails} requests, for prices or descriptions, share the one Store gate. */
    StoreClient store() {
        return new StoreClient(HttpUrl.get(settings.api().storeUrl()), gateway.client(Endpoint.STORE),
                gateway.client(Endpoint.STORE_REVIEWS), json);
    }

    /**
     * The Store catalogue in bulk, when {@code collect} reads it ({@code STORE_DETAILS} and
     * {@code STORE_CATALOGUE}): keyless, on the Steam Web API's host, in the first country's data.
     */
    Optional<StoreCatalogue> catalogue() {
        if (!settings.pipeline().storeDetails() || !settings.pipeline().storeCatalogue()) {
            return Optional.empty();
        }
        StoreBrowseClient client = new StoreBrowseClient(HttpUrl.get(settings.api().steamApiUrl()),
                gateway.client(Endpoint.STORE_CATALOGUE), json);
        return Optional.of(new StoreCatalogue(client, settings.storeCountryCodes().getFirst(),
                settings.pipeline().catalogueBatch(), policy));
    }

    /** The Discord queue's sender, when notifications are enabled; a signal to {@code stop} cuts its waits short. */
    Optional<NotificationDispatcher> notifications(NotificationRepository queue, StopSignal stop) {
        if (!settings.notifications().enabled()) {
            return Optional.empty();
        }
        HttpUrl webhook = HttpUrl.get(settings.notifications().webhookUrl().orElseThrow().reveal());
        return Optional.of(new NotificationDispatcher(queue,
                new DiscordWebhook(webhook, gateway.http(), json, stop.pausing()),
                new PriceMessages(HttpUrl.get(settings.api().storeUrl())), Clock.systemUTC(), stop));
    }

    /**
     * Sends what is queued, if notifications are on; when Discord cannot be reached, or asks for a
     * longer wait than a run gives it, the queue is kept for the next run. Returns the line for the summary.
     */
    Optional<String> dispatchQuietly(NotificationRepository queue, StopSignal stop) {
        Optional<NotificationDispatcher> dispatcher = notifications(queue, stop);
        if (dispatcher.isEmpty()) {
            return Optional.empty();
        }
        try {
            NotificationDispatcher.Outcome sent = dispatcher.get().dispatch(settings.notifications().maxPerRun());
            return sent.messages() == 0 && sent.setAside() == 0 ? Optional.empty() : Optional.of(String.format(
                    "  Discord:   %d price changes announced in %d messages, %d summarized, %d set aside",
                    sent.announced(), sent.messages(), sent.summarized(), sent.setAside()));
        } catch (IOException e) {
            log.warn("Could not send notifications ({}); they stay queued for the next run", e.getMessage());
            log.debug("Sending notifications failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        gateway.close();
    }
}
