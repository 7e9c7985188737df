package dev.steamcollector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * One real MariaDB server for the whole test run: MariaDB's own binaries from Maven Central
 * ({@link MariaDbBinaries}), started on first use as a throwaway instance (its own data directory,
 * a free port on loopback) and removed when the JVM exits; every test gets its own database.
 */
public final class MariaDbServer {

    /** The application's user; its password needs percent-encoding in a URL, as real ones often do. */
    public static final String USER = "steam";
    public static final String PASSWORD = "p@ss:w/rd+%ü";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Running server;

    private MariaDbServer() {
    }

    private record Running(Process process, int port, Path directory) {

        String rootUrl() {
            return "jdbc:mariadb://127.0.0.1:" + port + "/?user=root";
        }
    }

    /**
     * Creates an empty database, leaving the server's default character set (latin1 on a bare
     * server) so the migrations must bring their own, and returns its URL as users write it:
     * {@code scheme://steam:…@127.0.0.1:port/name}.
     */
    public static String createDatabase(String scheme) {
        Running running = server();
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(running.rootUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            statement.execute("GRANT ALL ON " + name + ".* TO '" + USER + "'@'%'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on MariaDB", e);
        }
        return scheme + "://" + USER + ":" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                .replace("+", "%20") + "@127.0.0.1:" + running.port() + "/" + name;
    }

    private static synchronized Running server() {
        if (server == null) {
            server = start();
            Running started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started)));
        }
        return server;
    }

    private static Running start() {
        Path base = MariaDbBinaries.baseDirectory();
        try {
            Path directory = Files.createTempDirectory("mariadb-test");
            // the server refuses to run as root unless told to; a fresh machine need not have a mysql user
            boolean root = System.getProperty("user.name").equals("root");
            install(base, directory, root);
            IllegalStateException lastFailure = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                try {
                    return launch(base, directory, root);
                } catch (IllegalStateException portTakenOrSlow) {
                    // the free port found may have been taken before the server bound it
                    lastFailure = portTakenOrSlow;
                }
            }
            throw lastFailure;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a MariaDB data directory", e);
        }
    }

    private static void install(Path base, Path directory, boolean root) throws IOException {
        List<String> command = new ArrayList<>(List.of(base.resolve("scripts/mariadb-install-db").toString(),
                "--no-defaults", "--basedir=" + base, "--datadir=" + directory.resolve("data"),
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        if (root) {
            command.add("--user=root");
        }
        Path log = directory.resolve("install.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!waitFor(process, START_TIMEOUT) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("mariadb-install-db failed:\n" + tail(log));
        }
    }

    private static Running launch(Path base, Path directory, boolean root) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(base.resolve("bin/mariadbd").toString(), "--no-defaults",
                "--basedir=" + base, "--lc-messages-dir=" + base.resolve("share"),
                "--datadir=" + directory.resolve("data"), "--socket=" + directory.resolve("s.sock"),
                "--pid-file=" + directory.resolve("server.pid"), "--port=" + port, "--bind-address=127.0.0.1",
                // a throwaway server: a crash may lose the last second of commits
                "--innodb-flush-log-at-trx-commit=2", "--innodb-buffer-pool-size=512M"));
        if (root) {
            command.add("--user=root");
        }
        Path log = directory.resolve("server-" + port + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Running running = new Running(process, port, directory);
        try {
            awaitReady(running, log);
            createUser(running);
            return running;
        } catch (RuntimeException e) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(10));
            throw e;
        }
    }

    /** Waits until the server takes connections, or fails with its log when it died or took too long. */
    private static void awaitReady(Running running, Path log) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            if (!running.process().isAlive()) {
                throw new IllegalStateException("MariaDB stopped while starting:\n" + tail(log));
            }
            try {
                DriverManager.getConnection(running.rootUrl() + "&connectTimeout=1000").close();
                return;
            } catch (SQLException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("MariaDB did not accept connections within " + START_TIMEOUT
                            + ":\n" + tail(log), notYet);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    private static void createUser(Running running) {
        try (Connection connection = DriverManager.getConnection(running.rootUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test user on MariaDB", e);
        }
    }

    private static void stop(Running running) {
        running.process().destroy();
        if (!waitFor(running.process(), Duration.ofSeconds(30))) {
            running.process().destroyForcibly();
            waitFor(running.process(), Duration.ofSeconds(10));
        }
        try (Stream<Path> files = Files.walk(running.directory())) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // the JVM is going away; a temporary directory is left behind at worst
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
