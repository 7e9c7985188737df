-- A message is claimed by the process posting it (no other process posts it meanwhile), and a
-- message Discord refuses for its content is set aside with the reason instead of blocking the queue.
ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_outcome_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_outcome_check
    CHECK (outcome IN ('sent', 'summarized', 'refused'));
ALTER TABLE notifications ADD COLUMN claimed_by TEXT;
ALTER TABLE notifications ADD COLUMN claimed_at TIMESTAMPTZ;
ALTER TABLE notifications ADD COLUMN refused_at TIMESTAMPTZ;
ALTER TABLE notifications ADD COLUMN refusal TEXT;
DROP INDEX IF EXISTS idx_notifications_unsent;
-- the queue: rows without an outcome, oldest first
CREATE INDEX idx_notifications_queue ON notifications (outcome, id);
