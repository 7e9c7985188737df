-- The Store's description (api/appdetails) and review summary (appreviews) of each game it was asked
-- about, filled by collect when STORE_DETAILS is true. The two come from two endpoints, each with its
-- own bookkeeping: fetch_status, fetched_at, last_error, fetch_attempts, next_attempt_at for the
-- description; the same with a reviews_ prefix for the review summary. A failure or a not-found
-- touches only the bookkeeping, so good data is never lost to a bad answer.
-- *_json are JSON arrays of names.
CREATE TABLE store_details (
    app_id                  INTEGER     NOT NULL PRIMARY KEY,
    name                    TEXT,
    type                    VARCHAR(32),
    release_date            DATE,
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
    developers_json         JSON,
    publishers_json         JSON,
    genres_json             JSON,
    categories_json         JSON,
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
    fetched_at              DATETIME(3),
    fetch_status            VARCHAR(16) NOT NULL DEFAULT 'pending',
    last_error              TEXT,
    fetch_attempts          INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at         DATETIME(3),
    reviews_fetched_at      DATETIME(3),
    reviews_fetch_status    VARCHAR(16) NOT NULL DEFAULT 'pending',
    reviews_last_error      TEXT,
    reviews_fetch_attempts  INTEGER     NOT NULL DEFAULT 0,
    reviews_next_attempt_at DATETIME(3),
    CONSTRAINT fk_store_details_game FOREIGN KEY (app_id) REFERENCES games (app_id),
    CONSTRAINT ck_store_details_status CHECK (fetch_status IN ('pending', 'success', 'failed', 'not_found')),
    CONSTRAINT ck_store_details_reviews_status
        CHECK (reviews_fetch_status IN ('pending', 'success', 'failed', 'not_found')),
    -- "which games are due": never asked, failed whose time has come, then the stalest
    INDEX idx_store_details_status_next (fetch_status, next_attempt_at),
    INDEX idx_store_details_fetched (fetched_at),
    INDEX idx_store_details_reviews_status_next (reviews_fetch_status, reviews_next_attempt_at),
    INDEX idx_store_details_reviews_fetched (reviews_fetched_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
