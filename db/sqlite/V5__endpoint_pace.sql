-- The pace each endpoint was left at by the last run that used it, so the next run starts from it
-- instead of finding it again by being throttled. Paces are requests per second.
CREATE TABLE endpoint_pace (
    endpoint              TEXT PRIMARY KEY,
    pace_per_second       DOUBLE PRECISION NOT NULL CHECK (pace_per_second > 0),
    limit_per_second      DOUBLE PRECISION NOT NULL CHECK (limit_per_second > 0),
    too_fast_per_second   DOUBLE PRECISION CHECK (too_fast_per_second > 0),
    slowed_at             TIMESTAMP,
    updated_at            TIMESTAMP NOT NULL
);
