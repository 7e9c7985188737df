-- One row while a collect or prices run holds the database; a dead holder's row is taken over.
CREATE TABLE run_locks (
    name         TEXT PRIMARY KEY,
    pid          BIGINT    NOT NULL,
    host         TEXT      NOT NULL,
    mode         TEXT      NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    heartbeat_at TIMESTAMPTZ NOT NULL
);

-- Where the current pass over SteamSpy's all pages stands, so an interrupted pass continues.
CREATE TABLE page_passes (
    name         TEXT PRIMARY KEY,
    next_page    INTEGER   NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ,
    updated_at   TIMESTAMPTZ NOT NULL
);
