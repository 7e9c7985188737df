-- A message is claimed by the process posting it (no other process posts it meanwhile), and a
-- message Discord refuses for its content is set aside with the reason instead of blocking the queue.
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt with the same rows.
CREATE TABLE notifications_v4 (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    app_id              INTEGER   NOT NULL REFERENCES games (app_id),
    kind                TEXT      NOT NULL CHECK (kind IN ('price_drop', 'new_discount')),
    currency            TEXT      NOT NULL,
    old_price_cents     INTEGER   NOT NULL,
    new_price_cents     INTEGER   NOT NULL,
    initial_price_cents INTEGER,
    discount_percent    INTEGER   NOT NULL DEFAULT 0,
    observed_on         TEXT      NOT NULL,
    created_at          TIMESTAMP NOT NULL,
    sent_at             TIMESTAMP,
    outcome             TEXT CHECK (outcome IN ('sent', 'summarized', 'refused')),
    claimed_by          TEXT,
    claimed_at          TIMESTAMP,
    refused_at          TIMESTAMP,
    refusal             TEXT
);
INSERT INTO notifications_v4 (id, app_id, kind, currency, old_price_cents, new_price_cents, initial_price_cents,
                              discount_percent, observed_on, created_at, sent_at, outcome)
SELECT id, app_id, kind, currency, old_price_cents, new_price_cents, initial_price_cents,
       discount_percent, observed_on, created_at, sent_at, outcome
  FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_v4 RENAME TO notifications;
CREATE UNIQUE INDEX ux_notifications_change
    ON notifications (app_id, currency, new_price_cents, discount_percent, observed_on);
-- the queue: rows without an outcome, oldest first
CREATE INDEX idx_notifications_queue ON notifications (outcome, id);
