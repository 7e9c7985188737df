package dev.steamcollector.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.steamcollector.config.DatabaseSettings;
import dev.steamcollector.config.DatabaseSettings.Kind;
import dev.steamcollector.persistence.DatabaseException.Reason;
import java.sql.Connection;
import java.sql.SQLException;
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

    private final DatabaseSettings settings;
    private final HikariDataSource dataSource;
    private final ExecutorService worker;
    /**
     * Built in the background from the start, alongside the migrations and the lock check, which
     * are plain JDBC and do not wait for it; the first entity query does.
     */
    private final CompletableFuture<SessionFactory> sessionFactory;
    private volatile Outbox outbox = Outbox.OFF;

    private Database(DatabaseSettings settings, HikariDataSource dataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.sessionFactory = CompletableFuture.supplyAsync(() -> buildSessionFactory(settings, dataSource),
                runnable -> Thread.ofPlatform().name("hibernate-bootstrap").daemon(true).start(runnable));
        this.worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("database").daemon(true).factory());
    }

    /** Connects, failing with a one-line {@link DatabaseException} when the database cannot be reached. */
    public static Database open(DatabaseSettings settings) {
        return new Database(settings, connect(settings));
    }

    public DatabaseSettings settings() {
        return settings;
    }

    public Migrations migrations() {
        return new Migrations(settings.kind(), dataSource);
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

    public PriceRepository prices() {
        return new PriceRepository(this);
    }

    public PriceCheckRepository priceChecks() {
        return new PriceCheckRepository(this);
    }

    public RunRepository runs() {
        return new RunRepository(this);
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
                    connection.rollback();
                    throw e;
                }
            }
        });
    }

    private SessionFactory sessionFactory() {
        try {
            return sessionFactory.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private <T> T onDatabaseThread(Callable<T> task) {
        Future<T> result = worker.submit(task);
        try {
            return result.get();
        } catch (InterruptedException e) {
            // the transaction still completes or rolls back on its own thread
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while waiting for the database", Reason.FAILED, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof SQLException sql) {
                throw new DatabaseException(sql.getMessage(), Reason.FAILED, sql);
            }
            throw new DatabaseException(e.getCause().getMessage(), Reason.FAILED, e.getCause());
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
        try {
            // the pool must outlive the bootstrap, which may still be reading database metadata
            sessionFactory.join().close();
        } catch (CompletionException failedToStart) {
            // nothing to close
        }
        dataSource.close();
    }

    private static HikariDataSource connect(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("steam-collector");
        config.setJdbcUrl(settings.jdbcUrl());
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(secret -> config.setPassword(secret.reveal()));
        config.setAutoCommit(false);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(1);
        if (settings.kind() == Kind.SQLITE) {
            config.setMaximumPoolSize(1);
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("busy_timeout", "15000");
            config.addDataSourceProperty("foreign_keys", "true");
        } else {
            config.setMaximumPoolSize(2);
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            config.addDataSourceProperty("ApplicationName", "steam-collector");
        }
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw unreachable(settings, e);
        }
    }

    private static DatabaseException unreachable(DatabaseSettings settings, RuntimeException e) {
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

    private static SessionFactory buildSessionFactory(DatabaseSettings settings, HikariDataSource dataSource) {
        StandardServiceRegistryBuilder registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 500)
                .applySetting(AvailableSettings.SHOW_SQL, false)
                // the dialect is known: bootstrap needs no connection, so it never waits for (or holds)
                // the single SQLite connection the migrations and the lock check are using
                .applySetting("hibernate.boot.allow_jdbc_metadata_access", false)
                .applySetting(AvailableSettings.DIALECT, settings.kind() == Kind.SQLITE
                        ? "org.hibernate.community.dialect.SQLiteDialect"
                        : "org.hibernate.dialect.PostgreSQLDialect");
        StandardServiceRegistry services = registry.build();
        try {
            return new MetadataSources(services)
                    .addAnnotatedClass(GameEntity.class)
                    .addAnnotatedClass(GameMetadataEntity.class)
                    .addAnnotatedClass(CollectionRunEntity.class)
                    .buildMetadata()
                    .buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(services);
            throw e;
        }
    }
}
