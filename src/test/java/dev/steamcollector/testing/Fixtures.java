package dev.steamcollector.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** The committed test data under {@code src/test/resources/fixtures}. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A fixture's text; {@code .gz} files are unpacked. */
    public static String read(String path) {
        try (InputStream raw = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (raw == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            InputStream in = path.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
