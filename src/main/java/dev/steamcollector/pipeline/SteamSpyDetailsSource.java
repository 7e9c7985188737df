package dev.steamcollector.pipeline;

import dev.steamcollector.model.DueGame;
import dev.steamcollector.model.DueSelection;
import dev.steamcollector.model.FetchOutcome;
import dev.steamcollector.model.RunCheckpoint;
import dev.steamcollector.persistence.MetadataRepository;
import dev.steamcollector.steamspy.SteamSpyClient;
import dev.steamcollector.steamspy.SteamSpyRecord;
import java.util.List;
import java.util.Optional;

/** SteamSpy {@code appdetails}: genre, languages, tags and fresh figures of one game, into {@code game_metadata}. */
final class SteamSpyDetailsSource extends OneGameSource<SteamSpyRecord> {

    private final MetadataRepository metadata;
    private final SteamSpyClient steamSpy;
    private final FetchAttempt attempt;
    private final DetailsSink sink;

    SteamSpyDetailsSource(CollectorSetup setup) {
        this.metadata = setup.database().metadata();
        this.steamSpy = setup.steamSpy();
        this.attempt = setup.attempt();
        this.sink = new DetailsSink(setup.database().detailsBatches(), setup.prices());
    }

    @Override
    public String name() {
        return RunTally.DETAILS;
    }

    @Override
    public List<DueGame> findDue(DueSelection selection) {
        return metadata.findDue(selection);
    }

    @Override
    FetchOutcome<SteamSpyRecord> fetch(DueGame game) {
        return attempt.of(game, steamSpy::fetchDetails);
    }

    @Override
    public void store(List<FetchOutcome<SteamSpyRecord>> batch) {
        sink.store(batch);
    }

    @Override
    public void store(List<FetchOutcome<SteamSpyRecord>> batch, Optional<RunCheckpoint> run) {
        sink.store(batch, run);
    }
}
