-- Price-change announcements, queued in the transaction that records the price and sent by 'notify'.
-- One announcement per game, currency, new price and discount a day, whichever source saw it first.
CREATE TABLE notifications (
    id                  BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    app_id              INTEGER     NOT NULL,
    kind                VARCHAR(16) NOT NULL,
    currency            VARCHAR(16) NOT NULL,
    old_price_cents     INTEGER     NOT NULL,
    new_price_cents     INTEGER     NOT NULL,
    initial_price_cents INTEGER,
    discount_percent    INTEGER     NOT NULL DEFAULT 0,
    observed_on         VARCHAR(10) NOT NULL,
    created_at          DATETIME(3) NOT NULL,
    sent_at             DATETIME(3),
    outcome             VARCHAR(16),
    CONSTRAINT fk_notifications_game FOREIGN KEY (app_id) REFERENCES games (app_id),
    CONSTRAINT ck_notifications_kind CHECK (kind IN ('price_drop', 'new_discount')),
    CONSTRAINT ck_notifications_outcome CHECK (outcome IN ('sent', 'summarized')),
    UNIQUE INDEX ux_notifications_change (app_id, currency, new_price_cents, discount_percent, observed_on),
    INDEX idx_notifications_unsent (sent_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
