-- The Store catalogue in bulk (IStoreBrowseService/GetItems, up to 100 games a request): the columns
-- only it carries, and its own bookkeeping beside the per-game requests' (fetch_status, fetched_at).
-- A failure or a "no store item" touches only the catalogue_* bookkeeping, never the data.
-- tags_json: tag names in Steam's order (at most 20); steam_deck: verified, playable, unsupported or unknown;
-- parent_app_id: a DLC's game.
ALTER TABLE store_details
    ADD COLUMN tags_json JSONB,
    ADD COLUMN review_percent_positive INTEGER,
    ADD COLUMN steam_deck TEXT,
    ADD COLUMN early_access BOOLEAN,
    ADD COLUMN parent_app_id INTEGER,
    ADD COLUMN catalogue_status TEXT NOT NULL DEFAULT 'pending'
        CHECK (catalogue_status IN ('pending', 'success', 'failed', 'not_found')),
    ADD COLUMN catalogue_fetched_at TIMESTAMPTZ,
    ADD COLUMN catalogue_last_error TEXT,
    ADD COLUMN catalogue_fetch_attempts INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN catalogue_next_attempt_at TIMESTAMPTZ;
-- "which games are due" for the catalogue, and the age of its data
CREATE INDEX idx_store_details_catalogue_status ON store_details (catalogue_status, catalogue_next_attempt_at);
CREATE INDEX idx_store_details_catalogue_fetched ON store_details (catalogue_fetched_at);
-- when the SteamSpy pages last carried the game (the age of each source's data: status, metrics)
ALTER TABLE game_metadata ADD COLUMN page_fetched_at TIMESTAMPTZ;
CREATE INDEX idx_game_metadata_page_fetched ON game_metadata (page_fetched_at);

-- The names of the Store's tag and category ids (IStoreService/GetTagList,
-- IStoreBrowseService/GetStoreCategories), refreshed weekly or when an unknown id appears.
-- category type: 1 players, 2 features, 3 controller.
CREATE TABLE store_tags (
    tag_id     INTEGER     PRIMARY KEY,
    name       TEXT        NOT NULL,
    fetched_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE store_categories (
    category_id INTEGER     PRIMARY KEY,
    type        INTEGER     NOT NULL,
    name        TEXT        NOT NULL,
    fetched_at  TIMESTAMPTZ NOT NULL
);
