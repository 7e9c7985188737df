package dev.steamcollector.export;

import java.io.Closeable;
import java.io.IOException;

/** Writes exported rows in one format. Closing flushes what is buffered and leaves the target open. */
public interface RowWriter extends Closeable {

    /** Writes one row: values in the order of the columns the writer was opened with. */
    void write(Object[] values) throws IOException;
}
