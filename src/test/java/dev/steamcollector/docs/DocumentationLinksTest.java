package dev.steamcollector.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** README.md and the pages in {@code docs/} link only to files and headings that exist. */
class DocumentationLinksTest {

    private static final Path README = Path.of("README.md");
    private static final Path DOCS = Path.of("docs");
    private static final int README_MAX_LINES = 300;

    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[(?:[^\\]\\\\]|\\\\.)*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE_LINK = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+).+?\\1");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:|^//");

    private record Link(Path document, int line, String target) {

        @Override
        public String toString() {
            return document + ":" + line + ": (" + target + ")";
        }
    }

    @Test
    void everyRelativeLinkLeadsToAFileAndHeadingThatExist() {
        List<Link> links = documents().stream().flatMap(document -> linksIn(document).stream())
                .filter(link -> !SCHEME.matcher(link.target()).find()).toList();

        List<String> broken = links.stream().map(DocumentationLinksTest::problemWith)
                .filter(problem -> !problem.isEmpty()).toList();

        assertThat(links).as("relative links found").hasSizeGreaterThan(30);
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void everyPageInDocsIsLinkedFromTheReadme() {
        Set<Path> linked = new HashSet<>();
        for (Link link : linksIn(README)) {
            if (!SCHEME.matcher(link.target()).find()) {
                linked.add(targetFile(link).normalize());
            }
        }

        assertThat(documents().stream().filter(document -> !document.equals(README)).map(Path::normalize))
                .allSatisfy(page -> assertThat(linked).as("README links to " + page).contains(page));
    }

    @Test
    void readmeOpensWithTheTwoCommandsAndStaysShort() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int fence = lines.indexOf("```");
        int fenceEnd = lines.subList(fence + 1, lines.size()).indexOf("```") + fence + 1;

        assertThat(lines.getFirst()).startsWith("# ");
        assertThat(fence).as("the code block of the two commands opens the README").isBetween(2, 8);
        assertThat(lines.subList(fence + 1, fenceEnd)).hasSize(2)
                .satisfiesExactly(
                        build -> assertThat(build).startsWith("scripts/steam-collector collect"),
                        test -> assertThat(test).startsWith("scripts/test"));
        assertThat(lines).as("the README's lines; reference belongs in docs/").hasSizeLessThanOrEqualTo(README_MAX_LINES);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            SQLite, PostgreSQL and MySQL/MariaDB         | sqlite-postgresql-and-mysqlmariadb
            Running on a schedule: cron or systemd       | running-on-a-schedule-cron-or-systemd
            `collect --full-refresh`                     | collect---full-refresh
            How they travel (outbox)                     | how-they-travel-outbox
            Deploy on a 1 GB droplet                     | deploy-on-a-1-gb-droplet
            See [metrics](docs/metrics.md) and *alerts*  | see-metrics-and-alerts
            steam_queue_size                             | steam_queue_size
            """)
    void headingsBecomeAnchorsAsOnGitHub(String heading, String anchor) {
        assertThat(slug(heading)).isEqualTo(anchor);
    }

    @Test
    void repeatedHeadingsGetNumberedAnchors() {
        assertThat(anchors(List.of("# Options", "text", "## Options", "```", "# not a heading", "```", "## Options")))
                .containsExactlyInAnyOrder("options", "options-1", "options-2");
    }

    private static String problemWith(Link link) {
        Path file = targetFile(link);
        if (!Files.exists(file)) {
            return link + ": no such file " + file;
        }
        int hash = link.target().indexOf('#');
        if (hash < 0 || !file.toString().endsWith(".md")) {
            return "";
        }
        String anchor = link.target().substring(hash + 1);
        return anchors(readLines(file)).contains(anchor) ? "" : link + ": no heading #" + anchor + " in " + file;
    }

    private static Path targetFile(Link link) {
        String target = link.target();
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        return path.isEmpty() ? link.document() : link.document().resolveSibling(path).normalize();
    }

    private static List<Path> documents() {
        List<Path> documents = new ArrayList<>(List.of(README));
        try (Stream<Path> pages = Files.list(DOCS)) {
            pages.filter(page -> page.toString().endsWith(".md")).sorted().forEach(documents::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    private static List<Link> linksIn(Path document) {
        List<Link> links = new ArrayList<>();
        List<String> lines = readLines(document);
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            String text = CODE_SPAN.matcher(line).replaceAll("");
            for (Matcher link = INLINE_LINK.matcher(text); link.find(); ) {
                links.add(new Link(document, i + 1, link.group(1)));
            }
            Matcher reference = REFERENCE_LINK.matcher(text);
            if (reference.find()) {
                links.add(new Link(document, i + 1, reference.group(1)));
            }
        }
        return links;
    }

    /** The anchors GitHub gives a page's headings (a repeated one gets -1, -2, …), and explicit HTML anchors. */
    static Set<String> anchors(List<String> lines) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
            for (Matcher html = HTML_ANCHOR.matcher(line); html.find(); ) {
                anchors.add(html.group(1));
            }
        }
        return anchors;
    }

    /** GitHub's anchor of a heading: its text, lower case, punctuation dropped, spaces as hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
        return text.strip().toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
                .replace(' ', '-');
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
