package dev.steamcollector.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every text of a message within Discord's limits, whatever the APIs sent. */
class DiscordLimitsTest {

    private static final String MEGABYTE_NAME = "x".repeat(1 << 20);

    @Test
    void aMegabyteNameBecomesATitleOf256Characters() {
        DiscordWebhook.Embed embed = DiscordLimits.clip(new DiscordWebhook.Embed(MEGABYTE_NAME, "https://x/app/1",
                "Price drop", 1, List.of(new DiscordWebhook.Field("Was", "USD 1.00"))));

        assertThat(embed.title()).hasSize(DiscordLimits.TITLE).endsWith("…").startsWith("xxxx");
        assertThat(embed.description()).isEqualTo("Price drop");
        assertThat(embed.fields()).containsExactly(new DiscordWebhook.Field("Was", "USD 1.00"));
    }

    @ParameterizedTest
    @CsvSource({"short, 10, short", "exactly10!, 10, exactly10!", "eleven char, 10, eleven ch…"})
    void clipsToTheLimitWithAnEllipsis(String text, int max, String clipped) {
        assertThat(DiscordLimits.clip(text, max)).isEqualTo(clipped);
    }

    @Test
    void neverSplitsACharacterOfTwoUnits() {
        String emoji = "\uD83C\uDFAE".repeat(10);

        String clipped = DiscordLimits.clip(emoji, 6);

        assertThat(clipped.length()).isLessThanOrEqualTo(6);
        assertThat(clipped).isEqualTo("\uD83C\uDFAE\uD83C\uDFAE…");
    }

    @Test
    void everyFieldAndTheWholeEmbedStayWithinTheirLimits() {
        List<DiscordWebhook.Field> fields = Collections.nCopies(40,
                new DiscordWebhook.Field("n".repeat(1_000), "v".repeat(5_000)));

        DiscordWebhook.Embed embed = DiscordLimits.clip(new DiscordWebhook.Embed(MEGABYTE_NAME, "https://x",
                "d".repeat(10_000), 1, fields));

        assertThat(embed.description().length()).isLessThanOrEqualTo(DiscordLimits.DESCRIPTION);
        assertThat(embed.fields()).hasSizeLessThanOrEqualTo(DiscordLimits.FIELDS).allSatisfy(field -> {
            assertThat(field.name().length()).isLessThanOrEqualTo(DiscordLimits.FIELD_NAME);
            assertThat(field.value().length()).isLessThanOrEqualTo(DiscordLimits.FIELD_VALUE);
        });
        assertThat(DiscordLimits.size(embed)).isLessThanOrEqualTo(DiscordLimits.TOTAL);
    }

    @Test
    void packsAtMostTenEmbedsAMessage() {
        List<List<Integer>> messages = DiscordLimits.pack(IntStream.range(0, 23).boxed().toList(), i -> 100);

        assertThat(messages).extracting(List::size).containsExactly(10, 10, 3);
        assertThat(messages.stream().flatMap(List::stream)).containsExactlyElementsOf(
                IntStream.range(0, 23).boxed().toList());
    }

    @Test
    void packsAtMost6000CharactersAMessage() {
        List<List<Integer>> messages = DiscordLimits.pack(List.of(2_500, 2_500, 1_001, 10, 5_999), i -> i);

        assertThat(messages).containsExactly(List.of(2_500, 2_500), List.of(1_001, 10), List.of(5_999));
    }
}
