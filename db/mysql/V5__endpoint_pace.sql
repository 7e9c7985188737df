-- The pace each endpoint was left at by the last run that used it, so the next run starts from it
-- instead of finding it again by being throttled. Paces are requests per second.
CREATE TABLE endpoint_pace (
    endpoint              VARCHAR(191) NOT NULL PRIMARY KEY,
    pace_per_second       DOUBLE       NOT NULL,
    limit_per_second      DOUBLE       NOT NULL,
    too_fast_per_second   DOUBLE,
    slowed_at             DATETIME(3),
    updated_at            DATETIME(3)  NOT NULL,
    CONSTRAINT ck_endpoint_pace_pace CHECK (pace_per_second > 0),
    CONSTRAINT ck_endpoint_pace_limit CHECK (limit_per_second > 0),
    CONSTRAINT ck_endpoint_pace_too_fast CHECK (too_fast_per_second > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
