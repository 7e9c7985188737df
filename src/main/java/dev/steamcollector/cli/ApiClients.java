package dev.steamcollector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.config.Settings;
import dev.steamcollector.http.Endpoint;
import dev.steamcollector.http.HttpGateway;
import dev.steamcollector.http.RetryPolicy;
import dev.steamcollector.http.Ticker;
import dev.steamcollector.steam.SteamWebApiClient;
import dev.steamcollector.steamspy.SteamSpyClient;
import dev.steamcollector.steamspy.SteamSpyParser;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;

/** Builds the HTTP gateway and the API clients from the settings. */
final class ApiClients implements AutoCloseable {

    private final Settings settings;
    private final HttpGateway gateway;
    private final ObjectMapper json = new ObjectMapper();

    ApiClients(Settings settings) {
        this.settings = settings;
        var resilience = settings.resilience();
        RetryPolicy policy = new RetryPolicy(settings.pipeline().retryAttempts(), resilience.retryBackoff(),
                Duration.ofMinutes(1), resilience.throttlePause(), Duration.ofMinutes(10), 5);
        this.gateway = new HttpGateway(settings.api(), policy, Ticker.SYSTEM,
                "steam-collector/" + VersionProvider.version());
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

    @Override
    public void close() {
        gateway.close();
    }
}
