package dev.steamcollector.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Standard output for a long stream of rows. A {@link PrintWriter} never throws: it only notes an
 * error, here that the reader of a pipe went away ({@code export | head}). This writer looks at that
 * note every 64 KiB and on flush, and ends the stream with {@link ReaderGone} instead of writing
 * the rest into a closed pipe.
 */
final class StdoutWriter extends Writer {

    private static final int CHECK_EVERY = 64 * 1024;

    private final PrintWriter out;
    private int sinceCheck;

    StdoutWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        out.write(chars, offset, length);
        count(length);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        out.write(text, offset, length);
        count(length);
    }

    @Override
    public void write(int c) throws IOException {
        out.write(c);
        count(1);
    }

    private void count(int chars) throws IOException {
        sinceCheck += chars;
        if (sinceCheck >= CHECK_EVERY) {
            sinceCheck = 0;
            check();
        }
    }

    /** Flushes and fails with {@link ReaderGone} when standard output can no longer be written. */
    private void check() throws ReaderGone {
        // checkError() flushes first, so it sees a write that failed just now
        if (out.checkError()) {
            throw new ReaderGone();
        }
    }

    @Override
    public void flush() throws IOException {
        check();
    }

    /** Leaves standard output open: it belongs to the process. */
    @Override
    public void close() throws IOException {
        flush();
    }

    /** The reader of standard output closed it (a pipe into {@code head}): normal for a filter, not an error. */
    static final class ReaderGone extends IOException {
        ReaderGone() {
            super("standard output was closed by its reader");
        }
    }
}
