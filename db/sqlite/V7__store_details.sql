-- The Store's description (api/appdetails) and review summary (appreviews) of each game it was asked
-- about, filled by collect when STORE_DETAILS is true. The two come from two endpoints, each with its
-- own bookkeeping: fetch_status, fetched_at, last_error, fetch_attempts, next_attempt_at for the
-- description; the same with a reviews_ prefix for the review summary. A failure or a not-found
-- touches only the bookkeeping, so good data is never lost to a bad answer.
-- release_date is ISO text (YYYY-MM-DD), what SQLite's date functions read; *_json are JSON arrays.
CREATE TABLE store_details (
    app_id                  INTEGER PRIMARY KEY REFERENCES games (app_id),
    name                    TEXT,
    type                    TEXT,
    release_date            TEXT,
    release_date_text       TEXT,
    coming_soon             BOOLEAN,
    is_free                 BOOLEAN,
    required_age            INTEGER,
    windows                 BOOLEAN,
    mac                     BOOLEAN,
    linux                   BOOLEAN,
    metacritic_score        INTEGER,
    recommendations         INTEGER,
    achievements            INTEGER,
    dlc_count               INTEGER,
    developers_json         TEXT,
    publishers_json         TEXT,
    genres_json             TEXT,
    categories_json         TEXT,
    supported_languages     TEXT,
    full_audio_languages    TEXT,
    controller_support      TEXT,
    short_description       TEXT,
    header_image            TEXT,
    website                 TEXT,
    review_score            INTEGER,
    review_score_desc       TEXT,
    total_positive          BIGINT,
    total_negative          BIGINT,
    total_reviews           BIGINT,
    fetched_at              TIMESTAMP,
    fetch_status            TEXT    NOT NULL DEFAULT 'pending'
        CHECK (fetch_status IN ('pending', 'success', 'failed', 'not_found')),
    last_error              TEXT,
    fetch_attempts          INTEGER NOT NULL DEFAULT 0,
    next_attempt_at         TIMESTAMP,
    reviews_fetched_at      TIMESTAMP,
    reviews_fetch_status    TEXT    NOT NULL DEFAULT 'pending'
        CHECK (reviews_fetch_status IN ('pending', 'success', 'failed', 'not_found')),
    reviews_last_error      TEXT,
    reviews_fetch_attempts  INTEGER NOT NULL DEFAULT 0,
    reviews_next_attempt_at TIMESTAMP
);
-- "which games are due": never asked, failed whose time has come, then the stalest
CREATE INDEX idx_store_details_status_next ON store_details (fetch_status, next_attempt_at);
CREATE INDEX idx_store_details_fetched ON store_details (fetched_at);
CREATE INDEX idx_store_details_reviews_status_next ON store_details (reviews_fetch_status, reviews_next_attempt_at);
CREATE INDEX idx_store_details_reviews_fetched ON store_details (reviews_fetched_at);
