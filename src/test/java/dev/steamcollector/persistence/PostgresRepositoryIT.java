package dev.steamcollector.persistence;

import dev.steamcollector.testing.TestDatabase;

/** The repository contract on a real PostgreSQL server started by the test suite. */
class PostgresRepositoryIT extends RepositoryContract {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
