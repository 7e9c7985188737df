package dev.steamcollector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.steamcollector.model.FetchOutcome;
import dev.steamcollector.model.Game;
import dev.steamcollector.model.GameMetadata;
import dev.steamcollector.model.MetadataUpdate;
import dev.steamcollector.model.MetadataUpdate.Failed;
import dev.steamcollector.model.MetadataUpdate.Fetched;
import dev.steamcollector.model.MetadataUpdate.NotFound;
import dev.steamcollector.model.ReviewSummary;
import dev.steamcollector.model.StoreDescription;
import dev.steamcollector.persistence.Database;
import dev.steamcollector.testing.CliRun;
import dev.steamcollector.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code export} through the whole command line on every database, read back with parsers of their
 * own (Jackson's CSV reader, a JSON tree per line); and a large export in a small heap.
 */
class ExportIT {

    static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.678Z");
    static final Instant FETCHED = Instant.parse("2026-01-03T10:00:00Z");
    static final Instant DEACTIVATED = Instant.parse("2026-01-04T00:00:00.001Z");
    static final String TRICKY_NAME = "Half-Life: \"Source\", Ep. 2\nline";
    /** As PostgreSQL's jsonb prints it, so that the text reads back the same from both databases. */
    static final String TAGS = "{\"FPS\": 10, \"Sci-fi\": 3}";
    /** The keyed app list's change data of game 10 (the others came without). */
    static final Instant LAST_MODIFIED = Instant.ofEpochSecond(1_745_368_572);
    static final long PRICE_CHANGE_NUMBER = 29_993_100L;

    /** The export's columns, in order: part of the contract, like the tables'. */
    static final List<String> HEADER = List.of("app_id", "name", "is_active", "created_at", "updated_at",
            "last_modified", "price_change_number", "developer", "publisher", "owners_estimate", "owners_min",
            "owners_max", "positive_reviews", "negative_reviews", "score_rank", "average_playtime_forever",
            "average_playtime_2weeks", "median_playtime_forever", "median_playtime_2weeks", "ccu", "price_cents",
            "initial_price_cents", "discount_percent", "genre", "languages", "tags_json", "last_updated",
            "fetch_status", "fetch_attempts", "last_error", "store_name", "store_type", "store_release_date",
            "store_release_date_text", "store_coming_soon", "store_is_free", "store_required_age", "store_windows",
            "store_mac", "store_linux", "store_metacritic_score", "store_recommendations", "store_achievements",
            "store_dlc_count", "store_developers_json", "store_publishers_json", "store_genres_json",
            "store_categories_json", "store_supported_languages", "store_full_audio_languages",
            "store_controller_support", "store_short_description", "store_header_image", "store_website",
            "store_review_score", "store_review_score_desc", "store_total_positive", "store_total_negative",
            "store_total_reviews", "store_fetched_at", "store_fetch_status", "store_last_error",
            "store_reviews_fetched_at", "store_reviews_fetch_status", "store_reviews_last_error", "store_tags_json",
            "store_review_percent_positive", "store_steam_deck", "store_early_access", "store_parent_app_id",
            "store_catalogue_status", "store_catalogue_fetched_at", "store_catalogue_last_error");
    static final int STORE_COLUMNS = 43;
    /** Games a large export's database gets through the repositories; the rest are copies (see seedMany). */
    static final int STORED = 5_000;

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void csvRoundTripsEveryFieldToAFileAndToStdout(String kind) throws Exception {
        Map<String, String> env = seed(TestDatabase.of(kind, directory));
        Path file = directory.resolve("games.csv");

        CliRun toFile = CliRun.run(directory, env, "export", "--format", "csv", "--output", file.toString());
        CliRun toStdout = CliRun.run(directory, env, "export", "--format", "CSV");

        assertThat(toFile.exitCode()).as(toFile.err()).isZero();
        assertThat(toFile.out()).isEmpty();
        assertThat(toStdout.exitCode()).as(toStdout.err()).isZero();
        byte[] bytes = Files.readAllBytes(file);
        String text = strictUtf8(bytes);
        assertThat(toStdout.out()).isEqualTo(text);
        assertThat(text).startsWith(String.join(",", HEADER) + "\r\n").endsWith("\r\n");
        // RFC 4180 by hand: quoted, quotes doubled, the line break kept inside the quotes
        assertThat(text).contains(",\"Half-Life: \"\"Source\"\", Ep. 2\nline\",")
                .contains(",\"Ü,ber\",").contains(",ポケモン,");
        assertThat(text.split("\r\n", -1)).hasSize(expectedRows().size() + 2);
        assertThat(readCsv(text)).containsExactlyElementsOf(expectedRows().stream().map(ExportIT::asCsvText).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void jsonLinesRoundTripEveryFieldToAFileAndToStdout(String kind) throws Exception {
        Map<String, String> env = seed(TestDatabase.of(kind, directory));
        Path file = directory.resolve("games.jsonl");

        CliRun toFile = CliRun.run(directory, env, "export", "--format", "jsonl", "--output", file.toString());
        CliRun toStdout = CliRun.run(directory, env, "export", "--format", "jsonl");

        assertThat(toFile.exitCode()).as(toFile.err()).isZero();
        assertThat(toStdout.exitCode()).as(toStdout.err()).isZero();
        String text = strictUtf8(Files.readAllBytes(file));
        assertThat(toStdout.out()).isEqualTo(text);
        assertThat(text).endsWith("}\n").doesNotContain("\r\n");
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            lines.add(json.readTree(line));
        }
        List<JsonNode> expected = expectedRows().stream().map(row -> asJson(json, row)).toList();
        assertThat(lines).containsExactlyElementsOf(expected);
        List<String> keys = new ArrayList<>();
        lines.getFirst().fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isEqualTo(HEADER);
        assertThat(lines.getFirst().at("/tags_json/FPS").isIntegralNumber()).isTrue();
        assertThat(lines.getFirst().at("/owners_max").isIntegralNumber()).isTrue();
        assertThat(lines.getFirst().at("/is_active").isBoolean()).isTrue();
        assertThat(lines.get(1).get("developer").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void activeOnlyLeavesOutInactiveGames(String kind) throws Exception {
        Map<String, String> env = seed(TestDatabase.of(kind, directory));

        CliRun csv = CliRun.run(directory, env, "export", "--active-only");
        CliRun jsonl = CliRun.run(directory, env, "export", "--format", "jsonl", "--active-only");

        assertThat(csv.exitCode()).as(csv.err()).isZero();
        assertThat(readCsv(csv.out())).extracting(row -> row.get("app_id")).containsExactly("10", "20", "30", "40");
        assertThat(jsonl.out().lines()).hasSize(4).noneMatch(line -> line.contains("\"app_id\":50"));
    }

    @Test
    void anUnwritableOutputIsAUsageErrorAndTouchesNothing() throws Exception {
        Path nowhere = directory.resolve("no/such/dir/x.csv");

        CliRun run = CliRun.run(directory, Map.of(), "export", "--output", nowhere.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("steam-collector: --output: cannot write ").contains("no such directory");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).as("neither the output nor the default database").isEmpty();
        }
    }

    @Test
    void aFailedExportLeavesTheOldFileAsItWasAndNoTemporaryFile() throws Exception {
        Path output = Files.writeString(directory.resolve("games.csv"), "yesterday's export\r\n");
        Path unmigrated = Files.createDirectory(directory.resolve("fresh"));
        Map<String, String> env = Map.of("DATABASE_URL", "sqlite:///" + unmigrated.resolve("empty.db"));

        CliRun run = CliRun.run(directory, env, "export", "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("run 'steam-collector migrate' first");
        assertThat(Files.readString(output)).isEqualTo("yesterday's export\r\n");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("games.csv", "fresh");
        }
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CliRun run = CliRun.run(directory, Map.of(), "export", "--format", "xml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'xml' is not a format; use csv or jsonl");
    }

    /**
     * A quarter of a million games in a 128 MiB heap, in a JVM of its own: the rows stream from the
     * cursor to the file. A list of them all would not fit, nor would PostgreSQL's whole result,
     * which its driver reads at once unless given a fetch size.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mariadb"})
    void exportsAQuarterOfAMillionGamesInASmallHeap(String kind) throws Exception {
        int games = 250_000;
        TestDatabase db = TestDatabase.of(kind, directory);
        seedMany(db, games);
        Path gcLog = directory.resolve("gc.log");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx128m", "-Xlog:gc:file=" + gcLog, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "export", "--format", "csv", "--output", "out.csv")
                .directory(directory.toFile())
                .redirectOutput(directory.resolve("child.out").toFile())
                .redirectError(directory.resolve("child.err").toFile());
        builder.environment().put("DATABASE_URL", db.url());

        long started = System.nanoTime();
        Process child = builder.start();
        boolean ended = child.waitFor(60, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (!ended) {
            child.destroyForcibly().waitFor();
        }

        assertThat(ended).as("export ended within 60 s").isTrue();
        assertThat(child.exitValue()).as(Files.readString(directory.resolve("child.err"))).isZero();
        long lines;
        String last;
        try (BufferedReader reader = Files.newBufferedReader(directory.resolve("out.csv"))) {
            lines = 0;
            last = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines++;
                last = line;
            }
        }
        assertThat(lines).isEqualTo(games + 1L);
        assertThat(last).startsWith(games + ",Game " + games + ",true,");
        System.out.printf("%s: export of %,d games under -Xmx128m: %.1f s, largest heap before a GC %s%n", kind,
                games, took.toMillis() / 1000.0, peakHeap(gcLog));
    }

    /**
     * {@code export | head -n 3} in a real shell pipeline: once head has its lines and exits, the
     * export stops at the closed pipe, quietly (exit 0, nothing on stderr), instead of writing the
     * rest into it and failing.
     */
    @ParameterizedTest
    @ValueSource(strings = {"csv", "jsonl"})
    void aReaderThatClosesThePipeEndsTheExportQuietly(String format) throws Exception {
        TestDatabase db = TestDatabase.sqlite(directory);
        seedMany(db, 20_000);
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder("bash", "-c",
                "\"$0\" --enable-native-access=ALL-UNNAMED -cp \"$1\" \"$2\" export --format \"$3\" 2>export.err"
                        + " | head -n 3 >head.out; echo \"${PIPESTATUS[0]}\" >export.status",
                java, System.getProperty("java.class.path"), Main.class.getName(), format)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("shell.out").toFile());
        builder.environment().put("DATABASE_URL", db.url());
        builder.environment().put("LOG_LEVEL", "WARN");

        Process shell = builder.start();
        boolean ended = shell.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            shell.destroyForcibly().waitFor();
        }

        assertThat(ended).as("the pipeline ended within 60 s").isTrue();
        assertThat(Files.readAllLines(directory.resolve("head.out"))).hasSize(3);
        assertThat(Files.readString(directory.resolve("export.err"))).as("stderr of export").isEmpty();
        assertThat(Files.readString(directory.resolve("export.status")).strip()).as("exit code of export")
                .isEqualTo("0");
    }

    /** Five games: odd names, an inactive one, a nameless one, and every fetch outcome. */
    private Map<String, String> seed(TestDatabase db) {
        try (Database database = Database.open(db.settings())) {
            database.migrations().apply();
            database.games().upsertGames(List.of(new Game(10, TRICKY_NAME, LAST_MODIFIED, PRICE_CHANGE_NUMBER),
                    new Game(20, "ポケモン"),
                    new Game(30, "Ü,ber"), new Game(40, null), new Game(50, "Gone, for now")), CREATED);
            BitSet gone = new BitSet();
            gone.set(50);
            database.games().deactivate(gone, DEACTIVATED);
            database.metadata().upsert(List.<MetadataUpdate>of(new Fetched(fullMetadata(), FETCHED),
                    new Fetched(sparseMetadata(), FETCHED),
                    new Failed(30, "HTTP 500, then \"timeout\"\rgave up", FETCHED, FETCHED.plusSeconds(600)),
                    new NotFound(50, FETCHED)));
            database.storeDetails().storeDescriptions(List.of(new FetchOutcome.Fetched<>(10, storeDescription(), FETCHED),
                    new FetchOutcome.Failed<>(30, "Steam Store appdetails 30: HTTP 500", FETCHED, FETCHED.plusSeconds(900)),
                    new FetchOutcome.NotFound<>(50, FETCHED)));
            database.storeDetails().storeReviews(List.of(new FetchOutcome.Fetched<>(10,
                    new ReviewSummary(10, 9, "Overwhelmingly Positive", 200_000, 5_000, 205_000), FETCHED)));
        }
        return Map.of("DATABASE_URL", db.url());
    }

    private static GameMetadata fullMetadata() {
        return new GameMetadata(10, "Valve", "Valve, Inc.", "10,000,000 .. 20,000,000", 10_000_000L,
                20_000_000_000L, 250_000, 5_000, 1, 600, 30, 300, 15, 12_345, 999, 1999, 50,
                "Action, FPS", "English, Français, 日本語", TAGS);
    }

    /** Single names in the JSON arrays: PostgreSQL's jsonb prints a longer array with spaces, SQLite without. */
    private static StoreDescription storeDescription() {
        return new StoreDescription(10, "Counter-Strike", "game",
                new StoreDescription.Release(LocalDate.of(2000, 11, 1), "1 Nov, 2000", false), false, 0,
                new StoreDescription.Platforms(true, true, false), 88, 150_000, null, 0, List.of("Valve"),
                List.of("Valve"), List.of("Action"), List.of(), new StoreDescription.Languages("English, French",
                        "English"), null, "Play the world's number 1 online action game.", "https://cdn.example/10.jpg",
                null);
    }

    /** The store_details columns of game 10, as exported. */
    private static List<Object> storeValues10() {
        return Arrays.asList("Counter-Strike", "game", "2000-11-01", "1 Nov, 2000", false, false, 0L, true, true, false,
                88L, 150_000L, null, 0L, "[\"Valve\"]", "[\"Valve\"]", "[\"Action\"]", "[]", "English, French",
                "English", null, "Play the world's number 1 online action game.", "https://cdn.example/10.jpg", null,
                9L, "Overwhelmingly Positive", 200_000L, 5_000L, 205_000L, FETCHED, "success", null, FETCHED, "success",
                null, null, null, null, null, null, "pending", null, null);
    }

    /** Only the bookkeeping of a Store part that failed or found nothing. */
    private static List<Object> storeBookkeeping(Instant fetchedAt, String status, String error) {
        Object[] values = new Object[STORE_COLUMNS];
        values[29] = fetchedAt;
        values[30] = status;
        values[31] = error;
        values[33] = "pending";
        // the catalogue's status: never asked
        values[40] = "pending";
        return Arrays.asList(values);
    }

    /** SteamSpy leaves much out; an empty developer is not a missing one. */
    private static GameMetadata sparseMetadata() {
        return new GameMetadata(20, null, "", null, null, null, 3, 0, null, null, null, null, null, 0, 0, 0, 0,
                null, null, null);
    }

    /** What each exported row must hold, column by column, as the values went in. */
    private static List<Map<String, Object>> expectedRows() {
        GameMetadata full = fullMetadata();
        GameMetadata sparse = sparseMetadata();
        return List.of(
                row(10, TRICKY_NAME, true, CREATED, full, FETCHED, "success", 0, null, storeValues10()),
                row(20, "ポケモン", true, CREATED, sparse, FETCHED, "success", 0, null, Arrays.asList(new Object[STORE_COLUMNS])),
                row(30, "Ü,ber", true, CREATED, null, null, "failed", 1, "HTTP 500, then \"timeout\"\rgave up",
                        storeBookkeeping(null, "failed", "Steam Store appdetails 30: HTTP 500")),
                row(40, null, true, CREATED, null, null, "pending", 0, null, Arrays.asList(new Object[STORE_COLUMNS])),
                row(50, "Gone, for now", false, DEACTIVATED, null, null, "not_found", 0, null,
                        storeBookkeeping(FETCHED, "not_found", null)));
    }

    private static Map<String, Object> row(long appId, String name, boolean active, Instant updated,
            GameMetadata data, Instant lastUpdated, String status, long attempts, String error, List<Object> store) {
        List<Object> values = new ArrayList<>(Arrays.asList(appId, name, active, CREATED, updated,
                appId == 10 ? LAST_MODIFIED : null, appId == 10 ? PRICE_CHANGE_NUMBER : null));
        Object[] metadata = data == null ? new Object[19] : new Object[] {data.developer(), data.publisher(),
            data.ownersEstimate(), data.ownersMin(), data.ownersMax(), data.positiveReviews(), data.negativeReviews(),
            data.scoreRank(), data.averagePlaytimeForever(), data.averagePlaytime2weeks(),
            data.medianPlaytimeForever(), data.medianPlaytime2weeks(), data.ccu(), data.priceCents(),
            data.initialPriceCents(), data.discountPercent(), data.genre(), data.languages(), data.tagsJson()};
        values.addAll(Arrays.asList(metadata));
        values.addAll(Arrays.asList(lastUpdated, status, attempts, error));
        values.addAll(store);
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < HEADER.size(); i++) {
            row.put(HEADER.get(i), values.get(i));
        }
        return row;
    }

    /** CSV carries text: numbers and booleans as written, times ISO-8601 UTC, null as an unquoted empty field. */
    private static Map<String, String> asCsvText(Map<String, Object> row) {
        Map<String, String> text = new LinkedHashMap<>();
        row.forEach((column, value) -> text.put(column, value == null ? null : value.toString()));
        return text;
    }

    /** JSON carries types: numbers, booleans, null, times as ISO-8601 UTC text, tags as an object. */
    private static JsonNode asJson(ObjectMapper json, Map<String, Object> row) {
        ObjectNode node = json.createObjectNode();
        row.forEach((column, value) -> {
            switch (value) {
                case null -> node.putNull(column);
                case Number number -> node.put(column, number.longValue());
                case Boolean flag -> node.put(column, flag);
                case String text when column.endsWith("_json") -> node.set(column, readTree(json, text));
                default -> node.put(column, value.toString());
            }
        });
        // read back, so numbers are the node types a parser gives them
        return readTree(json, node.toString());
    }

    private static JsonNode readTree(ObjectMapper json, String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads CSV with Jackson's own RFC 4180 parser; an unquoted empty field reads as null, {@code ""} as empty. */
    private static List<Map<String, String>> readCsv(String text) throws IOException {
        CsvMapper csv = CsvMapper.builder().enable(CsvParser.Feature.EMPTY_UNQUOTED_STRING_AS_NULL).build();
        try (MappingIterator<Map<String, String>> rows = csv.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            List<Map<String, String>> all = new ArrayList<>();
            rows.forEachRemaining(all::add);
            return all;
        }
    }

    private static String strictUtf8(byte[] bytes) throws IOException {
        assertThat(Arrays.copyOf(bytes, 3)).as("no byte order mark")
                .isNotEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    /**
     * {@code count} games with their details: the first {@value #STORED} stored through the
     * repositories as {@code collect} stores them, the rest copies of those rows under the next ids,
     * made by the database itself ({@code INSERT … SELECT}, doubling each time), which takes seconds
     * where as many more upserts took half a minute.
     */
    private static void seedMany(TestDatabase db, int count) {
        int stored = Math.min(count, STORED);
        try (Database database = Database.open(db.settings())) {
            database.migrations().apply();
            List<Integer> ids = IntStream.rangeClosed(1, stored).boxed().toList();
            database.games().upsertGames(ids.stream().map(id -> new Game(id, "Game " + id)).toList(), CREATED);
            database.metadata().upsert(ids.stream().map(id -> new Fetched(new GameMetadata(id,
                    "Developer Studio Number " + id, "Publisher House, Ltd. " + id, "20,000 .. 50,000",
                    20_000L, 50_000L, id, 7, null, 120, 5, 90, 3, 11, 1999, 1999, 0,
                    "Action, Adventure, Indie", "English, French, German, Spanish - Spain, Japanese",
                    "{\"Indie\":120,\"Action\":80,\"Adventure\":64,\"Singleplayer\":40}"), FETCHED)).toList());
        }
        for (int have = stored; have < count; have *= 2) {
            copyUnderNextIds(db, "games", have, count);
            copyUnderNextIds(db, "game_metadata", have, count);
        }
        assertThat(db.queryLong("SELECT COUNT(*) FROM game_metadata WHERE fetch_status = 'success'")).isEqualTo(count);
    }

    /** Copies the rows of games 1 to {@code have} as games {@code have + 1} on, up to game {@code count}. */
    private static void copyUnderNextIds(TestDatabase db, String table, int have, int count) {
        String id = "(app_id + " + have + ")";
        // the columns that name the game's id, as seedMany writes them; every other column is copied as it is
        Map<String, String> byId = Map.of("app_id", id, "name", "'Game ' || " + id,
                "developer", "'Developer Studio Number ' || " + id, "publisher", "'Publisher House, Ltd. ' || " + id,
                "positive_reviews", id);
        List<String> columns = columns(db, table);
        db.execute("INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT "
                + columns.stream().map(column -> byId.getOrDefault(column, column)).collect(Collectors.joining(", "))
                + " FROM " + table + " WHERE app_id <= " + Math.min(have, count - have));
    }

    private static List<String> columns(TestDatabase db, String table) {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet none = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = none.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            }
            return columns;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the columns of " + table, e);
        }
    }

    /** The largest heap occupancy before a collection, from the child's {@code -Xlog:gc} lines ("12M->3M(128M)"). */
    private static String peakHeap(Path gcLog) throws IOException {
        Pattern pattern = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
        long peak = 0;
        long after = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher match = pattern.matcher(line);
            if (match.find()) {
                peak = Math.max(peak, Long.parseLong(match.group(1)));
                after = Math.max(after, Long.parseLong(match.group(2)));
            }
        }
        return peak + " MiB (largest after a GC " + after + " MiB)";
    }
}
