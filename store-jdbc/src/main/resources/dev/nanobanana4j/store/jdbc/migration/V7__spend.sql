-- What each job was priced on and what it cost: the model of its estimate, and the charge the
-- vendor reported (or its usage made computable), so spend can be summed by provider, model and
-- day beside the estimates.
ALTER TABLE nb_jobs ADD COLUMN model VARCHAR(100);
ALTER TABLE nb_jobs ADD COLUMN charged_amount DECIMAL(20, 8);
ALTER TABLE nb_jobs ADD COLUMN charged_currency VARCHAR(3);
ALTER TABLE nb_jobs ADD CONSTRAINT nb_jobs_charge_not_negative
  CHECK (charged_amount IS NULL OR charged_amount >= 0);
