package dev.steamcollector.persistence;

/**
 * The repositories of one open database, each made once: their statements are built when the
 * database opens and reused by every unit of work after.
 */
final class Repositories {

    private final GameRepository games;
    private final MetadataRepository metadata;
    private final ExportRepository exports;
    private final LockRepository locks;
    private final PagePassRepository pagePasses;
    private final DetailsBatchRepository detailsBatches;
    private final StoreDetailsRepository storeDetails;
    private final StoreBacklogRepository storeDescriptionsDue;
    private final StoreBacklogRepository storeReviewsDue;
    private final StoreBacklogRepository catalogueDue;
    private final FreshnessRepository freshness;
    private final StoreNamesRepository storeNames;
    private final PriceRepository prices;
    private final PriceCheckRepository priceChecks;
    private final NotificationRepository notifications;
    private final RunRepository runs;
    private final MetricTotalsRepository metricTotals;
    private final PaceRepository paces;
    private final EventRepository events;

    Repositories(Database database) {
        this.games = new GameRepository(database);
        this.metadata = new MetadataRepository(database);
        this.exports = new ExportRepository(database);
        this.locks = new LockRepository(database);
        this.pagePasses = new PagePassRepository(database);
        this.detailsBatches = new DetailsBatchRepository(database);
        this.storeDetails = new StoreDetailsRepository(database);
        this.storeDescriptionsDue = new StoreBacklogRepository(database, StoreDetailsRepository.DESCRIPTION);
        this.storeReviewsDue = new StoreBacklogRepository(database, StoreDetailsRepository.REVIEWS);
        this.catalogueDue = new StoreBacklogRepository(database, StoreDetailsRepository.CATALOGUE);
        this.freshness = new FreshnessRepository(database);
        this.storeNames = new StoreNamesRepository(database);
        this.prices = new PriceRepository(database);
        this.priceChecks = new PriceCheckRepository(database);
        this.notifications = new NotificationRepository(database);
        this.runs = new RunRepository(database);
        this.metricTotals = new MetricTotalsRepository(database);
        this.paces = new PaceRepository(database);
        this.events = new EventRepository(database);
    }

    GameRepository games() {
        return games;
    }

    MetadataRepository metadata() {
        return metadata;
    }

    ExportRepository exports() {
        return exports;
    }

    LockRepository locks() {
        return locks;
    }

    PagePassRepository pagePasses() {
        return pagePasses;
    }

    DetailsBatchRepository detailsBatches() {
        return detailsBatches;
    }

    StoreDetailsRepository storeDetails() {
        return storeDetails;
    }

    StoreBacklogRepository storeDescriptionsDue() {
        return storeDescriptionsDue;
    }

    StoreBacklogRepository storeReviewsDue() {
        return storeReviewsDue;
    }

    StoreBacklogRepository catalogueDue() {
        return catalogueDue;
    }

    FreshnessRepository freshness() {
        return freshness;
    }

    StoreNamesRepository storeNames() {
        return storeNames;
    }

    PriceRepository prices() {
        return prices;
    }

    PriceCheckRepository priceChecks() {
        return priceChecks;
    }

    NotificationRepository notifications() {
        return notifications;
    }

    RunRepository runs() {
        return runs;
    }

    MetricTotalsRepository metricTotals() {
        return metricTotals;
    }

    PaceRepository paces() {
        return paces;
    }

    EventRepository events() {
        return events;
    }
}
