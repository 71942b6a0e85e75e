-- Schema version 6: each plan's risks and issues (an issue is a risk that has happened).
-- risks: the register. likelihood and impact are 1-5 each, or NULL where the plan gives none;
--        score is likelihood x impact (kpi.risks.score), NULL when either is missing.
-- risk_links: the priorities, indicators or actions a risk threatens (none: the whole plan).
-- risk_scores: every assessment of a risk, so a board can see which scores rose since it last met.
-- Every change to a risk also writes an audit_log row (kpi.risk_register).

CREATE SEQUENCE IF NOT EXISTS risk_ids START 1;

CREATE TABLE IF NOT EXISTS risks (
    risk_id     INTEGER PRIMARY KEY DEFAULT nextval('risk_ids'),
    plan_code   VARCHAR NOT NULL,
    code        VARCHAR NOT NULL,                 -- the plan's own reference, e.g. R3 or I1
    kind        VARCHAR NOT NULL DEFAULT 'risk' CHECK (kind IN ('risk', 'issue')),
    risk        VARCHAR NOT NULL,                 -- what might happen (or, for an issue, what has)
    mitigation  VARCHAR,
    owner       VARCHAR,
    likelihood  INTEGER CHECK (likelihood BETWEEN 1 AND 5),
    impact      INTEGER CHECK (impact BETWEEN 1 AND 5),
    score       INTEGER CHECK (score = likelihood * impact),
    status      VARCHAR NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'managed', 'closed')),
    review_date DATE,
    source      VARCHAR,                          -- "Risks!B4 in return.xlsx", "data/demo", "dashboard"
    updated_at  TIMESTAMP NOT NULL,
    UNIQUE (plan_code, code)
);

CREATE TABLE IF NOT EXISTS risk_links (
    risk_id   INTEGER NOT NULL,
    link_kind VARCHAR NOT NULL CHECK (link_kind IN ('priority', 'indicator', 'action')),
    target    VARCHAR NOT NULL,                   -- priority code, indicator code or action number
    PRIMARY KEY (risk_id, link_kind, target)
);

CREATE TABLE IF NOT EXISTS risk_scores (
    risk_id     INTEGER NOT NULL,
    assessed_on DATE NOT NULL,
    likelihood  INTEGER,
    impact      INTEGER,
    score       INTEGER,
    status      VARCHAR NOT NULL,
    PRIMARY KEY (risk_id, assessed_on)
);
