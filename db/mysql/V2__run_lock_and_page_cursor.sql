-- One row while a collect or prices run holds the database; a dead holder's row is taken over.
CREATE TABLE run_locks (
    name         VARCHAR(64)  NOT NULL PRIMARY KEY,
    pid          BIGINT       NOT NULL,
    host         VARCHAR(255) NOT NULL,
    mode         VARCHAR(64)  NOT NULL,
    started_at   DATETIME(3)  NOT NULL,
    heartbeat_at DATETIME(3)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Where the current pass over SteamSpy's all pages stands, so an interrupted pass continues.
CREATE TABLE page_passes (
    name         VARCHAR(64) NOT NULL PRIMARY KEY,
    next_page    INTEGER     NOT NULL,
    started_at   DATETIME(3) NOT NULL,
    completed_at DATETIME(3),
    updated_at   DATETIME(3) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
