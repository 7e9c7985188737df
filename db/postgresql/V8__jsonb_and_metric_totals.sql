-- JSON columns become jsonb, so that tags_json->>'Indie' and the other JSON operators work. Every text
-- column whose name ends in _json is converted, whichever migration created it.
DO $$
DECLARE
    col record;
BEGIN
    FOR col IN
        SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND column_name LIKE '%\_json' AND data_type = 'text'
    LOOP
        EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE jsonb USING %I::jsonb',
                       col.table_name, col.column_name, col.column_name);
    END LOOP;
END
$$;

-- The Prometheus counters of each command, kept across runs so that they only grow (a batch job's
-- counters that restart at 0 every run are invisible to rate() and increase()). One row a series:
-- the sample's name and its labels in Prometheus' form, sorted by name (endpoint="store",status="200").
CREATE TABLE metric_totals (
    command    TEXT             NOT NULL,
    metric     TEXT             NOT NULL,
    labels     TEXT             NOT NULL,
    value      DOUBLE PRECISION NOT NULL,
    updated_at TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (command, metric, labels)
);
