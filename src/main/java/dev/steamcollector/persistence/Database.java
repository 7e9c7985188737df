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
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;
import org.hibernate.jdbc.ReturningWork;
import org.hibernate.jdbc.Work;

/**
 * An open database: connection pool, Hibernate session factory, migrations and repositories.
 *
 * <p>Once Hibernate is up (started by {@link #open}, or by {@link #startEntities} after the run
 * lock is taken, in the background), every unit of work is one transaction of a Hibernate
 * {@link StatelessSession}: entity reads and writes go through the session, and the batched
 * upserts, which Hibernate runs a row a round trip, go as native statements on the session's own
 * connection and transaction ({@link #execute}, {@link #query}). Before that, and for the commands
 * that only read, native work runs on a plain pooled connection, so that the run lock, the
 * migrations, what a run reads while Hibernate starts and {@code status} never wait for its start-up.
 *
 * <p>Every database call runs on one platform thread. SQLite wants a single writer, and a blocking
 * JDBC call must not hold a virtual thread's carrier; callers on virtual threads simply wait.
 */
public final class Database implements AutoCloseable {

    /** The statements a JDBC batch of entity writes holds: as many as the largest batch of games. */
    private static final int JDBC_BATCH_SIZE = 1_000;

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
    private final Repositories repositories;

    private Database(DatabaseSettings settings, HikariDataSource dataSource, Duration reconnect) {
        this.settings = settings;
        this.dialect = SqlDialect.of(settings.kind());
        this.dataSource = dataSource;
        this.failures = new DatabaseFailures(settings);
        this.reconnection = new Reconnection(failures, settings.describe(), reconnect);
        this.reserve = settings.kind() == Kind.SQLITE ? SpaceReserve.of(settings.jdbcUrl()) : Optional.empty();
        this.worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("database").daemon(true).factory());
        this.repositories = new Repositories(this);
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
            sessionFactory = CompletableFuture.supplyAsync(() -> Entities.sessionFactory(dialect, dataSource, JDBC_BATCH_SIZE),
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
        return repositories.games();
    }

    public MetadataRepository metadata() {
        return repositories.metadata();
    }

    public ExportRepository exports() {
        return repositories.exports();
    }

    public LockRepository locks() {
        return repositories.locks();
    }

    public PagePassRepository pagePasses() {
        return repositories.pagePasses();
    }

    public DetailsBatchRepository detailsBatches() {
        return repositories.detailsBatches();
    }

    public StoreDetailsRepository storeDetails() {
        return repositories.storeDetails();
    }

    /** Which games' Store descriptions are due. */
    public StoreBacklogRepository storeDescriptionsDue() {
        return repositories.storeDescriptionsDue();
    }

    /** Which games' Store review summaries are due. */
    public StoreBacklogRepository storeReviewsDue() {
        return repositories.storeReviewsDue();
    }

    /** Which games the Store catalogue is to describe. */
    public StoreBacklogRepository catalogueDue() {
        return repositories.catalogueDue();
    }

    public FreshnessRepository freshness() {
        return repositories.freshness();
    }

    public StoreNamesRepository storeNames() {
        return repositories.storeNames();
    }

    public PriceRepository prices() {
        return repositories.prices();
    }

    public PriceCheckRepository priceChecks() {
        return repositories.priceChecks();
    }

    public NotificationRepository notifications() {
        return repositories.notifications();
    }

    public RunRepository runs() {
        return repositories.runs();
    }

    public MetricTotalsRepository metricTotals() {
        return repositories.metricTotals();
    }

    public PaceRepository paces() {
        return repositories.paces();
    }

    public EventRepository events() {
        return repositories.events();
    }

    /** From now on, every recorded change also queues its change event (Kafka is configured). */
    public void queueEvents() {
        outbox = Outbox.ON;
    }

    Outbox outbox() {
        return outbox;
    }

    /**
     * Runs {@code work} in one transaction of a stateless session on the database thread and
     * returns its result; waits for Hibernate's start-up the first time.
     */
    <T> T inTransaction(Function<StatelessSession, T> work) {
        return onDatabaseThread(() -> inSession(work));
    }

    /** Runs native JDBC {@code work} in one transaction on the database thread. */
    void execute(Work work) {
        query(connection -> {
            work.execute(connection);
            return null;
        });
    }

    /**
     * Runs native JDBC {@code work} in one transaction on the database thread and returns its
     * result: on the connection of a stateless session once Hibernate is up, on a plain pooled
     * connection before. Native work never waits for Hibernate's start-up (a second and a half on a
     * small machine): a run reads its metrics' totals and checks its migrations meanwhile.
     */
    <T> T query(ReturningWork<T> work) {
        return onDatabaseThread(() -> entitiesUp() ? inSession(session -> session.doReturningWork(work))
                : onPlainConnection(work));
    }

    private <T> T inSession(Function<StatelessSession, T> work) {
        try (StatelessSession session = sessionFactory().openStatelessSession()) {
            session.setJdbcBatchSize(JDBC_BATCH_SIZE);
            Transaction transaction = session.beginTransaction();
            try {
                T result = work.apply(session);
                transaction.commit();
                return result;
            } catch (RuntimeException | Error e) {
                if (transaction.isActive()) {
                    rollbackQuietly(transaction, e);
                }
                throw e;
            }
        }
    }

    private <T> T onPlainConnection(ReturningWork<T> work) throws SQLException {
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
    }

    private synchronized boolean entitiesUp() {
        return sessionFactory != null && sessionFactory.isDone() && !sessionFactory.isCompletedExceptionally();
    }

    /** A failed commit (a full disk) may have ended the transaction already: its own error is the one to report. */
    private static void rollbackQuietly(Transaction transaction, Throwable failure) {
        try {
            transaction.rollback();
        } catch (RuntimeException rollbackFailed) {
            failure.addSuppressed(rollbackFailed);
        }
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
}
