-- Budgets shared by a fleet: each reservation taken atomically, and committed or released once,
-- with the job it was taken for.
CREATE TABLE nb_budgets (
  name         VARCHAR(100)   NOT NULL PRIMARY KEY,
  currency     VARCHAR(3)     NOT NULL,
  limit_amount DECIMAL(19, 6) NOT NULL,
  reserved     DECIMAL(19, 6) NOT NULL,
  spent        DECIMAL(19, 6) NOT NULL
);

CREATE TABLE nb_reservations (
  id          VARCHAR(64)    NOT NULL PRIMARY KEY,
  budget_name VARCHAR(100)   NOT NULL,
  amount      DECIMAL(19, 6) NOT NULL,
  state       VARCHAR(16)    NOT NULL,
  CONSTRAINT nb_reservations_budget FOREIGN KEY (budget_name) REFERENCES nb_budgets (name)
);

ALTER TABLE nb_jobs ADD COLUMN reservation_id VARCHAR(64);
