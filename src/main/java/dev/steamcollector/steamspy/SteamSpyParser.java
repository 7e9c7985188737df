package dev.steamcollector.steamspy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.http.FetchException;
import dev.steamcollector.model.Bounds;
import dev.steamcollector.model.GameMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads SteamSpy's JSON, quirks included: prices and discounts as strings (or null), {@code []}
 * for a game without tags (about one record in eight), {@code ""} ranks. An answer is only ever about the appid asked, and every value must lie in its sane
 * {@link Bounds}: anything else is an invalid answer, never data.
 */
public final class SteamSpyParser {

    /** SteamSpy answers this appid for games whose data the developer asked to hide. */
    static final int HIDDEN_APP_ID = 999_999;
    private static final Logger log = LoggerFactory.getLogger(SteamSpyParser.class);

    private final ObjectMapper json;

    public SteamSpyParser(ObjectMapper json) {
        this.json = json;
    }

    /**
     * A {@code request=all} page: every known game on it; an empty list past the last page. An
     * invalid record (filed under another appid than its own, or with a value out of range) is
     * skipped, and the rest of the page kept.
     */
    public List<SteamSpyRecord> parsePage(String body) throws IOException {
        JsonNode root = json.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("expected an object keyed by appid");
        }
        List<SteamSpyRecord> records = new ArrayList<>(root.size());
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            try {
                pageRecord(entry.getKey(), entry.getValue()).ifPresent(records::add);
            } catch (FetchException.Invalid e) {
                skipped.add("appid " + Bounds.shown(entry.getKey()) + ": " + e.getMessage());
            }
        }
        if (!skipped.isEmpty()) {
            log.warn("SteamSpy page: {} invalid records skipped, their stored data kept ({}{})", skipped.size(),
                    skipped.getFirst(), skipped.size() > 1 ? "; …" : "");
            skipped.forEach(reason -> log.debug("SteamSpy page record skipped: {}", reason));
        }
        return records;
    }

    /**
     * A {@code request=appdetails} answer for {@code appId}; empty when SteamSpy does not know the
     * game or hides it.
     */
    public Optional<SteamSpyRecord> parseDetails(int appId, String body) throws IOException {
        JsonNode root = json.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("expected a JSON object");
        }
        long answered = new RecordFields(root).appId();
        if (answered > 0 && answered != HIDDEN_APP_ID && answered != appId) {
            throw new FetchException.Invalid("answer about appid " + answered + " instead of " + appId);
        }
        return toRecord(root);
    }

    private Optional<SteamSpyRecord> pageRecord(String key, JsonNode node) throws IOException {
        Optional<SteamSpyRecord> record = toRecord(node);
        if (record.isPresent() && !key.equals(Integer.toString(record.get().appId()))) {
            throw new FetchException.Invalid("the record is about appid " + record.get().appId());
        }
        return record;
    }

    /**
     * Every shape SteamSpy gives an unknown appid, inconsistently: {@code {}}, no appid, appid 0, a
     * null name; or the hidden appid. An empty name alone is no sign: real games have one.
     */
    Optional<SteamSpyRecord> toRecord(JsonNode node) throws IOException {
        if (!node.isObject()) {
            throw new IOException("expected a game object");
        }
        RecordFields fields = new RecordFields(node);
        long appId = fields.appId();
        if (appId <= 0 || appId == HIDDEN_APP_ID) {
            return Optional.empty();
        }
        String name = fields.text("name", Bounds.NAME_CHARS);
        if (name == null) {
            return Optional.empty();
        }
        return Optional.of(new SteamSpyRecord((int) appId, name, metadata((int) appId, fields)));
    }

    private static GameMetadata metadata(int appId, RecordFields fields) {
        RecordFields.Owners owners = fields.owners();
        return new GameMetadata(appId,
                nonBlank(fields.text("developer", Bounds.TEXT_CHARS)), nonBlank(fields.text("publisher", Bounds.TEXT_CHARS)),
                owners.text(), owners.min(), owners.max(),
                fields.count("positive", Bounds.REVIEWS), fields.count("negative", Bounds.REVIEWS),
                fields.count("score_rank", Bounds.PERCENT),
                fields.count("average_forever", Bounds.PLAYTIME_MINUTES),
                fields.count("average_2weeks", Bounds.PLAYTIME_MINUTES),
                fields.count("median_forever", Bounds.PLAYTIME_MINUTES),
                fields.count("median_2weeks", Bounds.PLAYTIME_MINUTES),
                fields.count("ccu", Bounds.CCU),
                fields.count("price", Bounds.US_CENTS), fields.count("initialprice", Bounds.US_CENTS),
                fields.count("discount", Bounds.PERCENT),
                nonBlank(fields.text("genre", Bounds.TEXT_CHARS)), nonBlank(fields.text("languages", Bounds.TEXT_CHARS)),
                fields.tags());
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
