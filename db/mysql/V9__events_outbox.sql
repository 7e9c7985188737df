-- Change events for Kafka, written in the transaction of the change and relayed after commit.
-- seq orders the relay (and so the events of each game); sent events are pruned after 7 days.
CREATE TABLE events (
    seq        BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id   VARCHAR(36) NOT NULL,
    app_id     INTEGER     NOT NULL,
    type       VARCHAR(32) NOT NULL,
    payload    LONGTEXT    NOT NULL,
    created_at DATETIME(3) NOT NULL,
    sent_at    DATETIME(3),
    UNIQUE KEY ux_events_event_id (event_id),
    INDEX idx_events_sent_at (sent_at, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
