package dev.steamcollector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steamcollector.model.CatalogueDescription;
import dev.steamcollector.model.CatalogueDescription.SteamDeck;
import dev.steamcollector.model.StoreNames;
import dev.steamcollector.testing.Fixtures;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Catalogue answers read against the appids asked, quirks included, from a fixture in the service's shape. */
class CatalogueParserTest {

    static final List<Integer> ASKED = List.of(1145360, 760, 2000010, 2000020, 2000030);
    static final StoreNames NAMES = new StoreNames(Map.of(19, "Action", 21, "Adventure"),
            Map.of(2, new StoreNames.Category(2, 1, "Single-player"), 22, new StoreNames.Category(22, 2, "Steam Achievements"),
                    28, new StoreNames.Category(28, 3, "Full controller support")), Optional.empty());

    final CatalogueParser parser = new CatalogueParser(new ObjectMapper());

    CatalogueAnswer answer() throws IOException {
        return parser.parse(Fixtures.read("catalogue/getitems_shuffled.json"), ASKED);
    }

    @Test
    void itemsAreReadByTheirIdWhateverTheirOrder() throws IOException {
        CatalogueAnswer answer = answer();

        assertThat(answer.described()).containsOnlyKeys(1145360, 2000010);
        assertThat(answer.noStoreItem()).containsExactly(760);
        assertThat(answer.invalid()).containsOnlyKeys(2000020);
        assertThat(answer.invalid().get(2000020)).contains("review_count -3");
        assertThat(answer.missing()).containsExactly(2000030);
        assertThat(answer.foreign()).containsExactly(999999);
    }

    @Test
    void aDescribedItemCarriesEveryBlockWithNamesForItsIds() throws IOException {
        CatalogueDescription hades = answer().described().get(1145360).describe(NAMES);

        assertThat(hades.name()).isEqualTo("Hades");
        assertThat(hades.type()).isEqualTo("game");
        assertThat(hades.release().date()).isEqualTo(LocalDate.of(2020, 9, 17));
        assertThat(hades.release().text()).isEqualTo("17 Sep, 2020");
        assertThat(hades.release().comingSoon()).isFalse();
        assertThat(hades.free()).isFalse();
        assertThat(hades.platforms().windows()).isTrue();
        assertThat(hades.platforms().linux()).isFalse();
        assertThat(hades.steamDeck()).isEqualTo(SteamDeck.VERIFIED);
        // tag 1717 and category 29 are not in the names: skipped, not invented
        assertThat(hades.tags()).containsExactly("Action", "Adventure");
        assertThat(hades.categories()).containsExactly("Single-player", "Steam Achievements", "Full controller support");
        // language 31 is newer than this list: skipped
        assertThat(hades.languages().supported()).isEqualTo("English, French");
        assertThat(hades.languages().fullAudio()).isEqualTo("English");
        assertThat(hades.developers()).containsExactly("Supergiant Games");
        assertThat(hades.shortDescription()).isEqualTo("Defy the god of the dead.");
        // a 64-bit count sent as a string
        assertThat(hades.reviews().count()).isEqualTo(256_184L);
        assertThat(hades.reviews().percentPositive()).isEqualTo(98);
        assertThat(hades.reviews().score()).isEqualTo(9);
        assertThat(hades.reviews().scoreLabel()).isEqualTo("Overwhelmingly Positive");
    }

    @Test
    void aComingSoonDlcHasItsGameAndNoDateYet() throws IOException {
        CatalogueItem item = answer().described().get(2000010);

        assertThat(item.namedBy(NAMES)).isTrue();
        CatalogueDescription dlc = item.describe(NAMES);
        assertThat(dlc.type()).isEqualTo("dlc");
        assertThat(dlc.parentAppId()).isEqualTo(1145360);
        assertThat(dlc.earlyAccess()).isTrue();
        assertThat(dlc.release().comingSoon()).isTrue();
        assertThat(dlc.release().date()).isNull();
        assertThat(dlc.release().text()).isEqualTo("Q1 2030");
        assertThat(dlc.reviews()).isEqualTo(CatalogueDescription.Reviews.NONE);
        assertThat(dlc.tags()).isEmpty();
        assertThat(answer().described().get(1145360).namedBy(NAMES)).as("tag 1717 is unknown").isFalse();
    }

    @Test
    void anAnswerWithoutItsListOfItemsIsMalformed() {
        assertThatThrownBy(() -> parser.parse("{\"response\":{}}", ASKED)).isInstanceOf(IOException.class)
                .hasMessageContaining("store_items");
        assertThatThrownBy(() -> parser.parse("null", ASKED)).isInstanceOf(IOException.class);
    }

    @Test
    void wholeNumbersArriveAsNumbersOrStringsAndStayWithinTheirRange() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(CatalogueParser.whole(json.readTree("{\"n\":\"499\"}"), "n", 0, 1000)).contains(499L);
        assertThat(CatalogueParser.whole(json.readTree("{\"n\":499}"), "n", 0, 1000)).contains(499L);
        assertThat(CatalogueParser.whole(json.readTree("{}"), "n", 0, 1000)).isEmpty();
        assertThatThrownBy(() -> CatalogueParser.whole(json.readTree("{\"n\":\"4.99\"}"), "n", 0, 1000))
                .isInstanceOf(CatalogueParser.InvalidItem.class);
        assertThatThrownBy(() -> CatalogueParser.whole(json.readTree("{\"n\":\"99999999999999999999\"}"), "n", 0, 1000))
                .isInstanceOf(CatalogueParser.InvalidItem.class);
        assertThatThrownBy(() -> CatalogueParser.whole(json.readTree("{\"n\":1001}"), "n", 0, 1000))
                .isInstanceOf(CatalogueParser.InvalidItem.class);
    }
}
