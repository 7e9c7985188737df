-- MySQL 8 and MariaDB 10.6+. Times are DATETIME(3) holding UTC (the program's sessions run in UTC).
-- Text is utf8mb4 with binary collation: any name survives (ポケモン, emoji), and equality is exact,
-- as on SQLite and PostgreSQL, so a rename that only changes case or an emoji is still a change.

CREATE TABLE games (
    app_id      INTEGER     NOT NULL PRIMARY KEY,
    name        TEXT,
    created_at  DATETIME(3) NOT NULL,
    updated_at  DATETIME(3) NOT NULL,
    is_active   BOOLEAN     NOT NULL DEFAULT TRUE,
    INDEX idx_games_is_active (is_active)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE game_metadata (
    app_id                   INTEGER NOT NULL PRIMARY KEY,
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
    tags_json                JSON,
    last_updated             DATETIME(3),
    fetch_attempts           INTEGER     NOT NULL DEFAULT 0,
    fetch_status             VARCHAR(16) NOT NULL DEFAULT 'pending',
    last_error               TEXT,
    -- when per-game details were last fetched successfully, and when a failed game may be tried again
    details_fetched_at       DATETIME(3),
    next_attempt_at          DATETIME(3),
    CONSTRAINT fk_game_metadata_game FOREIGN KEY (app_id) REFERENCES games (app_id),
    CONSTRAINT ck_game_metadata_fetch_status
        CHECK (fetch_status IN ('pending', 'success', 'failed', 'not_found')),
    -- "which games are due": pending first, failed whose time has come, then the stalest
    INDEX idx_game_metadata_status_next (fetch_status, next_attempt_at),
    INDEX idx_game_metadata_details_fetched (details_fetched_at),
    INDEX idx_game_metadata_last_updated (last_updated)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE price_history (
    id                  BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    app_id              INTEGER     NOT NULL,
    currency            VARCHAR(16) NOT NULL,
    price_cents         INTEGER     NOT NULL,
    initial_price_cents INTEGER,
    discount_percent    INTEGER,
    source              VARCHAR(16) NOT NULL,
    observed_at         DATETIME(3) NOT NULL,
    CONSTRAINT fk_price_history_game FOREIGN KEY (app_id) REFERENCES games (app_id),
    CONSTRAINT ck_price_history_source CHECK (source IN ('steamspy', 'store')),
    INDEX idx_price_history_series (app_id, currency, source, observed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE collection_runs (
    id                BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    mode              VARCHAR(64) NOT NULL,
    started_at        DATETIME(3) NOT NULL,
    finished_at       DATETIME(3),
    status            VARCHAR(16) NOT NULL,
    games_listed      INTEGER     NOT NULL DEFAULT 0,
    games_added       INTEGER     NOT NULL DEFAULT 0,
    games_deactivated INTEGER     NOT NULL DEFAULT 0,
    games_processed   INTEGER     NOT NULL DEFAULT 0,
    games_succeeded   INTEGER     NOT NULL DEFAULT 0,
    games_not_found   INTEGER     NOT NULL DEFAULT 0,
    games_failed      INTEGER     NOT NULL DEFAULT 0,
    requests          INTEGER     NOT NULL DEFAULT 0,
    retries           INTEGER     NOT NULL DEFAULT 0,
    throttle_pauses   INTEGER     NOT NULL DEFAULT 0,
    pid               BIGINT,
    host              TEXT,
    message           TEXT,
    CONSTRAINT ck_collection_runs_status CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
    INDEX idx_collection_runs_started (started_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
