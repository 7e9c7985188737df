-- A message is claimed by the process posting it (no other process posts it meanwhile), and a
-- message Discord refuses for its content is set aside with the reason instead of blocking the queue.
-- MySQL 8.0.19+ and MariaDB 10.6+ change a CHECK constraint by dropping it and adding it again.
ALTER TABLE notifications DROP CONSTRAINT ck_notifications_outcome;
ALTER TABLE notifications ADD CONSTRAINT ck_notifications_outcome
    CHECK (outcome IN ('sent', 'summarized', 'refused'));
ALTER TABLE notifications
    ADD COLUMN claimed_by TEXT,
    ADD COLUMN claimed_at DATETIME(3),
    ADD COLUMN refused_at DATETIME(3),
    ADD COLUMN refusal    TEXT,
    DROP INDEX idx_notifications_unsent,
    -- the queue: rows without an outcome, oldest first
    ADD INDEX idx_notifications_queue (outcome, id);
-- a name as long as the app list sends it (TEXT stops at 64 KiB; PostgreSQL and SQLite have no limit)
ALTER TABLE games MODIFY name MEDIUMTEXT;
