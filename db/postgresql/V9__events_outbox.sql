-- Change events for Kafka, written in the transaction of the change and relayed after commit.
-- seq orders the relay (and so the events of each game); sent events are pruned after 7 days.
CREATE TABLE events (
    seq        BIGSERIAL   PRIMARY KEY,
    event_id   TEXT        NOT NULL UNIQUE,
    app_id     INTEGER     NOT NULL,
    type       TEXT        NOT NULL,
    payload    TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    sent_at    TIMESTAMPTZ
);
CREATE INDEX idx_events_unsent ON events (seq) WHERE sent_at IS NULL;
CREATE INDEX idx_events_sent_at ON events (sent_at) WHERE sent_at IS NOT NULL;
