package dev.steamcollector.http;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.ByteString;

/**
 * The most an answer of each endpoint may weigh, and a read that stops there: a body larger than
 * any real answer is refused before it fills the memory, however it is sent (announced length,
 * chunked, or an endless stream).
 */
final class AnswerLimit {

    private static final long MB = 1024 * 1024;
    private static final ByteString UTF8_BOM = ByteString.decodeHex("efbbbf");
    /** SteamSpy per-game details: a real answer is about 2 KB (20 tags at most). */
    static final long STEAMSPY_DETAILS = MB;
    /** A SteamSpy {@code all} page of 1,000 games: the biggest real one is about 530 KB. */
    static final long STEAMSPY_PAGE = 8 * MB;
    /** A Steam Web API app list page of 50,000 games: about 6 MB. */
    static final long APP_LIST = 32 * MB;
    /** Anything else (Store prices: about 250 bytes a game, 1,000 games a request at most). */
    static final long OTHER = 8 * MB;

    private AnswerLimit() {
    }

    static long of(Endpoint endpoint) {
        return switch (endpoint) {
            case STEAMSPY -> STEAMSPY_DETAILS;
            case STEAMSPY_ALL -> STEAMSPY_PAGE;
            case STEAM_WEB_API -> APP_LIST;
            default -> OTHER;
        };
    }

    /** The body as text, in the charset it names (UTF-8 otherwise); {@link TooLarge} past {@code limit} bytes. */
    static String read(ResponseBody body, long limit) throws IOException {
        if (body.contentLength() > limit) {
            throw new TooLarge(limit);
        }
        BufferedSource source = body.source();
        // buffers at most limit + 1 bytes: one more than allowed is enough to know
        if (source.request(limit + 1)) {
            throw new TooLarge(limit);
        }
        if (source.rangeEquals(0, UTF8_BOM)) {
            source.skip(UTF8_BOM.size());
        }
        MediaType type = body.contentType();
        Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
        return source.readString(charset);
    }

    /** A body past its endpoint's limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("answer larger than " + (limit % MB == 0 ? limit / MB + " MB" : limit + " bytes"));
        }
    }
}
