package dev.steamcollector.export;

import dev.steamcollector.model.ExportColumn;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * CSV as RFC 4180 has it: a header row, commas, CRLF after every record, and a field in double
 * quotes, its quotes doubled, exactly when it holds a comma, a quote, CR or LF. A null is an empty
 * field and an empty string is {@code ""}, as PostgreSQL's {@code COPY ... CSV} writes them.
 * Numbers and booleans are written as Java prints them, times as ISO-8601 UTC.
 */
final class CsvRowWriter implements RowWriter {

    private final Writer out;

    CsvRowWriter(Writer target, List<ExportColumn> columns) throws IOException {
        this.out = target;
        write(columns.stream().map(ExportColumn::name).toArray());
    }

    @Override
    public void write(Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            if (values[i] != null) {
                writeField(values[i].toString());
            }
        }
        out.write("\r\n");
    }

    private void writeField(String text) throws IOException {
        if (text.isEmpty()) {
            out.write("\"\"");
        } else if (needsQuotes(text)) {
            out.write('"');
            out.write(text.replace("\"", "\"\""));
            out.write('"');
        } else {
            out.write(text);
        }
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
