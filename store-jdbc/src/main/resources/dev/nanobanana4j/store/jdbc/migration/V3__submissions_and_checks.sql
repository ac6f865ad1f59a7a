-- A job is its submission: a vendor may give a new job a task id it gave an earlier one, so the
-- task id names a job only together with the row's own id. The newest row with a task id comes
-- first when a handle names no submission.
DROP INDEX nb_jobs_task;
CREATE INDEX nb_jobs_task ON nb_jobs (provider_id, task_id, created_at);
-- The newest jobs first, a page at a time, whatever their state.
CREATE INDEX nb_jobs_created ON nb_jobs (created_at, id);

-- Rows that break the ledger's rules are refused by the database, whoever writes them.
ALTER TABLE nb_jobs ADD CONSTRAINT nb_jobs_state_known CHECK (state IN ('SUBMITTING',
  'OUTCOME_UNKNOWN', 'REFUSED', 'ACCEPTED', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED',
  'CANCELLED'));
ALTER TABLE nb_jobs ADD CONSTRAINT nb_jobs_estimate_not_negative
  CHECK (estimate_amount IS NULL OR estimate_amount >= 0);
ALTER TABLE nb_jobs ADD CONSTRAINT nb_jobs_accepted_have_task
  CHECK (task_id IS NOT NULL OR state IN ('SUBMITTING', 'OUTCOME_UNKNOWN', 'REFUSED'));
ALTER TABLE nb_budgets ADD CONSTRAINT nb_budgets_amounts_not_negative
  CHECK (limit_amount >= 0 AND reserved >= 0 AND spent >= 0);
-- A reservation is held, presumed spent (its job's outcome unknown), committed or released.
ALTER TABLE nb_reservations ADD CONSTRAINT nb_reservations_state_known
  CHECK (state IN ('HELD', 'PRESUMED', 'COMMITTED', 'RELEASED'));
ALTER TABLE nb_reservations ADD CONSTRAINT nb_reservations_amount_not_negative
  CHECK (amount >= 0);
