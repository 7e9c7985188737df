package dev.steamcollector.pipeline;

/** The kind of a run that writes, under the label {@code collection_runs.mode} and the run lock record. */
public enum RunMode {
    INCREMENTAL("incremental"),
    FULL_REFRESH("full-refresh"),
    UPDATE_METADATA("update-metadata"),
    RETRY_FAILED("retry-failed"),
    APP_IDS("app-ids"),
    PRICES("prices");

    private final String label;

    RunMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The command that runs in this mode. */
    public String task() {
        return this == PRICES ? "prices" : "collect";
    }

    /** The name of the run's main per-game source, whose games are the run's {@code games_*} counters. */
    public String mainSource() {
        return this == PRICES ? RunTally.PRICES : RunTally.DETAILS;
    }

    /** What a user does about the games that failed. */
    String retryHint() {
        return this == PRICES ? "the next 'prices' run tries them again" : "'collect --retry-failed' tries them again";
    }
}
