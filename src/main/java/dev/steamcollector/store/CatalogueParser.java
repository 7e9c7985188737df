package dev.steamcollector.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.model.Bounds;
import dev.steamcollector.model.CatalogueDescription.Reviews;
import dev.steamcollector.model.CatalogueDescription.SteamDeck;
import dev.steamcollector.model.StoreDescription.Languages;
import dev.steamcollector.model.StoreDescription.Platforms;
import dev.steamcollector.model.StoreDescription.Release;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code IStoreBrowseService/GetItems} answers, protobuf-JSON quirks included: 64-bit numbers
 * as strings, absent blocks simply missing, items in any order and correlated by {@code id}, an
 * appid with no store page as {@code success} other than 1. A malformed item is an invalid answer
 * for its game alone; an answer without its list of items is malformed as a whole.
 */
final class CatalogueParser {

    /** Steam sends at most 20 tags a game; far more is no real answer. */
    static final int MAX_TAGS = 20;
    private static final int MAX_LIST = 200;
    private static final int MAX_LABEL_CHARS = 100;
    private static final DateTimeFormatter STORE_DATE = DateTimeFormatter.ofPattern("d MMM, yyyy", Locale.ENGLISH);
    private static final Map<Integer, String> TYPES = Map.of(0, "game", 1, "demo", 2, "mod", 3, "movie", 4, "dlc",
            6, "software", 11, "music");

    private final ObjectMapper json;

    CatalogueParser(ObjectMapper json) {
        this.json = json;
    }

    /** An item that cannot be data: its game's answer failed. */
    static final class InvalidItem extends Exception {
        InvalidItem(String reason) {
            super(reason, null, false, false);
        }
    }

    CatalogueAnswer parse(String body, Collection<Integer> asked) throws IOException {
        JsonNode items = json.readTree(body).path("response").path("store_items");
        if (!items.isArray()) {
            throw new IOException("no store_items list in the answer");
        }
        Set<Integer> open = new LinkedHashSet<>(asked);
        Map<Integer, CatalogueItem> described = new HashMap<>();
        List<Integer> noStoreItem = new ArrayList<>();
        Map<Integer, String> invalid = new LinkedHashMap<>();
        List<Integer> foreign = new ArrayList<>();
        for (JsonNode item : items) {
            Integer id = idOf(item);
            if (id == null || !open.remove(id)) {
                foreign.add(id == null ? -1 : id);
                continue;
            }
            try {
                if (whole(item, "success", 0, Integer.MAX_VALUE).orElse(0L) != 1) {
                    noStoreItem.add(id);
                } else {
                    described.put(id, toItem(id, item));
                }
            } catch (InvalidItem e) {
                invalid.put(id, e.getMessage());
            }
        }
        return new CatalogueAnswer(described, noStoreItem, invalid, List.copyOf(open), foreign);
    }

    /** The item's {@code id} when it is an app's (item_type 0) and a sane appid; null otherwise. */
    private static Integer idOf(JsonNode item) {
        try {
            if (!item.isObject() || whole(item, "item_type", 0, Integer.MAX_VALUE).orElse(0L) != 0) {
                return null;
            }
            return whole(item, "id", 1, Bounds.APP_ID).map(Long::intValue).orElse(null);
        } catch (InvalidItem e) {
            return null;
        }
    }

    private static CatalogueItem toItem(int id, JsonNode item) throws InvalidItem {
        JsonNode basic = item.path("basic_info");
        JsonNode release = item.path("release");
        Boolean earlyAccess = bool(item, "is_early_access");
        if (earlyAccess == null) {
            earlyAccess = bool(release, "is_early_access");
        }
        return new CatalogueItem(id, text(item, "name", Bounds.NAME_CHARS),
                whole(item, "type", 0, 1_000).map(type -> TYPES.get(type.intValue())).orElse(null),
                release(release), bool(item, "is_free"), earlyAccess,
                whole(item.path("related_items"), "parent_appid", 1, Bounds.APP_ID).map(Long::intValue).orElse(null),
                platforms(item.path("platforms")), deck(item.path("platforms")),
                names(basic.path("developers")), names(basic.path("publishers")), tagIds(item), categoryIds(item),
                languages(item.path("supported_languages")), text(basic, "short_description", Bounds.TEXT_CHARS),
                reviews(item.path("reviews").path("summary_filtered")));
    }

    /** The date only once the game is out; the text a custom message, the coming-soon text, or the date as the Store writes it. */
    private static Release release(JsonNode node) throws InvalidItem {
        boolean comingSoon = Boolean.TRUE.equals(bool(node, "is_coming_soon"));
        long unix = whole(node, "steam_release_date", 0, Bounds.UNIX_TIME).orElse(0L);
        LocalDate date = comingSoon || unix == 0 ? null : LocalDate.ofInstant(Instant.ofEpochSecond(unix), ZoneOffset.UTC);
        String text = text(node, "custom_release_date_message", MAX_LABEL_CHARS);
        if (text == null && comingSoon) {
            text = text(node, "coming_soon_display", MAX_LABEL_CHARS);
        }
        if (text == null && date != null) {
            text = STORE_DATE.format(date);
        }
        return new Release(date, text, comingSoon);
    }

