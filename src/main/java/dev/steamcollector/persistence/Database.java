package dev.steamcollector.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.steamcollector.config.DatabaseSettings;
import dev.steamcollector.config.DatabaseSettings.Kind;
import dev.steamcollector.persistence.DatabaseException.Reason;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataBuilder;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jdbc.ReturningWork;
import org.hibernate.jdbc.Work;

/**
 * An open database: connection pool, Hibernate session factory, migrations and repositories.
 *
 * <p>Every database call runs on one platform thread. SQLite wants a single writer, and a blocking
 * JDBC call must not hold a virtual thread's carrier; callers on virtual threads simply wait.
 */
public final class Database implements AutoCloseable {

    /** How long a lost connection is tried again unless configured otherwise. */
    public static final Duration DEFAULT_RECONNECT = Duration.ofSeconds(60);

    private final DatabaseSettings settings;
    private final SqlDialect dialect;
    private final HikariDataSource dataSource;
    private final ExecutorService worker;
    private final DatabaseFailures failures;
    private final Reconnection reconnection;
    private final Optional<SpaceReserve> reserve;
    /**
     * Built in the background, alongside the migrations and the lock check, which are plain JDBC
     * and do not wait for it; the first entity query does. Null until something asks for it.
     */
    private CompletableFuture<SessionFactory> sessionFactory;
    private volatile Outbox outbox = Outbox.OFF;

