package dev.steamcollector.steamspy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steamcollector.http.FetchException;
import dev.steamcollector.model.Bounds;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the fields of one SteamSpy record within their sane {@link Bounds}. Unknown is allowed
 * ({@code null}, and {@code ""} for numbers); anything else that is not a value in range makes the
 * whole record invalid ({@link FetchException.Invalid}), so it never replaces stored data.
 */
final class RecordFields {

    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    /** SteamSpy's owners range: {@code "1,000,000 .. 2,000,000"}. */
    private static final Pattern OWNERS = Pattern.compile("(\\d{1,3}(?:,\\d{3})*) \\.\\. (\\d{1,3}(?:,\\d{3})*)");

    private final JsonNode node;

    RecordFields(JsonNode node) {
        this.node = node;
    }

    /** The record's appid; 0 when it has none (a not-found shape). */
    long appId() {
        JsonNode value = node.get("appid");
        if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
            return 0;
        }
        long appId = number(value, "appid");
        if (appId > Bounds.APP_ID) {
            throw invalid("appid " + Bounds.shown(value.asText()) + " is not an appid");
        }
        return appId;
    }

    /** A text field; {@code null} when absent or null. */
    String text(String field, int maxChars) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw invalid(field + " is " + value.getNodeType().toString().toLowerCase() + ", not text");
        }
        String text = value.asText();
        if (text.length() > maxChars) {
            throw invalid(field + " of " + text.length() + " characters (at most " + maxChars + ")");
        }
        return text;
    }

    /** A count in {@code 0..max}, sent as a number or a string of digits. */
    Integer count(String field, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
            return null;
        }
        long number = number(value, field);
        if (!Bounds.within(number, max)) {
            throw invalid(field + " " + number + " is outside 0.." + max);
        }
        return (int) number;
    }

    /** The owners range as sent, with its two ends; all {@code null} when unknown. */
    Owners owners() {
        String text = text("owners", Bounds.TEXT_CHARS);
        if (text == null || text.isBlank()) {
            return new Owners(null, null, null);
        }
        Matcher range = OWNERS.matcher(text.strip());
        if (!range.matches()) {
            throw invalid("owners '" + Bounds.shown(text) + "' is not a range like '20,000 .. 50,000'");
        }
        String min = range.group(1).replace(",", "");
        String max = range.group(2).replace(",", "");
        // more digits than a long holds is past the bound anyway
        if (max.length() > 18 || min.length() > max.length() || Long.parseLong(max) > Bounds.OWNERS
                || Long.parseLong(min) > Long.parseLong(max)) {
            throw invalid("owners '" + Bounds.shown(text) + "' is not a range within 0.." + Bounds.OWNERS);
        }
        return new Owners(text, Long.parseLong(min), Long.parseLong(max));
    }

    /** The tag-to-votes object as JSON text; SteamSpy sends {@code []} for a game without tags. */
    String tags() {
        JsonNode value = node.get("tags");
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray() && value.isEmpty()) {
            return "{}";
        }
        if (!value.isObject()) {
            throw invalid("tags are " + value.getNodeType().toString().toLowerCase() + ", not an object of votes");
        }
        for (Map.Entry<String, JsonNode> tag : value.properties()) {
            String what = "tags: votes for '" + Bounds.shown(tag.getKey()) + "'";
            long votes = number(tag.getValue(), what);
            if (!Bounds.within(votes, Bounds.REVIEWS)) {
                throw invalid(what + " " + votes + " are outside 0.." + Bounds.REVIEWS);
            }
        }
        String json = value.toString();
        if (json.length() > Bounds.TAGS_JSON_CHARS) {
            throw invalid("tags of " + json.length() + " characters (at most " + Bounds.TAGS_JSON_CHARS + ")");
        }
        return json;
    }

    private static long number(JsonNode value, String field) {
        String text = value.isIntegralNumber() || value.isTextual() ? value.asText().strip() : null;
        if (text == null || !INTEGER.matcher(text).matches()) {
            throw invalid(field + " " + Bounds.shown(value.toString()) + " is not a whole number");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException tooLong) {
            throw invalid(field + " " + Bounds.shown(text) + " is past any real value");
        }
    }

    private static FetchException.Invalid invalid(String reason) {
        return new FetchException.Invalid("invalid answer: " + reason);
    }

    /** SteamSpy's owners text and its two ends. */
    record Owners(String text, Long min, Long max) {
    }
}
