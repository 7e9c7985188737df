-- Price-change announcements, queued in the transaction that records the price and sent by 'notify'.
-- One announcement per game, currency, new price and discount a day, whichever source saw it first.
CREATE TABLE notifications (
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
    outcome             TEXT CHECK (outcome IN ('sent', 'summarized'))
);
CREATE UNIQUE INDEX ux_notifications_change
    ON notifications (app_id, currency, new_price_cents, discount_percent, observed_on);
CREATE INDEX idx_notifications_unsent ON notifications (sent_at, id);
