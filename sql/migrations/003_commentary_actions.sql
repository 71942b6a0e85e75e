-- Schema version 3: what boards read beside the figures (issue 5).
-- commentary: an officer's words on one indicator in one period (why it is where it is, what is being done).
-- actions: the plan's actions, linked to a priority or an indicator, or to the whole plan when both are NULL.
-- milestones: dated deliverables of a priority or work stream (e.g. school places by September).
-- Every change to commentary or actions also writes an audit_log row (kpi.commentary).

CREATE TABLE IF NOT EXISTS commentary (
    indicator_code VARCHAR NOT NULL,
    period_key     VARCHAR NOT NULL,
    text           VARCHAR NOT NULL,
    author         VARCHAR NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (indicator_code, period_key)
);

CREATE SEQUENCE IF NOT EXISTS action_ids START 1;

CREATE TABLE IF NOT EXISTS actions (
    action_id      INTEGER PRIMARY KEY DEFAULT nextval('action_ids'),
    plan_code      VARCHAR NOT NULL,
    priority_code  VARCHAR,
    indicator_code VARCHAR,
    description    VARCHAR NOT NULL,
    owner          VARCHAR,
    start_date     DATE,
    due_date       DATE,
    status         VARCHAR NOT NULL DEFAULT 'not started',
    source         VARCHAR           -- where it came from: "Actions!A7 in return.xlsx", "data/demo/actions.csv!A3", "dashboard"
);

CREATE SEQUENCE IF NOT EXISTS milestone_ids START 1;

CREATE TABLE IF NOT EXISTS milestones (
    milestone_id  INTEGER PRIMARY KEY DEFAULT nextval('milestone_ids'),
    plan_code     VARCHAR NOT NULL,
    priority_code VARCHAR,
    title         VARCHAR NOT NULL,
    due_date      DATE,
    target_text   VARCHAR,
    status        VARCHAR NOT NULL DEFAULT 'not reported',
    achieved_date DATE,
    source        VARCHAR
);
