-- Change numbers from the keyed app list, the state of the list-shrink guard, and when each game's
-- Store price was last taken in each country. Timestamps are written the way every other one is.

-- last_modified: the instant of the list's unix last_modified (the last change to the game's store data);
-- price_change_number: the change number of the game's last price change (any country).
-- missing_since: when a complete app list first lacked this game while the guard kept it active.
ALTER TABLE games ADD COLUMN last_modified TIMESTAMP;
ALTER TABLE games ADD COLUMN price_change_number BIGINT;
ALTER TABLE games ADD COLUMN missing_since TIMESTAMP;

-- One row per game and country whose Store price was taken: the price_change_number the app list
-- showed when it was, so 'prices' asks again only when that number moves (or the weekly sweep comes).
CREATE TABLE price_checks (
    app_id              INTEGER   NOT NULL REFERENCES games (app_id),
    country             TEXT      NOT NULL,
    price_change_number BIGINT,
    checked_at          TIMESTAMP NOT NULL,
    PRIMARY KEY (app_id, country)
);
CREATE INDEX idx_price_checks_country_checked ON price_checks (country, checked_at);
