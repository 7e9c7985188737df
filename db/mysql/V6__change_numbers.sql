-- Change numbers from the keyed app list, the state of the list-shrink guard, and when each game's
-- Store price was last taken in each country. Times are DATETIME(3) in UTC, as everywhere.

-- last_modified: the instant of the list's unix last_modified (the last change to the game's store data);
-- price_change_number: the change number of the game's last price change (any country).
-- missing_since: when a complete app list first lacked this game while the guard kept it active.
ALTER TABLE games
    ADD COLUMN last_modified DATETIME(3),
    ADD COLUMN price_change_number BIGINT,
    ADD COLUMN missing_since DATETIME(3);

-- One row per game and country whose Store price was taken: the price_change_number the app list
-- showed when it was, so 'prices' asks again only when that number moves (or the weekly sweep comes).
CREATE TABLE price_checks (
    app_id              INTEGER     NOT NULL,
    country             VARCHAR(16) NOT NULL,
    price_change_number BIGINT,
    checked_at          DATETIME(3) NOT NULL,
    PRIMARY KEY (app_id, country),
    CONSTRAINT fk_price_checks_game FOREIGN KEY (app_id) REFERENCES games (app_id),
    INDEX idx_price_checks_country_checked (country, checked_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
