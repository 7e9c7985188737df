package dev.steamcollector.steamspy;

import dev.steamcollector.http.EndpointClient;
import dev.steamcollector.http.FetchException;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;

/** SteamSpy's API (https://steamspy.com/api.php): the {@code all} pages and per-game details. */
public final class SteamSpyClient {

    private final HttpUrl base;
    private final EndpointClient pages;
    private final EndpointClient details;
    private final SteamSpyParser parser;

    /** {@code pages} is gated by the {@code all} limit, {@code details} by the per-game limit. */
    public SteamSpyClient(HttpUrl base, EndpointClient pages, EndpointClient details, SteamSpyParser parser) {
        this.base = base;
        this.pages = pages;
        this.details = details;
        this.parser = parser;
    }

    /** {@code request=all&page=N} (https://steamspy.com/api.php): 1,000 games a page; empty past the last. */
    public List<SteamSpyRecord> fetchAllPage(int page) {
        HttpUrl url = base.newBuilder()
                .addQueryParameter("request", "all")
                .addQueryParameter("page", Integer.toString(page))
                .build();
        return pages.get(url, "page " + page, parser::parsePage);
    }

    /**
     * {@code request=appdetails&appid=N} (https://steamspy.com/api.php); empty when the game is
     * unknown. An answer about another appid, or with values out of range, is {@link FetchException.Invalid}.
     */
    public Optional<SteamSpyRecord> fetchDetails(int appId) {
        HttpUrl url = base.newBuilder()
                .addQueryParameter("request", "appdetails")
                .addQueryParameter("appid", Integer.toString(appId))
                .build();
        return details.get(url, "appdetails " + appId, body -> parser.parseDetails(appId, body));
    }
}
