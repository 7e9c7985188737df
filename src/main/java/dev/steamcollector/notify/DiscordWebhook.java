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

/**
 * A Discord webhook (https://discord.com/developers/docs/resources/webhook#execute-webhook). Its
 * waits (a 429's {@code retry_after}, the pause after a server error) add up to at most
 * {@link #MAX_WAIT} over its life: a longer wait is left to the next run.
 */
public final class DiscordWebhook {

    /** Discord's limit of embeds in one message. */
    public static final int MAX_EMBEDS = DiscordLimits.EMBEDS;
    /** The longest a run waits for Discord, all waits together. */
    public static final Duration MAX_WAIT = Duration.ofMinutes(1);
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final int ATTEMPTS = 5;

    private final HttpUrl url;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final Ticker ticker;
    private Duration waited = Duration.ZERO;

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

    /** Discord refused the message for what it holds (HTTP 400 or 413): sending it again would not help. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    /** Discord asked for a longer wait than a run gives it: the message waits for the next run. */
    public static final class Postponed extends IOException {
        private static final long serialVersionUID = 1L;

        Postponed(String message) {
            super(message);
        }
    }

    /**
     * Posts one message, its texts clipped to Discord's limits, waiting out a 429's
     * {@code retry_after} and retrying server and network errors.
     *
     * @throws Refused when Discord refuses the message for its content
     * @throws Postponed when Discord asks for a longer wait than is left of {@link #MAX_WAIT}
     * @throws IOException when Discord refuses it otherwise (a wrong webhook) or stays unreachable
     * @throws InterruptedException when a wait is cut short (a stop)
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
                if (waited.plus(wait.get()).compareTo(MAX_WAIT) > 0) {
                    throw new Postponed("Discord asks to wait " + wait.get().toSeconds() + "s, longer than a run waits ("
                            + MAX_WAIT.toSeconds() + "s in all): the queue waits for the next run");
                }
                waited = waited.plus(wait.get());
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
            if (response.code() == 400 || response.code() == 413) {
                throw new Refused(reason(response.code(), response.body().string()));
            }
            if (response.code() < 500) {
                throw new RefusedException("Discord refused the message: HTTP " + response.code());
            }
        } catch (RefusedException | Refused refused) {
            throw refused;
        } catch (IOException unreachable) {
            // a network error: worth another try, like a server error
        }
        return Optional.of(Duration.ofSeconds(attempt));
    }

    /** A refusal that another try would not change, and that is not about the message's content. */
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
                return Duration.ofMillis(Math.max(1, Math.round(Math.min(seconds.asDouble(), 1e9) * 1000)));
            }
        } catch (IOException notJson) {
            // fall through to a default wait
        }
        return Duration.ofSeconds(1);
    }

    /** Discord's reason, e.g. {@code HTTP 400: Invalid Form Body (embeds.0.title: Must be 256 or fewer in length.)}. */
    private String reason(int status, String body) {
        String reason = "HTTP " + status;
        try {
            JsonNode answer = json.readTree(body);
            if (answer != null && answer.path("message").isTextual()) {
                reason += ": " + answer.path("message").asText();
                Optional<String> detail = firstError(answer.path("errors"), "");
                if (detail.isPresent()) {
                    reason += " (" + detail.get() + ")";
                }
            }
        } catch (IOException notJson) {
            // the status alone
        }
        return DiscordLimits.clip(reason, 500);
    }

    /** The first {@code _errors} entry of Discord's error tree, with its path. */
    private static Optional<String> firstError(JsonNode node, String path) {
        if (!node.isObject()) {
            return Optional.empty();
        }
        JsonNode errors = node.path("_errors");
        if (errors.isArray() && !errors.isEmpty()) {
            String message = errors.get(0).path("message").asText();
            return Optional.of(path.isEmpty() ? message : path + ": " + message);
        }
        var names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            Optional<String> found = firstError(node.get(name), path.isEmpty() ? name : path + "." + name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private ObjectNode message(String content, List<Embed> embeds) {
        ObjectNode message = json.createObjectNode();
        if (content != null) {
            message.put("content", DiscordLimits.clip(content, DiscordLimits.CONTENT));
        }
        ArrayNode list = message.putArray("embeds");
        for (Embed embed : embeds) {
            Embed clipped = DiscordLimits.clip(embed);
            ObjectNode node = list.addObject();
            node.put("title", clipped.title());
            node.put("url", clipped.link());
            node.put("description", clipped.description());
            node.put("color", clipped.color());
            ArrayNode fields = node.putArray("fields");
            clipped.fields().forEach(field -> fields.addObject().put("name", field.name())
                    .put("value", field.value()).put("inline", true));
        }
        return message;
    }
}
