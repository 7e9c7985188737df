package dev.steamcollector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steamcollector.pipeline.CollectOptions.Mode;
import dev.steamcollector.pipeline.CollectPlan.Pages;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which steps each kind of {@code collect} run takes, with and without an API key. */
class CollectPlanTest {

    @ParameterizedTest(name = "{0}, key {1}")
    @CsvSource(textBlock = """
            INCREMENTAL,     true,  true,  FIGURES
            INCREMENTAL,     false, false, CATALOGUE
            FULL_REFRESH,    true,  true,  FIGURES
            FULL_REFRESH,    false, false, CATALOGUE
            UPDATE_METADATA, true,  false, FIGURES
            UPDATE_METADATA, false, false, FIGURES
            RETRY_FAILED,    true,  false, NONE
            RETRY_FAILED,    false, false, NONE
            """)
    void decidesTheListAndThePagesFromTheModeAndTheKey(Mode mode, boolean key, boolean keyedList, Pages pages) {
        CollectPlan plan = CollectPlan.of(options(mode, List.of()), key);

        assertThat(plan).isEqualTo(new CollectPlan(keyedList, pages, false));
    }

    @ParameterizedTest
    @CsvSource({"INCREMENTAL, true", "FULL_REFRESH, false"})
    void chosenGamesTakeNoListAndNoPages(Mode mode, boolean key) {
        assertThat(CollectPlan.of(options(mode, List.of(10, 20)), key)).isEqualTo(new CollectPlan(false, Pages.NONE, true));
    }

    private static CollectOptions options(Mode mode, List<Integer> appIds) {
        return new CollectOptions(mode, appIds, Integer.MAX_VALUE, Optional.empty(), 3, 100, MaxFailures.DEFAULT);
    }
}
