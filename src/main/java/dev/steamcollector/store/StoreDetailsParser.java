package dev.steamcollector.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.model.ReviewSummary;
import dev.steamcollector.model.StoreDescription;
import dev.steamcollector.model.StoreDescription.Platforms;
import dev.steamcollector.model.StoreDescription.Release;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the Store's one-game {@code appdetails} and its review summary, quirks included:
 * {@code required_age} as a number or a string, release dates as display text,
 * languages as HTML, optional blocks absent. An answer about another game, or a count out of any
 * sane range, is malformed: a failed answer, never data.
 */
public final class StoreDetailsParser {

    private static final int MAX_AGE = 100;

    private final ObjectMapper json;

    public StoreDetailsParser(ObjectMapper json) {
        this.json = json;
    }

    /** {@code {"N":{"success":true,"data":{…}}}}; empty for {@code success:false} (unknown, removed, region-locked). */
    public Optional<StoreDescription> parseDescription(String body, int appId) throws IOException {
        JsonNode root = json.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("expected an object keyed by appid");
        }
        JsonNode entry = root.get(String.valueOf(appId));
        if (entry == null || !entry.isObject()) {
            throw new IOException("no entry for appid " + appId + " (an answer about " + keys(root) + ")");
        }
        if (!entry.path("success").asBoolean(false)) {
            return Optional.empty();
        }
        JsonNode data = entry.get("data");
        if (data == null || !data.isObject()) {
            throw new IOException("success without a data object");
        }
        int answered = data.path("steam_appid").asInt(appId);
        if (answered != appId) {
            throw new IOException("an answer about appid " + answered + ", not " + appId);
        }
        return Optional.of(toDescription(appId, data));
    }

    private StoreDescription toDescription(int appId, JsonNode data) throws IOException {
        JsonNode platforms = data.path("platforms");
        return new StoreDescription(appId, text(data, "name"), text(data, "type"), release(data.path("release_date")),
                data.path("is_free").asBoolean(false), requiredAge(data.get("required_age")),
                new Platforms(bool(platforms, "windows"), bool(platforms, "mac"), bool(platforms, "linux")),
                count(data.path("metacritic"), "score", 100), count(data.path("recommendations"), "total", null),
                count(data.path("achievements"), "total", null), data.path("dlc").size(),
                names(data.get("developers")), names(data.get("publishers")), descriptions(data.get("genres")),
                descriptions(data.get("categories")), LanguageList.parse(text(data, "supported_languages")),
                text(data, "controller_support"), text(data, "short_description"), text(data, "header_image"),
                text(data, "website"));
    }

    /** The display text as sent; a date only when it is one and the game is out. */
    private static Release release(JsonNode node) {
        String text = text(node, "date");
        boolean comingSoon = node.path("coming_soon").asBoolean(false);
        LocalDate date = comingSoon ? null : ReleaseDates.parse(text).orElse(null);
        return new Release(date, text, comingSoon);
    }

    /** A number for most apps, a string such as {@code "18"} for some; other text means unknown. */
    private static Integer requiredAge(JsonNode node) throws IOException {
        if (node == null || node.isNull()) {
            return null;
        }
        String digits = node.asText().strip();
        Integer age = node.isIntegralNumber() ? Integer.valueOf(node.asInt())
                : digits.matches("\\d{1,3}\\+?") ? Integer.valueOf(digits.replace("+", "")) : null;
        if (age != null && (age < 0 || age > MAX_AGE)) {
            throw new IOException("required_age " + age + " is out of range");
        }
        return age;
    }

    /** {@code block.field} as a count not below 0 (nor above {@code max}); null when the block is absent. */
    private static Integer count(JsonNode block, String field, Integer max) throws IOException {
        JsonNode value = block.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() && !value.asText().matches("-?\\d{1,9}")) {
            throw new IOException(field + " is not a count: " + value);
        }
        int count = value.canConvertToInt() ? value.asInt() : Integer.parseInt(value.asText());
        if (count < 0 || max != null && count > max) {
            throw new IOException(field + " " + count + " is out of range");
        }
        return count;
    }

    /** An array of names ({@code developers}, {@code publishers}); null when absent. */
    private static List<String> names(JsonNode array) {
        if (array == null || !array.isArray()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        array.forEach(item -> {
            if (item.isTextual() && !item.asText().isBlank()) {
                names.add(item.asText().strip());
            }
        });
        return names;
    }

    /** The names of {@code [{"id": …, "description": name}]} ({@code genres}, {@code categories}); null when absent. */
    private static List<String> descriptions(JsonNode array) {
        if (array == null || !array.isArray()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        array.forEach(item -> {
            String name = text(item, "description");
            if (name != null) {
                names.add(name);
            }
        });
        return names;
    }

    /**
     * The summary of {@code appreviews/N?json=1}: {@code {"success":1,"query_summary":{…}}}; empty
     * when {@code success} is anything but 1 (an unknown app).
     */
    public Optional<ReviewSummary> parseReviews(String body, int appId) throws IOException {
        JsonNode root = json.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("expected a JSON object");
        }
        if (root.path("success").asInt(0) != 1) {
            return Optional.empty();
        }
        JsonNode summary = root.get("query_summary");
        if (summary == null || !summary.isObject() || !summary.has("total_reviews")) {
            throw new IOException("success without a query_summary");
        }
        Integer score = count(summary, "review_score", 9);
        try {
            return Optional.of(new ReviewSummary(appId, score == null ? 0 : score,
                    text(summary, "review_score_desc"), total(summary, "total_positive"),
                    total(summary, "total_negative"), total(summary, "total_reviews")));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static long total(JsonNode summary, String field) throws IOException {
        JsonNode value = summary.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new IOException(field + " is not a count: " + value);
        }
        return value.asLong();
    }

    private static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isBoolean() ? null : value.asBoolean();
    }

    /** Text as sent; null when absent, null or blank. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    private static String keys(JsonNode root) {
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        return keys.isEmpty() ? "nothing" : "appid " + String.join(", ", keys);
    }
}
