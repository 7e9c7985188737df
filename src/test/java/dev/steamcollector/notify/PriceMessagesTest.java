package dev.steamcollector.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.model.Announcement.Kind;
import dev.steamcollector.model.QueuedNotification;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PriceMessagesTest {

    private final PriceMessages messages = new PriceMessages(HttpUrl.get("https://store.steampowered.com"));

    private static QueuedNotification queued(String name, Kind kind) {
        return new QueuedNotification(7, 292030, name, kind, "USD", 3999, 1999, 3999, 50);
    }

    @Test
    void aDropShowsTheGameItsOldAndNewPriceAndLinksToItsStorePage() {
        DiscordWebhook.Embed embed = messages.toEmbed(queued("The Witcher 3: Wild Hunt", Kind.PRICE_DROP));

        assertThat(embed.title()).isEqualTo("The Witcher 3: Wild Hunt");
        assertThat(embed.link()).isEqualTo("https://store.steampowered.com/app/292030");
        assertThat(embed.description()).isEqualTo("Price drop: USD 39.99 → USD 19.99");
        assertThat(embed.fields()).containsExactly(
                new DiscordWebhook.Field("Was", "USD 39.99"),
                new DiscordWebhook.Field("Now", "USD 19.99"),
                new DiscordWebhook.Field("Discount", "50%"));
    }

    @Test
    void aNewDiscountSaysSoInItsOwnColour() {
        DiscordWebhook.Embed discount = messages.toEmbed(queued("Stardew Valley", Kind.NEW_DISCOUNT));
        DiscordWebhook.Embed drop = messages.toEmbed(queued("Stardew Valley", Kind.PRICE_DROP));

        assertThat(discount.description()).isEqualTo("New discount: USD 39.99 → USD 19.99");
        assertThat(discount.color()).isNotEqualTo(drop.color());
    }

    @Test
    void theLinkFollowsTheConfiguredStore() {
        PriceMessages local = new PriceMessages(HttpUrl.get("http://localhost:8089/"));

        DiscordWebhook.Embed embed = local.toEmbed(queued("The Witcher 3: Wild Hunt", Kind.PRICE_DROP));

        assertThat(embed.link()).isEqualTo("http://localhost:8089/app/292030");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void aGameWithoutANameIsShownByItsAppId(String name) {
        assertThat(messages.toEmbed(queued(name, Kind.PRICE_DROP)).title()).isEqualTo("App 292030");
    }

    @ParameterizedTest
    @CsvSource({"1999, USD, USD 19.99", "5, USD, USD 0.05", "0, USD, USD 0.00", "100, USD, USD 1.00",
        "50, USD, USD 0.50", "2999, EUR, EUR 29.99", "123456789, USD, USD 1234567.89"})
    void moneyIsShownInMajorUnitsWithTwoDecimals(int minorUnits, String currency, String shown) {
        assertThat(PriceMessages.money(minorUnits, currency)).isEqualTo(shown);
    }

    @Test
    void theSummaryCountsTheRestInTheRightNumber() {
        assertThat(PriceMessages.summary(1)).isEqualTo("…and 1 more price change this run, not announced one by one.");
        assertThat(PriceMessages.summary(2)).isEqualTo("…and 2 more price changes this run, not announced one by one.");
        assertThat(PriceMessages.summary(12_345)).startsWith("…and 12,345 more price changes");
    }
}
