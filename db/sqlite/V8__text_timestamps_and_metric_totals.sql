-- Timestamps become ISO-8601 UTC text with milliseconds ('2026-11-29 16:12:51.118'): what SQLite's date
-- functions read, and fixed width, so text order is time order. Databases written before held epoch
-- milliseconds (integers) in these TIMESTAMP columns; they are converted in place.
UPDATE games SET created_at = strftime('%Y-%m-%d %H:%M:%f', created_at / 1000.0, 'unixepoch')
    WHERE typeof(created_at) = 'integer';
UPDATE games SET updated_at = strftime('%Y-%m-%d %H:%M:%f', updated_at / 1000.0, 'unixepoch')
    WHERE typeof(updated_at) = 'integer';
UPDATE games SET last_modified = strftime('%Y-%m-%d %H:%M:%f', last_modified / 1000.0, 'unixepoch')
    WHERE typeof(last_modified) = 'integer';
UPDATE games SET missing_since = strftime('%Y-%m-%d %H:%M:%f', missing_since / 1000.0, 'unixepoch')
    WHERE typeof(missing_since) = 'integer';

UPDATE game_metadata SET last_updated = strftime('%Y-%m-%d %H:%M:%f', last_updated / 1000.0, 'unixepoch')
    WHERE typeof(last_updated) = 'integer';
UPDATE game_metadata SET details_fetched_at = strftime('%Y-%m-%d %H:%M:%f', details_fetched_at / 1000.0, 'unixepoch')
    WHERE typeof(details_fetched_at) = 'integer';
UPDATE game_metadata SET next_attempt_at = strftime('%Y-%m-%d %H:%M:%f', next_attempt_at / 1000.0, 'unixepoch')
    WHERE typeof(next_attempt_at) = 'integer';

UPDATE price_history SET observed_at = strftime('%Y-%m-%d %H:%M:%f', observed_at / 1000.0, 'unixepoch')
    WHERE typeof(observed_at) = 'integer';

UPDATE collection_runs SET started_at = strftime('%Y-%m-%d %H:%M:%f', started_at / 1000.0, 'unixepoch')
    WHERE typeof(started_at) = 'integer';
UPDATE collection_runs SET finished_at = strftime('%Y-%m-%d %H:%M:%f', finished_at / 1000.0, 'unixepoch')
    WHERE typeof(finished_at) = 'integer';

UPDATE run_locks SET started_at = strftime('%Y-%m-%d %H:%M:%f', started_at / 1000.0, 'unixepoch')
    WHERE typeof(started_at) = 'integer';
UPDATE run_locks SET heartbeat_at = strftime('%Y-%m-%d %H:%M:%f', heartbeat_at / 1000.0, 'unixepoch')
    WHERE typeof(heartbeat_at) = 'integer';

UPDATE page_passes SET started_at = strftime('%Y-%m-%d %H:%M:%f', started_at / 1000.0, 'unixepoch')
    WHERE typeof(started_at) = 'integer';
UPDATE page_passes SET completed_at = strftime('%Y-%m-%d %H:%M:%f', completed_at / 1000.0, 'unixepoch')
    WHERE typeof(completed_at) = 'integer';
UPDATE page_passes SET updated_at = strftime('%Y-%m-%d %H:%M:%f', updated_at / 1000.0, 'unixepoch')
    WHERE typeof(updated_at) = 'integer';

UPDATE notifications SET created_at = strftime('%Y-%m-%d %H:%M:%f', created_at / 1000.0, 'unixepoch')
    WHERE typeof(created_at) = 'integer';
UPDATE notifications SET sent_at = strftime('%Y-%m-%d %H:%M:%f', sent_at / 1000.0, 'unixepoch')
    WHERE typeof(sent_at) = 'integer';
UPDATE notifications SET claimed_at = strftime('%Y-%m-%d %H:%M:%f', claimed_at / 1000.0, 'unixepoch')
    WHERE typeof(claimed_at) = 'integer';
UPDATE notifications SET refused_at = strftime('%Y-%m-%d %H:%M:%f', refused_at / 1000.0, 'unixepoch')
    WHERE typeof(refused_at) = 'integer';

UPDATE endpoint_pace SET slowed_at = strftime('%Y-%m-%d %H:%M:%f', slowed_at / 1000.0, 'unixepoch')
    WHERE typeof(slowed_at) = 'integer';
UPDATE endpoint_pace SET updated_at = strftime('%Y-%m-%d %H:%M:%f', updated_at / 1000.0, 'unixepoch')
    WHERE typeof(updated_at) = 'integer';

UPDATE store_details SET fetched_at = strftime('%Y-%m-%d %H:%M:%f', fetched_at / 1000.0, 'unixepoch')
    WHERE typeof(fetched_at) = 'integer';
UPDATE store_details SET next_attempt_at = strftime('%Y-%m-%d %H:%M:%f', next_attempt_at / 1000.0, 'unixepoch')
    WHERE typeof(next_attempt_at) = 'integer';
UPDATE store_details SET reviews_fetched_at = strftime('%Y-%m-%d %H:%M:%f', reviews_fetched_at / 1000.0, 'unixepoch')
    WHERE typeof(reviews_fetched_at) = 'integer';
UPDATE store_details SET reviews_next_attempt_at = strftime('%Y-%m-%d %H:%M:%f', reviews_next_attempt_at / 1000.0, 'unixepoch')
    WHERE typeof(reviews_next_attempt_at) = 'integer';

UPDATE price_checks SET checked_at = strftime('%Y-%m-%d %H:%M:%f', checked_at / 1000.0, 'unixepoch')
    WHERE typeof(checked_at) = 'integer';

-- The Prometheus counters of each command, kept across runs so that they only grow (a batch job's
-- counters that restart at 0 every run are invisible to rate() and increase()). One row a series:
-- the sample's name and its labels in Prometheus' form, sorted by name (endpoint="store",status="200").
CREATE TABLE metric_totals (
    command    TEXT      NOT NULL,
    metric     TEXT      NOT NULL,
    labels     TEXT      NOT NULL,
    value      REAL      NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (command, metric, labels)
);
