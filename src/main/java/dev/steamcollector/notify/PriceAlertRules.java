package dev.steamcollector.notify;

import dev.steamcollector.config.NotifySettings;
import dev.steamcollector.model.Announcement;
import dev.steamcollector.model.PriceChange;
import dev.steamcollector.model.PricePoint;
import java.util.Optional;

/**
 * Which price changes are worth a message: a discount that reaches {@code NOTIFY_MIN_DISCOUNT_PERCENT}
 * where the previous price had less, or a drop of at least {@code NOTIFY_MIN_DROP_PERCENT}. Never a
 * game's first observed price, so a first run stays silent; nothing at all while Discord is off.
 */
public record PriceAlertRules(boolean enabled, int minDropPercent, int minDiscountPercent) {

    public static PriceAlertRules from(NotifySettings settings) {
        return new PriceAlertRules(settings.enabled(), settings.minDropPercent(), settings.minDiscountPercent());
    }

    public Optional<Announcement> evaluate(PriceChange change) {
        if (!enabled || change.previous().isEmpty()) {
            return Optional.empty();
        }
        PricePoint before = change.previous().get();
        int now = change.now().priceCents();
        int discount = change.now().discountPercent() == null ? 0 : change.now().discountPercent();
        int discountBefore = before.discountPercent() == null ? 0 : before.discountPercent();
        if (discount >= minDiscountPercent && discountBefore < minDiscountPercent && now < before.priceCents()) {
            return Optional.of(new Announcement(Announcement.Kind.NEW_DISCOUNT, change));
        }
        if (before.priceCents() > 0 && now < before.priceCents()
                && (before.priceCents() - now) * 100L >= (long) minDropPercent * before.priceCents()) {
            return Optional.of(new Announcement(Announcement.Kind.PRICE_DROP, change));
        }
        return Optional.empty();
    }
}
