package dev.steamcollector.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * What a terminal of a given size shows after some output, as far as progress lines and logs use
 * it: printable text (a line reaching the last column wraps), CR, LF, tab, cursor up
 * ({@code ESC[nA}, not past the top of the screen), erase line ({@code ESC[2K}), erase to its
 * end ({@code ESC[K}) and erase below ({@code ESC[J}); other escape sequences (colours) are
 * skipped. Lines that scrolled off the top are kept, as in a scrollback.
 */
public final class TerminalScreen {

    private static final char ESC = '\u001b';

    private final int columns;
    private final int rows;
    private final List<StringBuilder> lines = new ArrayList<>(List.of(new StringBuilder()));
    private int row;
    private int column;
    private int wraps;

    public TerminalScreen(int columns, int rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /** The screen after {@code output}, written on a fresh terminal. */
    public static TerminalScreen of(String output, int columns, int rows) {
        TerminalScreen screen = new TerminalScreen(columns, rows);
        screen.write(output);
        return screen;
    }

    public void write(String output) {
        for (int i = 0; i < output.length(); i++) {
            char c = output.charAt(i);
            switch (c) {
                case '\r' -> column = 0;
                case '\n' -> down();
                case '\t' -> column = Math.min(columns - 1, (column / 8 + 1) * 8);
                case ESC -> i = escape(output, i);
                default -> {
                    if (c >= ' ') {
                        print(c);
                    }
                }
            }
        }
    }

    /** Every line, the scrollback's first, without trailing blanks; the last ones empty left out. */
    public List<String> lines() {
        List<String> text = new ArrayList<>(lines.stream().map(line -> line.toString().stripTrailing()).toList());
        while (!text.isEmpty() && text.getLast().isEmpty()) {
            text.removeLast();
        }
        return text;
    }

    /** How many times a line reached the last column and went on on the next line. */
    public int wraps() {
        return wraps;
    }

    @Override
    public String toString() {
        return String.join("\n", lines());
    }

    private void print(char c) {
        if (column >= columns) {
            wraps++;
            down();
            column = 0;
        }
        StringBuilder line = lines.get(row);
        while (line.length() < column) {
            line.append(' ');
        }
        if (column < line.length()) {
            line.setCharAt(column, c);
        } else {
            line.append(c);
        }
        column++;
    }

    private void down() {
        row++;
        if (row == lines.size()) {
            lines.add(new StringBuilder());
        }
    }

    /** Reads the sequence starting at {@code start}; returns the index of its last character. */
    private int escape(String output, int start) {
        if (start + 1 >= output.length() || output.charAt(start + 1) != '[') {
            return Math.min(start + 1, output.length() - 1);
        }
        int end = start + 2;
        while (end < output.length() && !(output.charAt(end) >= '@' && output.charAt(end) <= '~')) {
            end++;
        }
        if (end == output.length()) {
            return end - 1;
        }
        String parameter = output.substring(start + 2, end);
        switch (output.charAt(end)) {
            case 'A' -> row = Math.max(top(), row - (parameter.isEmpty() ? 1 : Integer.parseInt(parameter)));
            case 'K' -> eraseLine(parameter.equals("2") ? 0 : column);
            case 'J' -> {
                eraseLine(column);
                lines.subList(row + 1, lines.size()).forEach(line -> line.setLength(0));
            }
            default -> {
                // colours and the like change nothing of the text
            }
        }
        return end;
    }

    private void eraseLine(int from) {
        StringBuilder line = lines.get(row);
        if (from < line.length()) {
            line.setLength(from);
        }
    }

    /** The first line of the screen: the cursor goes no higher. */
    private int top() {
        return Math.max(0, lines.size() - rows);
    }
}
