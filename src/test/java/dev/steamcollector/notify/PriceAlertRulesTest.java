package dev.steamcollector.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.model.Announcement;
import dev.steamcollector.model.Announcement.Kind;
import dev.steamcollector.model.PriceChange;
import dev.steamcollector.model.PriceObservation;
import dev.steamcollector.model.PricePoint;
import dev.steamcollector.model.PriceSource;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceAlertRulesTest {

    private final PriceAlertRules rules = new PriceAlertRules(true, 10, 25);

    private static PriceChange change(PricePoint before, int priceCents, Integer discountPercent) {
        return new PriceChange(observation(priceCents, discountPercent), Optional.ofNullable(before));
    }

    private static PriceObservation observation(int priceCents, Integer discountPercent) {
        return new PriceObservation(292030, "USD", priceCents, 3999, discountPercent, PriceSource.STORE);
    }

    private Optional<Kind> kind(PriceChange change) {
        return rules.evaluate(change).map(Announcement::kind);
    }

    @Test
    void aFirstObservationIsNeverAnnounced() {
        assertThat(rules.evaluate(change(null, 999, 75))).isEmpty();
    }

    @Test
    void nothingIsAnnouncedWhileDiscordIsOff() {
        PriceAlertRules off = new PriceAlertRules(false, 10, 25);

        assertThat(off.evaluate(change(new PricePoint(3999, 3999, 0), 999, 75))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "1000, 900, true", // exactly 10%
        "1000, 901, false", // 9.9%
        "1999, 1799, true", // 10.0%: 200 of 1999 is 10.005%
        "1999, 1800, false", // 9.95%
        "3999, 1, true",
    })
    void aDropIsAnnouncedFromTheThresholdUp(int before, int now, boolean announced) {
        Optional<Kind> kind = kind(change(new PricePoint(before, before, 0), now, 0));

        assertThat(kind).isEqualTo(announced ? Optional.of(Kind.PRICE_DROP) : Optional.empty());
    }

    @Test
    void theAnnouncementCarriesTheChange() {
        PriceChange change = change(new PricePoint(2000, 2000, 0), 1000, 0);

        assertThat(rules.evaluate(change)).get().extracting(Announcement::change).isEqualTo(change);
    }

    @ParameterizedTest
    @CsvSource({"1000, 1500, 0, 0", "1000, 1500, 0, 50", "1000, 1000, 0, 30"})
    void aPriceThatDoesNotFallIsNotAnnounced(int before, int now, int discountBefore, int discount) {
        // a higher or equal price, even with a new discount (the initial price was raised)
        assertThat(kind(change(new PricePoint(before, before, discountBefore), now, discount))).isEmpty();
    }

    @Test
    void aDiscountReachingTheThresholdIsANewDiscountEvenWhenThePriceFellLittle() {
        // 5% cheaper: no drop by the drop rule, but the discount crossed 25%
        assertThat(kind(change(new PricePoint(1000, 1250, 20), 950, 25))).contains(Kind.NEW_DISCOUNT);
        assertThat(kind(change(new PricePoint(2000, 2000, null), 1000, 50))).contains(Kind.NEW_DISCOUNT);
    }

    @Test
    void aDiscountBelowTheThresholdIsJudgedAsADropOnly() {
        assertThat(kind(change(new PricePoint(1000, 1000, 0), 800, 20))).contains(Kind.PRICE_DROP);
        assertThat(kind(change(new PricePoint(1000, 1000, 0), 950, 5))).isEmpty();
    }

    @Test
    void aDiscountAlreadyPastTheThresholdThatDeepensIsJudgedAsADrop() {
        // 25% → 50% off 2000: 1500 → 1000 is a third cheaper
        assertThat(kind(change(new PricePoint(1500, 2000, 25), 1000, 50))).contains(Kind.PRICE_DROP);
        // 25% → 30%: 1500 → 1400 is under 10% cheaper
        assertThat(kind(change(new PricePoint(1500, 2000, 25), 1400, 30))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "0, 100", "499, 0", "499, 100"})
    void aPreviousPriceOfZeroIsNeverADrop(int now, int discount) {
        // a free game that stays free under a 100% "discount", or starts to cost money
        assertThat(kind(change(new PricePoint(0, 0, 0), now, discount))).isEmpty();
    }
}
