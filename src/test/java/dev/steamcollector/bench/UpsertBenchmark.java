package dev.steamcollector.bench;

import dev.steamcollector.model.Game;
import dev.steamcollector.model.GameMetadata;
import dev.steamcollector.model.MetadataUpdate;
import dev.steamcollector.model.MetadataUpdate.Fetched;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Upserts N games and N metadata rows into SQLite, PostgreSQL and MariaDB (MySQL's form of the
 * upserts), first as inserts and then as updates of every row, and prints rows per second and wall
 * time per step, and each server database's total time against PostgreSQL's.
 */
public final class UpsertBenchmark {

    private final int rows;
    private final int batchSize;

    UpsertBenchmark(int rows, int batchSize) {
        this.rows = rows;
        this.batchSize = batchSize;
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        List<String> kinds = List.of((args.length > 2 ? args[2] : "sqlite,postgresql,mariadb").split(","));
        UpsertBenchmark benchmark = new UpsertBenchmark(rows, batch);
        System.out.printf(Locale.ROOT, "Upsert benchmark: %,d rows a step, %,d rows a transaction%n", rows, batch);
        System.out.printf(Locale.ROOT, "%-11s %-26s %10s %12s%n", "database", "step", "wall s", "rows/s");
        Path directory = Files.createTempDirectory("upsert-benchmark");
        if (kinds.contains("sqlite")) {
            benchmark.run("sqlite", TestDatabase.sqlite(directory));
        }
        double postgres = kinds.contains("postgresql") ? benchmark.run("postgresql", TestDatabase.postgres()) : 0;
        if (kinds.contains("mariadb")) {
            TestDatabase mariadb;
            try {
                mariadb = TestDatabase.mariadb();
            } catch (IllegalStateException noServer) {
                System.out.println("mariadb     SKIPPED: " + noServer.getMessage());
                System.exit(0);
                return;
            }
            double mysql = benchmark.run("mariadb", mariadb);
            if (postgres > 0) {
                System.out.printf(Locale.ROOT,
                        "mariadb total %.2f s = %.2f x postgresql's %.2f s (target: at most 2 x)%n",
                        mysql, mysql / postgres, postgres);
            }
        }
        System.exit(0);
    }

    /** Runs the four steps; returns their total wall time in seconds. */
    private double run(String kind, TestDatabase target) {
        try (Database database = Database.open(target.settings())) {
            database.migrations().apply();
            Instant first = Instant.parse("2026-01-01T00:00:00Z");
            // Hibernate bootstraps in the background at open: let it finish (an entity query waits) before timing
            database.metadata().find(0);
            Instant second = first.plusSeconds(86_400);
            return step(kind, "games insert", games("Game "), batch -> database.games().upsertGames(batch, first))
                    + step(kind, "games update (renamed)", games("Renamed "),
                            batch -> database.games().upsertGames(batch, second))
                    + step(kind, "metadata insert", metadata(999, first), batch -> database.metadata().upsert(batch))
                    + step(kind, "metadata update (repriced)", metadata(499, second),
                            batch -> database.metadata().upsert(batch));
        }
    }

    /** Returns the step's wall time in seconds. */
    private <T> double step(String kind, String name, List<T> all, Consumer<List<T>> upsert) {
        long start = System.nanoTime();
        for (int from = 0; from < all.size(); from += batchSize) {
            upsert.accept(all.subList(from, Math.min(all.size(), from + batchSize)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-11s %-26s %10.2f %,12.0f%n", kind, name, seconds, all.size() / seconds);
        return seconds;
    }

    private List<Game> games(String prefix) {
        List<Game> games = new ArrayList<>(rows);
        for (int id = 1; id <= rows; id++) {
            games.add(new Game(id * 10, prefix + id));
        }
        return games;
    }

    private List<MetadataUpdate> metadata(int priceCents, Instant at) {
        List<MetadataUpdate> updates = new ArrayList<>(rows);
        for (int id = 1; id <= rows; id++) {
            updates.add(new Fetched(new GameMetadata(id * 10, "Developer " + id % 5000, "Publisher " + id % 3000,
                    "20,000 .. 50,000", 20_000L, 50_000L, id % 1000, id % 100, null, 120, 0, 60, 0, id % 50,
                    priceCents, 1999, 0, "Action, Indie", "English, German", "{\"Indie\":120,\"Action\":80}"), at));
        }
        return updates;
    }
}
