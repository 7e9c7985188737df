package dev.steamcollector.notify;

import dev.steamcollector.model.Announcement;
import dev.steamcollector.model.QueuedNotification;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;

/** Turns queued announcements into Discord embeds: name, old and new price, discount, store link; within Discord's limits. */
public final class PriceMessages {

    private static final int GREEN = 0x57F287;
    private static final int BLUE = 0x5865F2;

    private final HttpUrl store;

    public PriceMessages(HttpUrl store) {
        this.store = store;
    }

    public DiscordWebhook.Embed toEmbed(QueuedNotification n) {
        String name = n.gameName() == null || n.gameName().isBlank() ? "App " + n.appId() : n.gameName();
        String what = n.kind() == Announcement.Kind.NEW_DISCOUNT ? "New discount" : "Price drop";
        String description = String.format(Locale.ROOT, "%s: %s → %s", what, money(n.oldPriceCents(), n.currency()),
                money(n.newPriceCents(), n.currency()));
        List<DiscordWebhook.Field> fields = new ArrayList<>();
        fields.add(new DiscordWebhook.Field("Was", money(n.oldPriceCents(), n.currency())));
        fields.add(new DiscordWebhook.Field("Now", money(n.newPriceCents(), n.currency())));
        fields.add(new DiscordWebhook.Field("Discount", n.discountPercent() + "%"));
        HttpUrl link = store.newBuilder().addPathSegment("app").addPathSegment(String.valueOf(n.appId())).build();
        // a game's name is whatever the APIs sent: clipped to what Discord accepts
        return DiscordLimits.clip(new DiscordWebhook.Embed(name, link.toString(), description,
                n.kind() == Announcement.Kind.NEW_DISCOUNT ? GREEN : BLUE, fields));
    }

    /** The summary for announcements over the per-run cap. */
    public static String summary(long more) {
        return String.format(Locale.ROOT, "…and %,d more price change%s this run, not announced one by one.", more,
                more == 1 ? "" : "s");
    }

    static String money(int minorUnits, String currency) {
        return String.format(Locale.ROOT, "%s %d.%02d", currency, minorUnits / 100, minorUnits % 100);
    }
}
