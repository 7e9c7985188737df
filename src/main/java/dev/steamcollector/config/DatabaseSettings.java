package dev.steamcollector.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the data lives: a JDBC URL with its credentials kept apart, parsed from every form of
 * {@code DATABASE_URL} the product accepts.
 */
public record DatabaseSettings(Kind kind, String jdbcUrl, Optional<String> user, Optional<Secret> password) {

    /** The supported databases; MYSQL stands for MySQL and MariaDB alike. */
    public enum Kind { SQLITE, POSTGRESQL, MYSQL }

    /** The one driver used for MySQL and MariaDB speaks to both under its own scheme. */
    private static final String MYSQL_JDBC = "jdbc:mariadb://";

    static final String VARIABLE = "DATABASE_URL";
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)[?&;]password=([^&;]*)");

    public DatabaseSettings {
        if (jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("jdbcUrl is blank");
        }
    }

    /**
     * Parses {@code sqlite:///relative.db}, {@code sqlite:////abs/path.db}, {@code jdbc:sqlite:…},
     * {@code postgresql://user:pass@host:port/db?…}, {@code postgres://…}, {@code jdbc:postgresql://…},
     * {@code mysql://user:pass@host:port/db?…}, {@code mariadb://…}, {@code jdbc:mysql://…} and
     * {@code jdbc:mariadb://…}; relative SQLite paths resolve against {@code workingDirectory}.
     */
    public static DatabaseSettings parse(String url, Path workingDirectory) {
        String text = url.trim();
        if (text.startsWith("sqlite:///")) {
            return sqlite(text.substring("sqlite:///".length()), workingDirectory, url);
        }
        if (text.startsWith("jdbc:sqlite:")) {
            return new DatabaseSettings(Kind.SQLITE, text, Optional.empty(), Optional.empty());
        }
        if (text.startsWith("postgresql://") || text.startsWith("postgres://")) {
            return server(Kind.POSTGRESQL, "jdbc:postgresql://", text, url);
        }
        if (text.startsWith("jdbc:postgresql://")) {
            return new DatabaseSettings(Kind.POSTGRESQL, text, Optional.empty(), Optional.empty());
        }
        if (text.startsWith("mysql://") || text.startsWith("mariadb://")) {
            return server(Kind.MYSQL, MYSQL_JDBC, text, url);
        }
        if (text.startsWith("jdbc:mysql://") || text.startsWith(MYSQL_JDBC)) {
            String rest = text.substring(text.indexOf("://") + 3);
            return new DatabaseSettings(Kind.MYSQL, MYSQL_JDBC + rest, Optional.empty(), Optional.empty());
        }
        if (text.startsWith("sqlite:")) {
            throw new ConfigException(VARIABLE, "'" + text
                    + "' needs three slashes before a relative path (sqlite:///steam_games.db) or four before an absolute one (sqlite:////var/lib/steam.db)");
        }
        throw new ConfigException(VARIABLE, "'" + redact(text)
                + "' is not a database URL; use sqlite:///file.db, postgresql://user:pass@host:5432/db, mysql://user:pass@host:3306/db or a jdbc: URL");
    }

    private static DatabaseSettings sqlite(String path, Path workingDirectory, String original) {
        if (path.isBlank()) {
            throw new ConfigException(VARIABLE, "'" + original + "' names no file");
        }
        Path file = path.startsWith("/") ? Path.of(path) : workingDirectory.resolve(path);
        return new DatabaseSettings(Kind.SQLITE, "jdbc:sqlite:" + file.toAbsolutePath().normalize(),
                Optional.empty(), Optional.empty());
    }

    /** A {@code scheme://user:pass@host:port/db?query} URL of a database server. */
    private static DatabaseSettings server(Kind kind, String jdbcScheme, String text, String original) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigException(VARIABLE, "'" + redact(original) + "' is not a valid URL: " + e.getReason());
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new ConfigException(VARIABLE, "'" + redact(original) + "' names no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.length() <= 1) {
            throw new ConfigException(VARIABLE, "'" + redact(original) + "' names no database (…/dbname)");
        }
        StringBuilder jdbc = new StringBuilder(jdbcScheme).append(uri.getHost());
        if (uri.getPort() != -1) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(path);
        if (uri.getRawQuery() != null) {
            jdbc.append('?').append(kind == Kind.MYSQL ? toDriverOptions(uri.getRawQuery()) : uri.getRawQuery());
        }
        Optional<String> user = Optional.empty();
        Optional<Secret> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                password = Optional.of(new Secret(decode(userInfo.substring(colon + 1))));
            }
        }
        return new DatabaseSettings(kind, jdbc.toString(), user, password);
    }

    /**
     * Managed MySQL services hand out {@code ?ssl-mode=REQUIRED} (the mysql client's spelling); the
     * driver calls it {@code sslMode} and knows {@code VERIFY_IDENTITY} as {@code verify-full}.
     */
    private static String toDriverOptions(String query) {
        return Arrays.stream(query.split("&"))
                .map(option -> option.regionMatches(true, 0, "ssl-mode=", 0, "ssl-mode=".length())
                        ? "sslMode=" + sslMode(option.substring("ssl-mode=".length()))
                        : option)
                .collect(Collectors.joining("&"));
    }

    private static String sslMode(String value) {
        return value.equalsIgnoreCase("VERIFY_IDENTITY") ? "verify-full" : value;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Hides a password in a URL that is about to be printed. */
    static String redact(String url) {
        return url.replaceAll("(://[^:/@]*:)[^@/]*@", "$1****@")
                .replaceAll("(?i)(password=)[^&]*", "$1****");
    }

    /**
     * Every form the password takes in what was typed or is passed on (decoded, percent-encoded, a
     * {@code password=} parameter of a JDBC URL), so that logs can hide each.
     */
    public List<String> secrets() {
        List<String> forms = new ArrayList<>();
        password.map(Secret::reveal).ifPresent(value -> {
            forms.add(value);
            forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
            forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        });
        Matcher parameter = PASSWORD_PARAMETER.matcher(jdbcUrl);
        while (parameter.find()) {
            forms.add(parameter.group(1));
            forms.add(URLDecoder.decode(parameter.group(1).replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return forms.stream().filter(form -> !form.isEmpty()).distinct().toList();
    }

    /** The database as it may be shown to a person: no password. */
    public String describe() {
        String shown = redact(jdbcUrl);
        return user.map(u -> shown + " (user " + u + (password.isPresent() ? ", password ****)" : ")"))
                .orElse(shown);
    }

    @Override
    public String toString() {
        return describe();
    }
}
