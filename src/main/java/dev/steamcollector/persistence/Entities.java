package dev.steamcollector.persistence;

import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataBuilder;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.community.dialect.SQLiteDialect;

/** The mapped tables, and Hibernate's start-up over the pool: the session factory {@link Database} runs its units of work on. */
final class Entities {

    private Entities() {
    }

    /** Builds the session factory: JDBC batches of {@code batchSize}, no schema management (Flyway migrates). */
    static SessionFactory sessionFactory(SqlDialect dialect, HikariDataSource dataSource, int batchSize) {
        StandardServiceRegistryBuilder registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, batchSize)
                .applySetting(AvailableSettings.SHOW_SQL, false);
        if (dialect == SqlDialect.SQLITE) {
            // the dialect is known: bootstrap needs no connection, so it never waits for (or holds)
            // the single SQLite connection the migrations and the lock check are using
            registry.applySetting("hibernate.boot.allow_jdbc_metadata_access", false)
                    .applySetting(AvailableSettings.DIALECT, SQLiteDialect.class.getName());
        }
        // a server's dialect is read from the server, on the pool's second connection: MariaDB and
        // MySQL write an upsert differently, and a newer server has statements an older lacks
        StandardServiceRegistry services = registry.build();
        try {
            MetadataBuilder metadata = new MetadataSources(services)
                    .addAnnotatedClass(GameEntity.class)
                    .addAnnotatedClass(GameMetadataEntity.class)
                    .addAnnotatedClass(PriceHistoryEntity.class)
                    .addAnnotatedClass(CollectionRunEntity.class)
                    .addAnnotatedClass(PagePassEntity.class)
                    .addAnnotatedClass(StoreTagEntity.class)
                    .addAnnotatedClass(StoreCategoryEntity.class)
                    .addAnnotatedClass(EventEntity.class)
                    .addAnnotatedClass(NotificationEntity.class)
                    .addAnnotatedClass(EndpointPaceEntity.class)
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
