package dev.steamcollector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;

class AnswerLimitTest {

    private static final MediaType JSON = MediaType.get("application/json");

    @Test
    void readsAnAnswerUpToTheLimit() throws IOException {
        String text = "{\"name\":\"" + "x".repeat(1000 - 11) + "\"}";

        assertThat(AnswerLimit.read(ResponseBody.create(text, JSON), 1000)).isEqualTo(text);
    }

    @Test
    void refusesAnAnnouncedLengthPastTheLimitWithoutReadingIt() {
        EndlessSource endless = new EndlessSource();
        ResponseBody body = ResponseBody.create(Okio.buffer(endless), JSON, 50L * 1024 * 1024);

        assertThatThrownBy(() -> AnswerLimit.read(body, 1024 * 1024))
                .isInstanceOf(AnswerLimit.TooLarge.class).hasMessage("answer larger than 1 MB");
        assertThat(endless.served.get()).isZero();
    }

    @Test
    void stopsReadingAnEndlessStreamJustPastTheLimit() {
        EndlessSource endless = new EndlessSource();
        ResponseBody body = ResponseBody.create(Okio.buffer(endless), JSON, -1);

        assertThatThrownBy(() -> AnswerLimit.read(body, AnswerLimit.STEAMSPY_DETAILS))
                .isInstanceOf(AnswerLimit.TooLarge.class).hasMessage("answer larger than 1 MB");
        // okio reads in segments of 8 KiB: one more than the limit, at most a segment's worth
        assertThat(endless.served.get()).isBetween(AnswerLimit.STEAMSPY_DETAILS + 1, AnswerLimit.STEAMSPY_DETAILS + 8192);
    }

    @Test
    void decodesTheCharsetTheAnswerNamesAndSkipsAByteOrderMark() throws IOException {
        Buffer latin1 = new Buffer().writeString("Pokémon", StandardCharsets.ISO_8859_1);
        Buffer bom = new Buffer().write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).writeUtf8("{\"a\":\"é\"}");

        assertThat(AnswerLimit.read(ResponseBody.create(latin1, MediaType.get("text/plain; charset=ISO-8859-1"), -1), 100))
                .isEqualTo("Pokémon");
        assertThat(AnswerLimit.read(ResponseBody.create(bom, JSON, -1), 100)).isEqualTo("{\"a\":\"é\"}");
    }

    @Test
    void eachEndpointHasALimitAboveItsLargestRealAnswer() {
        assertThat(AnswerLimit.of(Endpoint.STEAMSPY)).isEqualTo(1024 * 1024);
        assertThat(AnswerLimit.of(Endpoint.STEAMSPY_ALL)).isGreaterThan(4 * 530_000);
        assertThat(AnswerLimit.of(Endpoint.STEAM_WEB_API)).isGreaterThan(4 * 6_000_000);
        assertThat(AnswerLimit.of(Endpoint.STORE)).isGreaterThan(4 * 250_000);
    }

    /** A body that never ends, counting what was taken from it. */
    private static final class EndlessSource implements Source {
        final AtomicLong served = new AtomicLong();

        @Override
        public long read(Buffer sink, long byteCount) {
            sink.writeUtf8("x".repeat((int) byteCount));
            served.addAndGet(byteCount);
            return byteCount;
        }

        @Override
        public Timeout timeout() {
            return Timeout.NONE;
        }

        @Override
        public void close() {
        }
    }
}