    private Database(DatabaseSettings settings, HikariDataSource dataSource, Duration reconnect) {
        this.settings = settings;
        this.dialect = SqlDialect.of(settings.kind());
        this.dataSource = dataSource;
        this.failures = new DatabaseFailures(settings);
        this.reconnection = new Reconnection(failures, settings.describe(), reconnect);
        this.reserve = settings.kind() == Kind.SQLITE ? SpaceReserve.of(settings.jdbcUrl()) : Optional.empty();
        this.worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("database").daemon(true).factory());
    }

    /** Connects, failing with a one-line {@link DatabaseException} when the database cannot be reached. */
    public static Database open(DatabaseSettings settings) {
        return open(settings, DEFAULT_RECONNECT);
    }

    /**
     * As {@link #open(DatabaseSettings)}; a connection lost later is tried again for up to
     * {@code reconnect}. Hibernate starts in the background, for the run's entity queries.
     */
    public static Database open(DatabaseSettings settings, Duration reconnect) {
        Database database = connect(settings, reconnect);
        database.startEntities();
        return database;
    }

    /**
     * As {@link #open(DatabaseSettings, Duration)}, without starting Hibernate: plain JDBC work (the
     * run lock, the migrations) does not need it, and a run that finds the lock taken never will.
     */
    public static Database connect(DatabaseSettings settings, Duration reconnect) {
        return new Database(settings, pool(settings, reconnect), reconnect);
    }

    /** Starts Hibernate in the background, for the entity queries to come; the first of them waits for it. */
    public void startEntities() {
        bootstrap();
    }

    /**
     * Connects for commands that only read ({@code status}, {@code export}): their queries are
     * plain JDBC, so Hibernate, a second or more of start-up, is never started.
     */
    public static Database openForReading(DatabaseSettings settings) {
        return new Database(settings, pool(settings, DEFAULT_RECONNECT), DEFAULT_RECONNECT);
    }

    private synchronized CompletableFuture<SessionFactory> bootstrap() {
        if (sessionFactory == null) {
            sessionFactory = CompletableFuture.supplyAsync(() -> buildSessionFactory(dialect, dataSource),
                    runnable -> Thread.ofPlatform().name("hibernate-bootstrap").daemon(true).start(runnable));
        }
        return sessionFactory;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    SqlDialect dialect() {
        return dialect;
    }

    public Migrations migrations() {
        return new Migrations(settings, dialect, dataSource, failures);
    }

    public GameRepository games() {
        return new GameRepository(this);
    }

    public MetadataRepository metadata() {
        return new MetadataRepository(this);
    }

    public ExportRepository exports() {
        return new ExportRepository(this);
    }

    public LockRepository locks() {
        return new LockRepository(this);
    }

    public PagePassRepository pagePasses() {
        return new PagePassRepository(this);
    }

    public DetailsBatchRepository detailsBatches() {
        return new DetailsBatchRepository(this);
    }

    public StoreDetailsRepository storeDetails() {
        return new StoreDetailsRepository(this);
    }

    /** Which games' Store descriptions are due. */
    public StoreBacklogRepository storeDescriptionsDue() {
        return new StoreBacklogRepository(this, StoreDetailsRepository.DESCRIPTION);
    }

    /** Which games' Store review summaries are due. */
    public StoreBacklogRepository storeReviewsDue() {
        return new StoreBacklogRepository(this, StoreDetailsRepository.REVIEWS);
    }

    /** Which games the Store catalogue is to describe. */
    public StoreBacklogRepository catalogueDue() {
        return new StoreBacklogRepository(this, StoreDetailsRepository.CATALOGUE);
    }

    public FreshnessRepository freshness() {
        return new FreshnessRepository(this);
    }

    public StoreNamesRepository storeNames() {
        return new StoreNamesRepository(this);
    }

    public PriceRepository prices() {
        return new PriceRepository(this);
    }

    public PriceCheckRepository priceChecks() {
        return new PriceCheckRepository(this);
    }

    public NotificationRepository notifications() {
        return new NotificationRepository(this);
    }

    public RunRepository runs() {
        return new RunRepository(this);
    }

    public MetricTotalsRepository metricTotals() {
        return new MetricTotalsRepository(this);
    }

    public PaceRepository paces() {
        return new PaceRepository(this);
    }

    public EventRepository events() {
        return new EventRepository(this);
    }

    /** From now on, every recorded change also queues its change event (Kafka is configured). */
    public void queueEvents() {
        outbox = Outbox.ON;
    }

    Outbox outbox() {
        return outbox;
    }

    /** Runs {@code work} in one transaction on the database thread and returns its result. */
    <T> T inTransaction(Function<Session, T> work) {
        return onDatabaseThread(() -> sessionFactory().fromTransaction(work));
    }

    /** Runs plain JDBC {@code work} in one transaction on the database thread. */
    void execute(Work work) {
        query(connection -> {
            work.execute(connection);
            return null;
        });
    }

    /** Runs plain JDBC {@code work} in one transaction on the database thread and returns its result. */
    <T> T query(ReturningWork<T> work) {
        return onDatabaseThread(() -> {
            try (Connection connection = dataSource.getConnection()) {
                try {
                    T result = work.execute(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection, e);
                    throw e;
                }
            }
        });
    }

    /** A failed commit (a full disk) may have ended the transaction already: its own error is the one to report. */
    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailed) {
            failure.addSuppressed(rollbackFailed);
        }
    }

    private SessionFactory sessionFactory() {
        try {
            return bootstrap().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private <T> T onDatabaseThread(Callable<T> task) {
        Future<T> result = worker.submit(() -> reconnection.call(task));
        try {
            return result.get();
        } catch (InterruptedException e) {
            // the transaction still completes or rolls back on its own thread
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while waiting for the database", Reason.FAILED, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                // out of memory on the database thread is the run's end, not a database failure
                throw error;
            }
            RuntimeException failure = failures.toRuntime(e.getCause());
            if (settings.kind() == Kind.SQLITE) {
                // a failed commit (a full disk) leaves SQLite's connection unable to commit or roll back
                // ever again: the next unit of work gets a fresh one
                dataSource.getHikariPoolMXBean().softEvictConnections();
                if (DatabaseFailures.isDiskFull(failure)) {
                    // the room for recording how the run ended and releasing its lock
                    reserve.ifPresent(SpaceReserve::release);
                }
            }
            throw failure;
        }
    }

    /**
     * Fails with "disk full" when the disk of a SQLite file has not even the room a run needs to
     * record its end; taken before a run takes its lock.
     */
    void requireRoom() {
        if (reserve.isPresent() && !reserve.get().hold()) {
            throw failures.diskFull(null);
        }
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            // work already queued finishes before the pool goes away
            worker.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CompletableFuture<SessionFactory> started;
        synchronized (this) {
            started = sessionFactory;
        }
        try {
            // the pool must outlive the bootstrap, which may still be reading database metadata
            if (started != null) {
                started.join().close();
            }
        } catch (CompletionException failedToStart) {
            // nothing to close
        }
        dataSource.close();
    }

    private static HikariDataSource pool(DatabaseSettings settings, Duration reconnect) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("steam-collector");
        config.setJdbcUrl(settings.jdbcUrl());
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(secret -> config.setPassword(secret.reveal()));
        config.setAutoCommit(false);
        // a lost server is noticed, and a returning one found, a few times within the reconnect window
        config.setConnectionTimeout(Math.clamp(reconnect.toMillis() / 4, 250, 10_000));
        config.setInitializationFailTimeout(1);
        SqlDialect.of(settings.kind()).configure(config);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw unreachable(settings, e);
        }
    }

    private static DatabaseException unreachable(DatabaseSettings settings, RuntimeException e) {
        Optional<DatabaseException> explained = new DatabaseFailures(settings).explain(e);
        if (explained.isPresent()) {
            return explained.get();
        }
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String sqlState = cause instanceof SQLException sql && sql.getSQLState() != null ? sql.getSQLState() : "";
        // class 08 is a connection failure (server down, network); anything else is a setting to fix
        Reason reason = sqlState.startsWith("08") ? Reason.UNAVAILABLE : Reason.MISCONFIGURED;
        return new DatabaseException("cannot open database " + settings.describe() + ": " + firstLine(cause),
                reason, e);
    }

    private static String firstLine(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    private static SessionFactory buildSessionFactory(SqlDialect dialect, HikariDataSource dataSource) {
        StandardServiceRegistryBuilder registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 500)
                .applySetting(AvailableSettings.SHOW_SQL, false)
                // the dialect is known: bootstrap needs no connection, so it never waits for (or holds)
                // the single SQLite connection the migrations and the lock check are using
                .applySetting("hibernate.boot.allow_jdbc_metadata_access", false)
                .applySetting(AvailableSettings.DIALECT, dialect.hibernateDialect());
        StandardServiceRegistry services = registry.build();
        try {
            MetadataBuilder metadata = new MetadataSources(services)
                    .addAnnotatedClass(GameEntity.class)
                    .addAnnotatedClass(CollectionRunEntity.class)
                    .getMetadataBuilder();
            if (dialect == SqlDialect.SQLITE) {
                // timestamps as the same ISO text native SQL writes, not Hibernate's epoch milliseconds
                metadata.applyAttributeConverter(SqliteInstantConverter.class, true);
            }
            return metadata.build().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(services);
            throw e;
        }
    }
}
