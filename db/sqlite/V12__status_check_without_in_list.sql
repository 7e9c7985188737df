-- game_metadata's status CHECK, written as ORs: SQLite evaluates a CHECK's IN list by building a small
-- table for every row it writes, which cost the 272,859-game app list's pending rows about half a
-- second; the same rule as ORs costs next to nothing. SQLite cannot change a CHECK in place: the table
-- is rebuilt with the same columns, rows and indexes. Flyway runs this file in one transaction; no table
-- refers to game_metadata.
CREATE TABLE game_metadata_v12 (
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
        CHECK (fetch_status = 'pending' OR fetch_status = 'success' OR fetch_status = 'failed'
               OR fetch_status = 'not_found'),
    last_error               TEXT,
    -- when per-game details were last fetched successfully, and when a failed game may be tried again
    details_fetched_at       TIMESTAMP,
    next_attempt_at          TIMESTAMP,
    -- when a SteamSpy page last brought the game's figures
    page_fetched_at          TIMESTAMP
);
INSERT INTO game_metadata_v12 (app_id, developer, publisher, owners_estimate, owners_min, owners_max,
                               positive_reviews, negative_reviews, score_rank, average_playtime_forever,
                               average_playtime_2weeks, median_playtime_forever, median_playtime_2weeks, ccu,
                               price_cents, initial_price_cents, discount_percent, genre, languages, tags_json,
                               last_updated, fetch_attempts, fetch_status, last_error, details_fetched_at,
                               next_attempt_at, page_fetched_at)
SELECT app_id, developer, publisher, owners_estimate, owners_min, owners_max,
       positive_reviews, negative_reviews, score_rank, average_playtime_forever,
       average_playtime_2weeks, median_playtime_forever, median_playtime_2weeks, ccu,
       price_cents, initial_price_cents, discount_percent, genre, languages, tags_json,
       last_updated, fetch_attempts, fetch_status, last_error, details_fetched_at,
       next_attempt_at, page_fetched_at
  FROM game_metadata;
DROP TABLE game_metadata;
ALTER TABLE game_metadata_v12 RENAME TO game_metadata;
CREATE INDEX idx_game_metadata_status_next ON game_metadata (fetch_status, next_attempt_at);
CREATE INDEX idx_game_metadata_details_fetched ON game_metadata (details_fetched_at);
CREATE INDEX idx_game_metadata_last_updated ON game_metadata (last_updated);
CREATE INDEX idx_game_metadata_page_fetched ON game_metadata (page_fetched_at);
