-- The ledger of jobs: one row per submission, recorded before it is sent. Times are epoch
-- milliseconds. Nothing secret is kept: the token names the job, never a key.
CREATE TABLE nb_jobs (
  id              VARCHAR(64)    NOT NULL PRIMARY KEY,
  provider_id     VARCHAR(64)    NOT NULL,
  task_id         VARCHAR(512),
  token           VARCHAR(8192),
  state           VARCHAR(16)    NOT NULL,
  prompt          VARCHAR(1000)  NOT NULL,
  summary         VARCHAR(500)   NOT NULL,
  estimate_amount DECIMAL(19, 6),
  estimate_currency VARCHAR(3),
  created_at      BIGINT         NOT NULL,
  updated_at      BIGINT         NOT NULL,
  settled_at      BIGINT,
  settled_by      VARCHAR(100),
  failure_reason  VARCHAR(32),
  vendor_code     VARCHAR(128),
  message         VARCHAR(1000),
  lease_owner     VARCHAR(100),
  lease_until     BIGINT
);

-- A vendor's task is one job; rows not yet accepted have no task id.
CREATE UNIQUE INDEX nb_jobs_task ON nb_jobs (provider_id, task_id);
CREATE INDEX nb_jobs_state ON nb_jobs (state, created_at);
CREATE INDEX nb_jobs_lease ON nb_jobs (lease_owner);

-- A succeeded job's images: URLs and what is known of them, never their bytes.
CREATE TABLE nb_job_images (
  job_id     VARCHAR(64)   NOT NULL,
  position   INT           NOT NULL,
  url        VARCHAR(4096),
  media_type VARCHAR(100),
  width      INT,
  height     INT,
  expires_at BIGINT,
  stored_at  VARCHAR(4096),
  PRIMARY KEY (job_id, position),
  CONSTRAINT nb_job_images_job FOREIGN KEY (job_id) REFERENCES nb_jobs (id) ON DELETE CASCADE
);
