-- Schema version 1: the baseline every database starts from.
-- Later changes go in sql/migrations/NNN_name.sql; kpi.store applies them in order
-- and records the version in meta, so an existing file is migrated on open.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- Areas: the home authority, other LAs, England, regions and, later, schools.
-- LAs and regions use DfE's three-digit numbers (886 Kent, 970 England, 980-990 regions).
CREATE TABLE IF NOT EXISTS areas (
    area_code   VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL CHECK (kind IN ('la', 'region', 'england', 'school', 'other')),
    ons_code    VARCHAR,
    region_code VARCHAR,
    parent_code VARCHAR
);

-- Statistical neighbours: one row per (area, neighbour) in a named model.
CREATE TABLE IF NOT EXISTS area_neighbours (
    model          VARCHAR NOT NULL,
    area_code      VARCHAR NOT NULL,
    neighbour_code VARCHAR NOT NULL,
    position       INTEGER NOT NULL,
    closeness      VARCHAR,
    PRIMARY KEY (model, area_code, neighbour_code)
);

CREATE TABLE IF NOT EXISTS plans (
    plan_code    VARCHAR PRIMARY KEY,
    title        VARCHAR NOT NULL,
    area_code    VARCHAR NOT NULL,
    organisation VARCHAR,
    description  VARCHAR
);

-- Priorities, work streams or outcome areas of a plan.
CREATE TABLE IF NOT EXISTS priorities (
    priority_code VARCHAR PRIMARY KEY,
    plan_code     VARCHAR NOT NULL,
    title         VARCHAR NOT NULL,
    description   VARCHAR,
    sort_order    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS indicators (
    code          VARCHAR PRIMARY KEY,
    title         VARCHAR NOT NULL,
    priority_code VARCHAR,
    plan_code     VARCHAR,
    polarity      VARCHAR NOT NULL CHECK (polarity IN ('higher', 'lower', 'none')),
    unit          VARCHAR NOT NULL,
    frequency     VARCHAR NOT NULL,
    decimals      INTEGER NOT NULL DEFAULT 1,
    tolerance     DOUBLE,
    floor         DOUBLE,
    owner         VARCHAR,
    description   VARCHAR,
    source        VARCHAR,
    dfe_measure   VARCHAR,
    sort_order    INTEGER NOT NULL DEFAULT 0
);

-- Periods sort by end date; key is "type:start:end" so "Sep 12" and "Q2 2012-13" are one period.
CREATE TABLE IF NOT EXISTS periods (
    period_key  VARCHAR PRIMARY KEY,
    label       VARCHAR NOT NULL,
    start_date  DATE NOT NULL,
    end_date    DATE NOT NULL,
    period_type VARCHAR NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS upload_ids START 1;

CREATE TABLE IF NOT EXISTS uploads (
    upload_id   INTEGER PRIMARY KEY,
    user_name   VARCHAR NOT NULL,
    loaded_at   TIMESTAMP NOT NULL,
    file_name   VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    layout      VARCHAR,
    added       INTEGER NOT NULL DEFAULT 0,
    changed     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    warnings    INTEGER NOT NULL DEFAULT 0,
    undone_at   TIMESTAMP,
    undone_by   VARCHAR
);

-- The values: indicator x period x area x measure.
-- measure: actual, target, floor, sn_average, national, region, rag_reported.
-- value holds numbers in the indicator's units (60.5 for 60.5%); text holds words
-- (a reported RAG, a position target such as "A by 2018").
CREATE TABLE IF NOT EXISTS observations (
    indicator_code VARCHAR NOT NULL,
    period_key     VARCHAR NOT NULL,
    area_code      VARCHAR NOT NULL,
    measure        VARCHAR NOT NULL,
    value          DOUBLE,
    text           VARCHAR,
    status         VARCHAR NOT NULL DEFAULT 'final',
    note           VARCHAR,
    upload_id      INTEGER,
    PRIMARY KEY (indicator_code, period_key, area_code, measure)
);

-- What each upload replaced, so an undo restores exactly the earlier values.
CREATE TABLE IF NOT EXISTS observation_history (
    upload_id      INTEGER NOT NULL,
    indicator_code VARCHAR NOT NULL,
    period_key     VARCHAR NOT NULL,
    area_code      VARCHAR NOT NULL,
    measure        VARCHAR NOT NULL,
    existed        BOOLEAN NOT NULL,
    value          DOUBLE,
    text           VARCHAR,
    status         VARCHAR,
    note           VARCHAR,
    prior_upload   INTEGER,
    PRIMARY KEY (upload_id, indicator_code, period_key, area_code, measure)
);

CREATE SEQUENCE IF NOT EXISTS audit_ids START 1;

CREATE TABLE IF NOT EXISTS audit_log (
    audit_id  BIGINT PRIMARY KEY DEFAULT nextval('audit_ids'),
    logged_at TIMESTAMP NOT NULL,
    user_name VARCHAR NOT NULL,
    action    VARCHAR NOT NULL,
    detail    VARCHAR NOT NULL
);
