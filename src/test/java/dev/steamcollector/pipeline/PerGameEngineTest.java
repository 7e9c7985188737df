package dev.steamcollector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steamcollector.http.FetchException;
import dev.steamcollector.metrics.Metrics;
import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.DueSelection;
import dev.steamcollector.model.FetchOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
/** The per-game engine with hand-written fakes: a scripted source and a sink that records each batch. */
class PerGameEngineTest {

    static final Instant NOW = Instant.parse("2026-11-21T03:00:00Z");
    static final Duration LONG_GRACE = Duration.ofMinutes(10);

    final StopSignal stop = new StopSignal();
    final RecordingSink sink = new RecordingSink();
    final SourceTally tally = new SourceTally("Test", new Metrics("collect").task("collect"));

    static List<DueGame> games(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(id -> new DueGame(id, 0)).toList();
    }

    PerGameEngine engine(int workers, int batchSize, Duration grace) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new PerGameEngine(stop, grace, new PerGameEngine.Limits(workers, batchSize),
                (task, total) -> Progress.create(task, total, false, clock));
    }

    GameSource<String> source(GameFetcher<String> fetcher) {
        return new TestSource<>(fetcher, sink);
    }

    /** Runs the engine on a thread of its own; {@link Running#join()} returns what it threw, if anything. */
    Running start(PerGameEngine engine, GameSource<String> source, List<DueGame> due) {
        AtomicReference<RuntimeException> thrown = new AtomicReference<>();
        Thread thread = Thread.ofVirtual().start(() -> {
            try {
                engine.run(source, due, tally);
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        return new Running(thread, thrown);
    }

    record Running(Thread thread, AtomicReference<RuntimeException> thrown) {
        RuntimeException join() throws InterruptedException {
            thread.join();
            return thrown.get();
        }
    }

    @Test
    void storesExactlyOneOutcomePerGameInBatchesOfTheBatchSize() {
        Function<DueGame, FetchOutcome<String>> script = game -> game.appId() % 5 == 0
                ? new FetchOutcome.NotFound<>(game.appId(), NOW)
                : game.appId() % 7 == 0 ? new FetchOutcome.Failed<>(game.appId(), "HTTP 500", NOW, NOW.plusSeconds(900))
                : new FetchOutcome.Fetched<>(game.appId(), "game " + game.appId(), NOW);

        engine(3, 10, LONG_GRACE).run(source(script::apply), games(25), tally);

        assertThat(sink.batchSizes()).containsExactly(10, 10, 5);
        assertThat(sink.appIds()).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 25).boxed().toList());
        assertThat(tally.snapshot()).isEqualTo(new SourceTally.Counts("Test", 17, 5, 3));
        assertThat(sink.outcome(14)).isEqualTo(new FetchOutcome.Failed<>(14, "HTTP 500", NOW, NOW.plusSeconds(900)));
    }

    @Test
    void neverHasMoreThanTheWorkersInFlight() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch threeAtOnce = new CountDownLatch(3);
        GameFetcher<String> fetcher = game -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            threeAtOnce.countDown();
            // the first three wait for each other: the engine must run them side by side
            awaitQuietly(threeAtOnce);
            inFlight.decrementAndGet();
            return new FetchOutcome.Fetched<>(game.appId(), "x", NOW);
        };

        engine(3, 100, LONG_GRACE).run(source(fetcher), games(30), tally);

        assertThat(most.get()).isEqualTo(3);
        assertThat(sink.appIds()).hasSize(30);
    }

    @Test
    void aStopLetsFetchesInFlightFinishAndStartsNoOther() throws InterruptedException {
        HeldFetcher held = new HeldFetcher(Set.of(1, 2));
        Running run = start(engine(2, 100, LONG_GRACE), source(held), games(10));
        held.started.await();

        stop.request(StopSignal.Reason.SIGINT);
        held.release.countDown();

        assertThat(run.join()).isNull();
        assertThat(sink.appIds()).containsExactlyInAnyOrder(1, 2);
        assertThat(held.asked).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void fetchesStillInFlightAfterTheGraceAreCancelledAndStayDue() throws InterruptedException {
        HeldFetcher held = new HeldFetcher(Set.of(2, 3));
        Running run = start(engine(2, 100, Duration.ZERO), source(held), games(10));
        held.started.await();

        stop.request(StopSignal.Reason.SIGTERM);

        assertThat(run.join()).isNull();
        // game 1 came back before the stop and is stored; 2 and 3 were cancelled, not stored
        assertThat(sink.appIds()).containsExactly(1);
        assertThat(held.cancelled).containsExactlyInAnyOrder(2, 3);
        assertThat(held.asked).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(tally.processed()).isEqualTo(1);
    }

    @Test
    void anEndpointGoingDownCommitsWhatCameBackAndStopsTheRun() {
        GameFetcher<String> fetcher = game -> {
            if (game.appId() == 5) {
                throw new FetchException.EndpointDown("Test keeps failing");
            }
            return new FetchOutcome.Fetched<>(game.appId(), "x", NOW);
        };

        assertThatThrownBy(() -> engine(1, 100, LONG_GRACE).run(source(fetcher), games(10), tally))
                .isInstanceOf(FetchException.EndpointDown.class).hasMessage("Test keeps failing");

        // an unfilled batch, committed all the same
        assertThat(sink.batchSizes()).containsExactly(4);
        assertThat(sink.appIds()).containsExactly(1, 2, 3, 4);
        assertThat(stop.reason()).isEqualTo(StopSignal.Reason.ENDPOINT_DOWN);
    }

    @Test
    void anErrorInAFetchIsNoGamesFailureButEndsTheRunAfterCommittingWhatCameBack() {
        GameFetcher<String> fetcher = game -> {
            if (game.appId() == 5) {
                throw new StackOverflowError("deep");
            }
            return new FetchOutcome.Fetched<>(game.appId(), "x", NOW);
        };

        assertThatThrownBy(() -> engine(1, 100, LONG_GRACE).run(source(fetcher), games(10), tally))
                .isInstanceOf(StackOverflowError.class).hasMessage("deep");

        assertThat(sink.appIds()).containsExactly(1, 2, 3, 4);
        assertThat(tally.snapshot()).isEqualTo(new SourceTally.Counts("Test", 4, 0, 0));
        assertThat(stop.reason()).isEqualTo(StopSignal.Reason.ERROR);
    }

    @Test
    void aBatchThatCannotBeStoredEndsTheRunAndCancelsWhatIsInFlight() {
        // game 1 answers at once, the others only when cancelled: they hold both slots
        HeldFetcher held = new HeldFetcher(Set.copyOf(IntStream.rangeClosed(2, 10).boxed().toList()));
        GameSource<String> failing = new TestSource<>(held, batch -> {
            throw new IllegalStateException("database down");
        });

        assertThatThrownBy(() -> engine(2, 1, LONG_GRACE).run(failing, games(10), tally))
                .hasMessage("database down");

        assertThat(held.asked).contains(1).isSubsetOf(1, 2, 3);
        assertThat(held.cancelled).containsExactlyInAnyOrderElementsOf(
                held.asked.stream().filter(id -> id != 1).toList());
    }

    @Test
    void aStoreSlowerThanTheFetchesHoldsThemBackInsteadOfPilingUpOutcomes() throws InterruptedException {
        CountDownLatch storeMayGoOn = new CountDownLatch(1);
        AtomicInteger fetched = new AtomicInteger();
        GameFetcher<String> fetcher = game -> {
            fetched.incrementAndGet();
            return new FetchOutcome.Fetched<>(game.appId(), "data", NOW);
        };
        GameSource<String> slowStore = new TestSource<>(fetcher, batch -> awaitQuietly(storeMayGoOn));

        Running running = start(engine(2, 1, LONG_GRACE), slowStore, games(3 * Dispatcher.MIN_WAITING));
        // the first outcome is being stored; behind it the queue fills and each worker holds one
        int held = 1 + Dispatcher.MIN_WAITING + 2;
        dev.steamcollector.testing.Await.until(() -> fetched.get() >= held, Duration.ofSeconds(30), () -> held + " fetches");

        assertThat(fetched.get()).as("fetches while the first batch is stored").isEqualTo(held);
        storeMayGoOn.countDown();
        assertThat(running.join()).isNull();
        assertThat(fetched.get()).isEqualTo(3 * Dispatcher.MIN_WAITING);
    }

    @Test
    void aStopBeforeTheStartFetchesNothing() {
        stop.request(StopSignal.Reason.DEADLINE);
        AtomicInteger asked = new AtomicInteger();

        engine(3, 10, LONG_GRACE).run(source(game -> {
            asked.incrementAndGet();
            return new FetchOutcome.Fetched<>(game.appId(), "x", NOW);
        }), games(5), tally);

        assertThat(asked.get()).isZero();
        assertThat(sink.batchSizes()).isEmpty();
    }

    /** Answers at once, except for the {@code held} games, which wait for {@link #release} (or a cancel). */
    static final class HeldFetcher implements GameFetcher<String> {
        final Set<Integer> held;
        final CountDownLatch started;
        final CountDownLatch release = new CountDownLatch(1);
        final Set<Integer> asked = ConcurrentHashMap.newKeySet();
        final Set<Integer> cancelled = ConcurrentHashMap.newKeySet();

        HeldFetcher(Set<Integer> held) {
            this.held = held;
            this.started = new CountDownLatch(held.size());
        }

        @Override
        public FetchOutcome<String> fetch(DueGame game) {
            asked.add(game.appId());
            if (held.contains(game.appId())) {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    cancelled.add(game.appId());
                    throw new CancellationException("cancelled");
                }
            }
            return new FetchOutcome.Fetched<>(game.appId(), "game " + game.appId(), NOW);
        }
    }

    /** Keeps every batch it is given. */
    static final class RecordingSink implements BatchSink<String> {
        private final List<List<FetchOutcome<String>>> batches = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void store(List<FetchOutcome<String>> batch) {
            batches.add(List.copyOf(batch));
        }

        List<Integer> batchSizes() {
            return batches.stream().map(List::size).toList();
        }

        List<Integer> appIds() {
            return batches.stream().flatMap(List::stream).map(FetchOutcome::appId).toList();
        }

        FetchOutcome<String> outcome(int appId) {
            Map<Integer, FetchOutcome<String>> byId = new ConcurrentHashMap<>();
            batches.stream().flatMap(List::stream).forEach(o -> byId.put(o.appId(), o));
            return byId.get(appId);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            // bounded only so that a broken engine fails the test instead of hanging it
            latch.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A source of one game a request, fetched by {@code fetcher}, stored into {@code sink}. */
    record TestSource<T>(GameFetcher<T> fetcher, BatchSink<T> sink) implements GameSource<T> {
        @Override
        public String name() {
            return "Test";
        }

        @Override
        public List<DueGame> findDue(DueSelection selection) {
            return List.of();
        }

        @Override
        public List<FetchOutcome<T>> fetch(List<DueGame> games) {
            return games.stream().map(fetcher::fetch).toList();
        }

        @Override
        public void store(List<FetchOutcome<T>> batch) {
            sink.store(batch);
        }
    }
}
