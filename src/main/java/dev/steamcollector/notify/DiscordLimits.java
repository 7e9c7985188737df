package dev.steamcollector.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Discord's limits on a message (https://discord.com/developers/docs/resources/message#embed-object-embed-limits):
 * every text is clipped to its limit, so that no value, however long, gets a message refused.
 */
public final class DiscordLimits {

    public static final int CONTENT = 2_000;
    public static final int TITLE = 256;
    public static final int DESCRIPTION = 4_096;
    public static final int FIELDS = 25;
    public static final int FIELD_NAME = 256;
    public static final int FIELD_VALUE = 1_024;
    /** Embeds in one message. */
    public static final int EMBEDS = 10;
    /** Characters of all the embeds of one message together. */
    public static final int TOTAL = 6_000;

    private DiscordLimits() {
    }

    /** {@code text} cut to {@code max} characters, ending in an ellipsis when cut; null stays null. */
    public static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        if (max < 1) {
            return "";
        }
        int end = max - 1;
        // never split a character made of two UTF-16 units
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** The embed with every text within its limit, and within {@link #TOTAL} as a whole. */
    public static DiscordWebhook.Embed clip(DiscordWebhook.Embed embed) {
        List<DiscordWebhook.Field> fields = embed.fields().stream().limit(FIELDS)
                .map(f -> new DiscordWebhook.Field(clip(f.name(), FIELD_NAME), clip(f.value(), FIELD_VALUE)))
                .toList();
        DiscordWebhook.Embed clipped = new DiscordWebhook.Embed(clip(embed.title(), TITLE), embed.link(),
                clip(embed.description(), DESCRIPTION), embed.color(), fields);
        int over = size(clipped) - TOTAL;
        if (over > 0 && clipped.description() != null) {
            // the description gives way first, then the last fields
            int room = Math.max(1, clipped.description().length() - over);
            clipped = new DiscordWebhook.Embed(clipped.title(), clipped.link(), clip(clipped.description(), room),
                    clipped.color(), fields);
        }
        while (size(clipped) > TOTAL && !clipped.fields().isEmpty()) {
            clipped = new DiscordWebhook.Embed(clipped.title(), clipped.link(), clipped.description(),
                    clipped.color(), clipped.fields().subList(0, clipped.fields().size() - 1));
        }
        return clipped;
    }

    /** The characters of an embed that count toward {@link #TOTAL}. */
    public static int size(DiscordWebhook.Embed embed) {
        int size = length(embed.title()) + length(embed.description());
        for (DiscordWebhook.Field field : embed.fields()) {
            size += length(field.name()) + length(field.value());
        }
        return size;
    }

    /**
     * Splits {@code items} into messages, in order: at most {@link #EMBEDS} a message and at most
     * {@link #TOTAL} characters together, by {@code size}.
     */
    public static <T> List<List<T>> pack(List<T> items, ToIntFunction<T> size) {
        List<List<T>> messages = new ArrayList<>();
        List<T> message = new ArrayList<>();
        int total = 0;
        for (T item : items) {
            int itemSize = size.applyAsInt(item);
            if (!message.isEmpty() && (message.size() == EMBEDS || total + itemSize > TOTAL)) {
                messages.add(message);
                message = new ArrayList<>();
                total = 0;
            }
            message.add(item);
            total += itemSize;
        }
        if (!message.isEmpty()) {
            messages.add(message);
        }
        return messages;
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
