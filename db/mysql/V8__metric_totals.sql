-- The Prometheus counters of each command, kept across runs so that they only grow (a batch job's
-- counters that restart at 0 every run are invisible to rate() and increase()). One row a series:
-- the sample's name and its labels in Prometheus' form, sorted by name (endpoint="store",status="200").
-- JSON columns are JSON and times DATETIME(3) in UTC since version 1: only the table is new here.
-- The key's columns fit InnoDB's 3072-byte key in utf8mb4: (64 + 191 + 500) * 4 bytes.
CREATE TABLE metric_totals (
    command    VARCHAR(64)  NOT NULL,
    metric     VARCHAR(191) NOT NULL,
    labels     VARCHAR(500) NOT NULL,
    value      DOUBLE       NOT NULL,
    updated_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (command, metric, labels)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
