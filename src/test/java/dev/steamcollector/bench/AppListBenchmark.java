package dev.steamcollector.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Serves a keyed app list built from the real SteamSpy dumps as {@code IStoreService/GetAppList/v1}
 * pages, and has a child JVM under a small heap collect it into SQLite, measuring time and memory.
 */
public final class AppListBenchmark {

    static final String KEY = "BENCHKEY";
    static final int PAGE_SIZE = 50_000;
    private static final String PATH = "/IStoreService/GetAppList/v1/";
    private static final int SYNTHETIC_STRIDE = 10_000_000;
    private static final long CHILD_TIMEOUT_MINUTES = 20;
    private static final int WARM_UP_ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        int wanted = args.length > 0 ? Integer.parseInt(args[0]) : 250_000;
        if (wanted < 1) {
            System.err.println("usage: applist [APPS>=1]");
            System.exit(2);
        }
        String heap = System.getProperty("bench.heap", "256m");
        Path dataDirectory = Path.of(System.getProperty("bench.data", "../shared/data"));
        System.out.printf(Locale.ROOT, "App list benchmark: %,d apps, pages of %,d, collected under -Xmx%s%n",
                wanted, PAGE_SIZE, heap);
        List<Path> dumps = SteamSpyDumps.find(dataDirectory);
        if (dumps.isEmpty()) {
            System.out.println("SKIPPED: no SteamSpy dumps (" + String.join(", ", SteamSpyDumps.FILES) + ") in "
                    + dataDirectory.toAbsolutePath().normalize());
            System.exit(0);
        }
        SortedMap<Integer, String> real = SteamSpyDumps.readApps(dumps);
        List<Page> pages = renderPages(real, wanted);
        WireMockServer server = new WireMockServer(wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(16)
                .disableRequestJournal()
                // pages go out compressed once, before the clock starts, as a real server's would: compressing
                // 5 MB a request took the fake 1-4 s of the two shared cores, more than collecting the page
                .gzipDisabled(true));
        server.start();
        int status;
        try {
            stub(server, pages);
            warmUp(server, pages);
            status = runChild("http://127.0.0.1:" + server.port(), wanted, heap);
        } finally {
            server.stop();
        }
        System.exit(status);
    }

    /** Builds the list (real apps, then synthetic copies) and renders it as pre-serialised JSON pages. */
    private static List<Page> renderPages(SortedMap<Integer, String> real, int wanted) {
        long copies = (wanted - 1L) / real.size();
        if (real.lastKey() >= SYNTHETIC_STRIDE || real.lastKey() + copies * SYNTHETIC_STRIDE > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cannot extend the list to " + wanted + " apps with appid + "
                    + SYNTHETIC_STRIDE + "*k");
        }
        int[] ids = new int[wanted];
        String[] names = new String[wanted];
        int n = 0;
        for (int copy = 0; n < wanted; copy++) {
            for (Map.Entry<Integer, String> app : real.entrySet()) {
                if (n == wanted) {
                    break;
                }
                ids[n] = app.getKey() + copy * SYNTHETIC_STRIDE;
                names[n] = copy == 0 ? app.getValue() : app.getValue() + " (copy " + copy + ")";
                n++;
            }
        }
        int fromDumps = Math.min(wanted, real.size());
        System.out.printf(Locale.ROOT, "data: %,d unique apps read from %s%n", real.size(), String.join(" + ",
                SteamSpyDumps.FILES));
        System.out.printf(Locale.ROOT, "data: %,d real apps used, %,d synthetic copies added (appid + %,d*k,"
                + " name + \" (copy k)\")%n", fromDumps, wanted - fromDumps, SYNTHETIC_STRIDE);
        List<Page> pages = new ArrayList<>();
        long bytes = 0;
        long compressed = 0;
        for (int from = 0; from < wanted; from += PAGE_SIZE) {
            int to = Math.min(wanted, from + PAGE_SIZE);
            byte[] body = render(ids, names, from, to);
            Page page = new Page(gzip(body), ids[to - 1]);
            pages.add(page);
            bytes += body.length;
            compressed += page.gzippedBody().length;
        }
        System.out.printf(Locale.ROOT, "data: %d pages, %,d bytes of JSON in all (%,d gzipped), appids %,d .. %,d%n",
                pages.size(), bytes, compressed, ids[0], ids[wanted - 1]);
        return pages;
    }

    private static byte[] render(int[] ids, String[] names, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("response");
            json.writeArrayFieldStart("apps");
            for (int i = from; i < to; i++) {
                json.writeStartObject();
                json.writeNumberField("appid", ids[i]);
                json.writeStringField("name", names[i]);
                json.writeNumberField("last_modified", 1_700_000_000 + i % 1_000_000);
                json.writeNumberField("price_change_number", 20_000_000 + i);
                json.writeEndObject();
            }
            json.writeEndArray();
            if (to < ids.length) {
                // the terminal page carries neither field, as the real API
                json.writeBooleanField("have_more_results", true);
                json.writeNumberField("last_appid", ids[to - 1]);
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One stub a page, told apart by the {@code last_appid} cursor; the first page has none. */
    private static void stub(WireMockServer server, List<Page> pages) {
        String cursor = null;
        for (Page page : pages) {
            MappingBuilder request = get(urlPathEqualTo(PATH))
                    .withQueryParam("key", equalTo(KEY))
                    .withQueryParam("include_games", equalTo("true"))
                    .withQueryParam("max_results", equalTo(Integer.toString(PAGE_SIZE)))
                    .withQueryParam("last_appid", cursor == null ? absent() : equalTo(cursor));
            server.stubFor(request.willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withHeader("Content-Encoding", "gzip")
                    .withBody(page.gzippedBody())));
            cursor = Integer.toString(page.lastAppId());
        }
    }

    /**
     * Serves every page a few times before the clock starts, as a real server is warm: the fake's
     * first answer otherwise took a third of a second of class loading and compiling in this JVM.
     */
    private static void warmUp(WireMockServer server, List<Page> pages) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            for (int page = 0; page < pages.size(); page++) {
                String query = "?key=" + KEY + "&include_games=true&max_results=" + PAGE_SIZE
                        + (page == 0 ? "" : "&last_appid=" + pages.get(page - 1).lastAppId());
                HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + PATH + query)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("the fake answered its own page with HTTP " + answer.statusCode());
                }
            }
        }
    }

    /** Runs the collection in a fresh JVM (same java and classpath) so the fake's memory is not counted. */
    private static int runChild(String baseUrl, int wanted, String heap) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "--enable-native-access=ALL-UNNAMED"));
        // the options the droplet's systemd units ship, unless told otherwise: -Dbench.childOptions= for the
        // JVM's defaults, or e.g. -Dbench.childOptions=-XX:StartFlightRecording=filename=applist.jfr to profile
        String options = System.getProperty("bench.childOptions", CatalogueBenchmark.DROPLET_OPTIONS).strip();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AppListRun.class.getName(), baseUrl,
                Integer.toString(wanted)));
        System.out.println("child: " + java + " -Xmx" + heap + (options.isEmpty() ? "" : " " + options) + " "
                + AppListRun.class.getName() + " " + baseUrl);
        Process child = new ProcessBuilder(command).inheritIO().start();
        if (!child.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            System.out.println("FAILED: the child did not finish within " + CHILD_TIMEOUT_MINUTES + " minutes");
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            return 1;
        }
        if (child.exitValue() != 0) {
            System.out.println("FAILED: the child exited with code " + child.exitValue());
        }
        return child.exitValue();
    }

    /** A pre-rendered page and the appid of its last app, the cursor of the next request. */
    private record Page(byte[] gzippedBody, int lastAppId) {
    }
}
