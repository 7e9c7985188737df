package dev.steamcollector.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steamcollector.http.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A Discord webhook (https://discord.com/developers/docs/resources/webhook#execute-webhook). */
public final class DiscordWebhook {

    /** Discord's limit of embeds in one message. */
    public static final int MAX_EMBEDS = 10;
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final int ATTEMPTS = 5;

    private final HttpUrl url;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final Ticker ticker;

    public DiscordWebhook(HttpUrl url, OkHttpClient http, ObjectMapper json, Ticker ticker) {
        this.url = url;
        this.http = http;
        this.json = json;
        this.ticker = ticker;
    }

    /** One embed: a title linking somewhere, a line of text, and short fields. */
    public record Embed(String title, String link, String description, int color, List<Field> fields) {
    }

    /** A name and value shown side by side in an embed. */
    public record Field(String name, String value) {
    }

    /**
     * Posts one message, waiting out Discord's 429 {@code retry_after} and retrying server errors.
     *
     * @throws IOException when Discord refuses it or stays unreachable
     */
    public void post(String content, List<Embed> embeds) throws IOException, InterruptedException {
        if (embeds.size() > MAX_EMBEDS) {
            throw new IllegalArgumentException("at most " + MAX_EMBEDS + " embeds a message");
        }
        RequestBody body = RequestBody.create(json.writeValueAsBytes(message(content, embeds)), JSON_TYPE);
        Request request = new Request.Builder().url(url).post(body).build();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Duration> wait = tryOnce(request, attempt);
            if (wait.isEmpty()) {
                return;
            }
            if (attempt < ATTEMPTS) {
                ticker.sleep(wait.get().toNanos());
            }
        }
        throw new IOException("Discord did not accept the message after " + ATTEMPTS + " tries");
    }

    /**
     * One try: empty when Discord accepted the message, else how long to wait before the next.
     *
     * @throws IOException when Discord refuses the message for good (a 4xx other than 429)
     */
    private Optional<Duration> tryOnce(Request request, int attempt) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            if (response.isSuccessful()) {
                return Optional.empty();
            }
            if (response.code() == 429) {
                return Optional.of(retryAfter(response.body().string()));
            }
            if (response.code() < 500) {
                throw new RefusedException("Discord refused the message: HTTP " + response.code());
            }
        } catch (RefusedException refused) {
            throw refused;
        } catch (IOException unreachable) {
            // a network error: worth another try, like a server error
        }
        return Optional.of(Duration.ofSeconds(attempt));
    }

    /** A refusal that another try would not change. */
    private static final class RefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    private Duration retryAfter(String body) {
        try {
            JsonNode seconds = json.readTree(body).path("retry_after");
            if (seconds.isNumber()) {
                return Duration.ofMillis(Math.max(1, Math.round(seconds.asDouble() * 1000)));
            }
        } catch (IOException notJson) {
            // fall through to a default wait
        }
        return Duration.ofSeconds(1);
    }

    private ObjectNode message(String content, List<Embed> embeds) {
        ObjectNode message = json.createObjectNode();
        if (content != null) {
            message.put("content", content.length() > 2000 ? content.substring(0, 2000) : content);
        }
        ArrayNode list = message.putArray("embeds");
        for (Embed embed : embeds) {
            ObjectNode node = list.addObject();
            node.put("title", embed.title());
            node.put("url", embed.link());
            node.put("description", embed.description());
            node.put("color", embed.color());
            ArrayNode fields = node.putArray("fields");
            embed.fields().forEach(field -> fields.addObject().put("name", field.name()).put("value", field.value())
                    .put("inline", true));
        }
        return message;
    }
}
