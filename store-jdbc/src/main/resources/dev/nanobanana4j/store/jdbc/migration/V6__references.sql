-- The client's own reference for a submission that the vendor gives back with the job (the nonce
-- of its callback URL's token): a vendor's callback finds by it a submission whose answer was
-- never recorded (the process that sent it died, or the write was lost).
ALTER TABLE nb_jobs ADD COLUMN reference VARCHAR(64);
CREATE INDEX nb_jobs_reference ON nb_jobs (provider_id, reference);
