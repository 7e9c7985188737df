package dev.steamcollector.export;

import dev.steamcollector.model.ExportColumn;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** The formats {@code export} writes. */
public enum ExportFormat {
    /** RFC 4180 CSV with a header row. */
    CSV,
    /** JSON Lines: one JSON object a line. */
    JSONL;

    /** The format named {@code csv} or {@code jsonl}, in any case. */
    public static ExportFormat parse(String text) {
        for (ExportFormat format : values()) {
            if (format.label().equalsIgnoreCase(text.strip())) {
                return format;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a format; use csv or jsonl");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A writer of rows of {@code columns} to {@code target}; a CSV writer writes the header at once. */
    public RowWriter open(Writer target, List<ExportColumn> columns) throws IOException {
        return switch (this) {
            case CSV -> new CsvRowWriter(target, columns);
            case JSONL -> new JsonLinesRowWriter(target, columns);
        };
    }
}
