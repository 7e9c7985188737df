package dev.steamcollector.steamspy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.model.GameMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads SteamSpy's JSON, quirks included (see API-FACTS): string prices, {@code []} tags, {@code ""} ranks. */
public final class SteamSpyParser {

    /** SteamSpy answers this appid for games whose data the developer asked to hide. */
    static final int HIDDEN_APP_ID = 999_999;

    private final ObjectMapper json;

    public SteamSpyParser(ObjectMapper json) {
        this.json = json;
    }

    /** A {@code request=all} page: every known game on it; an empty list past the last page. */
    public List<SteamSpyRecord> parsePage(String body) throws IOException {
        JsonNode root = json.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("expected an object keyed by appid");
        }
        List<SteamSpyRecord> records = new ArrayList<>(root.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            toRecord(it.next().getValue()).ifPresent(records::add);
        }
        return records;
    }

    /** A {@code request=appdetails} answer; empty when SteamSpy does not know the game or hides it. */
    public Optional<SteamSpyRecord> parseDetails(String body) throws IOException {
        JsonNode root = json.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("expected a JSON object");
        }
        return toRecord(root);
    }

    /** Every not-found shape (API-FACTS): {@code {}}, no appid, appid 0, a null name, or the hidden appid. */
    Optional<SteamSpyRecord> toRecord(JsonNode node) throws IOException {
        if (!node.isObject()) {
            throw new IOException("expected a game object");
        }
        int appId = node.path("appid").asInt(0);
        JsonNode name = node.get("name");
        if (appId <= 0 || appId == HIDDEN_APP_ID || name == null || name.isNull()) {
            return Optional.empty();
        }
        Owners owners = Owners.parse(text(node, "owners"));
        GameMetadata metadata = new GameMetadata(appId,
                nonEmpty(node, "developer"), nonEmpty(node, "publisher"), text(node, "owners"),
                owners.min(), owners.max(),
                integer(node, "positive"), integer(node, "negative"), integer(node, "score_rank"),
                integer(node, "average_forever"), integer(node, "average_2weeks"),
                integer(node, "median_forever"), integer(node, "median_2weeks"),
                integer(node, "ccu"), integer(node, "price"), integer(node, "initialprice"), integer(node, "discount"),
                nonEmpty(node, "genre"), nonEmpty(node, "languages"), tags(node.get("tags")));
        return Optional.of(new SteamSpyRecord(appId, name.asText(), metadata));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String nonEmpty(JsonNode node, String field) {
        String value = text(node, field);
        return value == null || value.isBlank() ? null : value;
    }

    /** Numbers arrive as numbers or as strings of digits; {@code ""} and {@code null} mean unknown. */
    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asInt();
        }
        String digits = value.asText().strip();
        if (!digits.matches("-?\\d{1,9}")) {
            return null;
        }
        return Integer.parseInt(digits);
    }

    /** The tag-to-votes object as JSON text; SteamSpy sends {@code []} for a game without tags. */
    private static String tags(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray() && value.isEmpty() || !value.isObject()) {
            return "{}";
        }
        return value.toString();
    }

    /** SteamSpy's owners range, {@code "1,000,000 .. 2,000,000"}. */
    record Owners(Long min, Long max) {
        static Owners parse(String text) {
            if (text == null) {
                return new Owners(null, null);
            }
            String[] parts = text.replace(",", "").split("\\.\\.");
            if (parts.length != 2) {
                return new Owners(null, null);
            }
            return new Owners(parseLong(parts[0]), parseLong(parts[1]));
        }

        private static Long parseLong(String digits) {
            String trimmed = digits.strip();
            return trimmed.matches("\\d{1,18}") ? Long.valueOf(trimmed) : null;
        }
    }
}
