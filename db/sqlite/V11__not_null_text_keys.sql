-- A SQLite PRIMARY KEY other than an INTEGER one admits NULL unless it is declared NOT NULL (a legacy
-- of SQLite's); V2 and V5 declared these three keys TEXT PRIMARY KEY alone. SQLite cannot add NOT NULL
-- to a column in place: each table is rebuilt with the same columns and rows. Flyway runs this file in
-- one transaction, so a row the new table refuses leaves the database as it was. No table refers to
-- these three, nor they to another, and they have no index but their key's.
CREATE TABLE run_locks_v11 (
    name         TEXT      NOT NULL PRIMARY KEY,
    pid          BIGINT    NOT NULL,
    host         TEXT      NOT NULL,
    mode         TEXT      NOT NULL,
    started_at   TIMESTAMP NOT NULL,
    heartbeat_at TIMESTAMP NOT NULL
);
INSERT INTO run_locks_v11 (name, pid, host, mode, started_at, heartbeat_at)
SELECT name, pid, host, mode, started_at, heartbeat_at
  FROM run_locks;
DROP TABLE run_locks;
ALTER TABLE run_locks_v11 RENAME TO run_locks;

CREATE TABLE page_passes_v11 (
    name         TEXT      NOT NULL PRIMARY KEY,
    next_page    INTEGER   NOT NULL,
    started_at   TIMESTAMP NOT NULL,
    completed_at TIMESTAMP,
    updated_at   TIMESTAMP NOT NULL
);
INSERT INTO page_passes_v11 (name, next_page, started_at, completed_at, updated_at)
SELECT name, next_page, started_at, completed_at, updated_at
  FROM page_passes;
DROP TABLE page_passes;
ALTER TABLE page_passes_v11 RENAME TO page_passes;

CREATE TABLE endpoint_pace_v11 (
    endpoint              TEXT NOT NULL PRIMARY KEY,
    pace_per_second       DOUBLE PRECISION NOT NULL CHECK (pace_per_second > 0),
    limit_per_second      DOUBLE PRECISION NOT NULL CHECK (limit_per_second > 0),
    too_fast_per_second   DOUBLE PRECISION CHECK (too_fast_per_second > 0),
    slowed_at             TIMESTAMP,
    updated_at            TIMESTAMP NOT NULL
);
INSERT INTO endpoint_pace_v11 (endpoint, pace_per_second, limit_per_second, too_fast_per_second, slowed_at,
                               updated_at)
SELECT endpoint, pace_per_second, limit_per_second, too_fast_per_second, slowed_at, updated_at
  FROM endpoint_pace;
DROP TABLE endpoint_pace;
ALTER TABLE endpoint_pace_v11 RENAME TO endpoint_pace;
