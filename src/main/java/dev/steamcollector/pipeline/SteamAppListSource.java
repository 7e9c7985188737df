package dev.steamcollector.pipeline;

import dev.steamcollector.config.ConfigException;
import dev.steamcollector.http.FetchException;
import dev.steamcollector.steam.AppListPage;
import dev.steamcollector.steam.SteamWebApiClient;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /**
     * Each page is handed to {@code sink} on a thread of its own while the next one is fetched, so
     * storing a page never waits for the network nor the network for the database; at most one page
     * waits to be stored. Whatever ends the list, the pages already fetched are stored first.
     */
    @Override
    public boolean fetchAll(Consumer<AppListBatch> sink) {
        try (ExecutorService writer = Executors.newSingleThreadExecutor(
                Thread.ofVirtual().name("app-list-writer").factory())) {
            Future<?> storing = CompletableFuture.completedFuture(null);
            int cursor = 0;
            int pages = 0;
            boolean more = true;
            while (more) {
                AppListPage page;
                try {
                    page = fetchPage(cursor);
                } finally {
                    await(storing);
                }
                pages++;
                int number = pages;
                storing = writer.submit(() -> {
                    sink.accept(new AppListBatch(page.apps(), List.of()));
                    log.info("App list: page {} brought {} games", number, page.apps().size());
                });
                more = page.haveMore() && !page.apps().isEmpty();
                cursor = page.lastAppId();
            }
            await(storing);
        }
        return true;
    }

    private static void await(Future<?> storing) {
        try {
            storing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while storing an app list page");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
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
