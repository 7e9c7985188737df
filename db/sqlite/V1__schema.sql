-- Timestamps are stored as epoch milliseconds (INTEGER), the form the JDBC driver and Hibernate bind.

CREATE TABLE games (
    app_id      INTEGER PRIMARY KEY,
    name        TEXT,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    is_active   BOOLEAN   NOT NULL DEFAULT 1
);
CREATE INDEX idx_games_is_active ON games (is_active);

CREATE TABLE game_metadata (
    app_id                   INTEGER PRIMARY KEY REFERENCES games (app_id),
    developer                TEXT,
    publisher                TEXT,
    owners_estimate          TEXT,
    owners_min               BIGINT,
    owners_max               BIGINT,
    positive_reviews         INTEGER,
    negative_reviews         INTEGER,
    score_rank               INTEGER,
    average_playtime_forever INTEGER,
    average_playtime_2weeks  INTEGER,
    median_playtime_forever  INTEGER,
    median_playtime_2weeks   INTEGER,
    ccu                      INTEGER,
    price_cents              INTEGER,
    initial_price_cents      INTEGER,
    discount_percent         INTEGER,
    genre                    TEXT,
    languages                TEXT,
    tags_json                TEXT,
    last_updated             TIMESTAMP,
    fetch_attempts           INTEGER NOT NULL DEFAULT 0,
    fetch_status             TEXT    NOT NULL DEFAULT 'pending'
        CHECK (fetch_status IN ('pending', 'success', 'failed', 'not_found')),
    last_error               TEXT,
    -- when per-game details were last fetched successfully, and when a failed game may be tried again
    details_fetched_at       TIMESTAMP,
    next_attempt_at          TIMESTAMP
);
-- "which games are due": pending first, failed whose time has come, then the stalest
CREATE INDEX idx_game_metadata_status_next ON game_metadata (fetch_status, next_attempt_at);
CREATE INDEX idx_game_metadata_details_fetched ON game_metadata (details_fetched_at);
CREATE INDEX idx_game_metadata_last_updated ON game_metadata (last_updated);

CREATE TABLE price_history (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    app_id              INTEGER   NOT NULL REFERENCES games (app_id),
    currency            TEXT      NOT NULL,
    price_cents         INTEGER   NOT NULL,
    initial_price_cents INTEGER,
    discount_percent    INTEGER,
    source              TEXT      NOT NULL CHECK (source IN ('steamspy', 'store')),
    observed_at         TIMESTAMP NOT NULL
);
CREATE INDEX idx_price_history_series ON price_history (app_id, currency, source, observed_at);

CREATE TABLE collection_runs (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    mode              TEXT      NOT NULL,
    started_at        TIMESTAMP NOT NULL,
    finished_at       TIMESTAMP,
    status            TEXT      NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
    games_listed      INTEGER   NOT NULL DEFAULT 0,
    games_added       INTEGER   NOT NULL DEFAULT 0,
    games_deactivated INTEGER   NOT NULL DEFAULT 0,
    games_processed   INTEGER   NOT NULL DEFAULT 0,
    games_succeeded   INTEGER   NOT NULL DEFAULT 0,
    games_not_found   INTEGER   NOT NULL DEFAULT 0,
    games_failed      INTEGER   NOT NULL DEFAULT 0,
    requests          INTEGER   NOT NULL DEFAULT 0,
    retries           INTEGER   NOT NULL DEFAULT 0,
    throttle_pauses   INTEGER   NOT NULL DEFAULT 0,
    pid               BIGINT,
    host              TEXT,
    message           TEXT
);
CREATE INDEX idx_collection_runs_started ON collection_runs (started_at);