    private static Platforms platforms(JsonNode node) throws InvalidItem {
        return new Platforms(bool(node, "windows"), bool(node, "mac"), bool(node, "steamos_linux"));
    }

    private static SteamDeck deck(JsonNode node) throws InvalidItem {
        return whole(node, "steam_deck_compat_category", 0, 1_000).map(c -> SteamDeck.ofCategory(c.intValue()))
                .orElse(null);
    }

    /** Tag ids in Steam's order: {@code tags} (with weights) when sent, else {@code tagids}; the first 20. */
    private static List<Integer> tagIds(JsonNode item) throws InvalidItem {
        JsonNode tags = item.path("tags");
        List<Integer> ids = new ArrayList<>();
        if (tags.isArray()) {
            checkSize(tags, "tags");
            for (JsonNode tag : tags) {
                whole(tag, "tagid", 0, Integer.MAX_VALUE).ifPresent(id -> ids.add(id.intValue()));
            }
        } else {
            ids.addAll(ids(item.path("tagids"), "tagids"));
        }
        return ids.size() > MAX_TAGS ? ids.subList(0, MAX_TAGS) : ids;
    }

    private static List<Integer> categoryIds(JsonNode item) throws InvalidItem {
        JsonNode groups = item.path("categories");
        List<Integer> ids = new ArrayList<>();
        for (String group : List.of("supported_player_categoryids", "feature_categoryids", "controller_categoryids")) {
            ids.addAll(ids(groups.path(group), group));
        }
        return ids;
    }

    private static Languages languages(JsonNode list) throws InvalidItem {
        Set<String> supported = new LinkedHashSet<>();
        Set<String> fullAudio = new LinkedHashSet<>();
        if (list.isArray()) {
            checkSize(list, "supported_languages");
            for (JsonNode language : list) {
                long number = whole(language, "elanguage", 0, Integer.MAX_VALUE).orElse(-1L);
                StoreLanguages.name((int) number).ifPresent(name -> {
                    if (language.path("supported").asBoolean(false)) {
                        supported.add(name);
                    }
                    if (language.path("full_audio").asBoolean(false)) {
                        fullAudio.add(name);
                    }
                });
            }
        }
        return new Languages(joined(supported), joined(fullAudio));
    }

    private static Reviews reviews(JsonNode node) throws InvalidItem {
        if (!node.isObject()) {
            return Reviews.NONE;
        }
        return new Reviews(whole(node, "review_score", 0, 9).map(Long::intValue).orElse(null),
                text(node, "review_score_label", MAX_LABEL_CHARS),
                whole(node, "percent_positive", 0, Bounds.PERCENT).map(Long::intValue).orElse(null),
                whole(node, "review_count", 0, Bounds.REVIEWS).orElse(null));
    }

    private static List<String> names(JsonNode list) throws InvalidItem {
        List<String> names = new ArrayList<>();
        if (list.isArray()) {
            checkSize(list, "names");
            for (JsonNode entry : list) {
                String name = text(entry, "name", Bounds.NAME_CHARS);
                if (name != null) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static List<Integer> ids(JsonNode list, String field) throws InvalidItem {
        List<Integer> ids = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return ids;
        }
        if (!list.isArray()) {
            throw new InvalidItem(field + " is not a list");
        }
        checkSize(list, field);
        for (JsonNode id : list) {
            ids.add((int) number(id, field, 0, Integer.MAX_VALUE));
        }
        return ids;
    }

    private static void checkSize(JsonNode list, String field) throws InvalidItem {
        if (list.size() > MAX_LIST) {
            throw new InvalidItem(field + " has " + list.size() + " entries");
        }
    }

    /** A whole number within {@code min..max}, sent as a number or (64-bit) as a string of digits; empty when absent. */
    static Optional<Long> whole(JsonNode parent, String field, long min, long max) throws InvalidItem {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(number(node, field, min, max));
    }

    private static long number(JsonNode node, String field, long min, long max) throws InvalidItem {
        long value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.longValue();
        } else if (node.isTextual() && node.asText().matches("-?\\d{1,19}")) {
            try {
                value = Long.parseLong(node.asText());
            } catch (NumberFormatException e) {
                throw new InvalidItem(field + " " + Bounds.shown(node.asText()) + " is no number");
            }
        } else {
            throw new InvalidItem(field + " " + Bounds.shown(node.toString()) + " is no whole number");
        }
        if (value < min || value > max) {
            throw new InvalidItem(field + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    private static Boolean bool(JsonNode parent, String field) throws InvalidItem {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new InvalidItem(field + " " + Bounds.shown(node.toString()) + " is no boolean");
        }
        return node.booleanValue();
    }

    private static String text(JsonNode parent, String field, int maxChars) throws InvalidItem {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidItem(field + " " + Bounds.shown(node.toString()) + " is no text");
        }
        String value = node.asText().strip();
        if (value.length() > maxChars) {
            throw new InvalidItem(field + " has " + value.length() + " characters");
        }
        return value.isEmpty() ? null : value;
    }

    private static String joined(Set<String> names) {
        return names.isEmpty() ? null : String.join(", ", names);
    }
}
