-- When each reservation was taken: one whose job was never recorded (the reservation committed
-- while its caller had given up waiting for the database, so nothing was sent) is released once it
-- is as old as an unanswered submission.
ALTER TABLE nb_reservations ADD COLUMN created_at BIGINT;
CREATE INDEX nb_jobs_reservation ON nb_jobs (reservation_id);
