package dev.steamcollector.pipeline;

import dev.steamcollector.config.ConfigException;
import dev.steamcollector.http.FetchException;
import dev.steamcollector.steam.AppListPage;
import dev.steamcollector.steam.SteamWebApiClient;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The full Steam app list (games only), paged by appid cursor; needs an API key. */
public final class SteamAppListSource implements AppListSource {

    private static final Logger log = LoggerFactory.getLogger(SteamAppListSource.class);

    private final SteamWebApiClient client;
    private final int pageSize;

    public SteamAppListSource(SteamWebApiClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    @Override
    public boolean fetchAll(Consumer<AppListBatch> sink) {
        int cursor = 0;
        int pages = 0;
        boolean more = true;
        while (more) {
            AppListPage page = fetchPage(cursor);
            pages++;
            sink.accept(new AppListBatch(page.apps(), List.of()));
            log.info("App list: page {} brought {} games", pages, page.apps().size());
            more = page.haveMore() && !page.apps().isEmpty();
            cursor = page.lastAppId();
        }
        return true;
    }

    private AppListPage fetchPage(int cursor) {
        try {
            return client.fetchAppListPage(cursor, pageSize);
        } catch (FetchException.Rejected e) {
            if (e.status() == 401 || e.status() == 403) {
                throw new ConfigException("STEAM_API_KEY", "the Steam Web API refused the key (HTTP " + e.status()
                        + "); check the key, or unset it to take the list from SteamSpy");
            }
            throw e;
        }
    }

    /** IStoreService/GetAppList pages ascend by appid, each after the previous page's last. */
    @Override
    public boolean inAppIdOrder() {
        return true;
    }

    @Override
    public String description() {
        return "Steam Web API IStoreService/GetAppList";
    }
}
