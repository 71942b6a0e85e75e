-- Schema version 8: DfE's national data built in, for any authority.
-- dfe_measures gains what the measure's metadata panel shows (from LAIT's data dictionary);
-- neighbour_models names each statistical-neighbour model so every neighbour figure can say
-- which one it uses; dfe_editions records each national load (built-in snapshot or update-data);
-- profile_measures is the council's choice of measures for an authority's profile, each with
-- its target by position ("quartile A", "at or better than the neighbour average").

ALTER TABLE dfe_measures ADD COLUMN IF NOT EXISTS methodology VARCHAR;
ALTER TABLE dfe_measures ADD COLUMN IF NOT EXISTS source VARCHAR;        -- data owner / supplier
ALTER TABLE dfe_measures ADD COLUMN IF NOT EXISTS source_url VARCHAR;
ALTER TABLE dfe_measures ADD COLUMN IF NOT EXISTS last_update VARCHAR;   -- ISO date where DfE gives one, else its words
ALTER TABLE dfe_measures ADD COLUMN IF NOT EXISTS next_update VARCHAR;

CREATE TABLE IF NOT EXISTS neighbour_models (
    model      VARCHAR PRIMARY KEY,      -- dfe_sn (current), dfe_sn_2021 ...
    title      VARCHAR NOT NULL,         -- "May 2025 model"
    sort_order INTEGER NOT NULL DEFAULT 0
);
INSERT INTO neighbour_models VALUES ('dfe_sn', 'DfE statistical neighbours', 0) ON CONFLICT (model) DO NOTHING;

CREATE SEQUENCE IF NOT EXISTS dfe_edition_ids START 1;
CREATE TABLE IF NOT EXISTS dfe_editions (
    edition_id  INTEGER PRIMARY KEY DEFAULT nextval('dfe_edition_ids'),
    loaded_at   TIMESTAMP NOT NULL,
    origin      VARCHAR NOT NULL,        -- "built-in snapshot", a folder or a web address
    edition     VARCHAR NOT NULL,        -- what DfE's files say about themselves
    detail      VARCHAR                  -- JSON: files, rows, what changed
);

CREATE TABLE IF NOT EXISTS profile_measures (
    measure     VARCHAR PRIMARY KEY,
    topic       VARCHAR NOT NULL,
    sort_order  INTEGER NOT NULL DEFAULT 0,
    target_text VARCHAR                   -- a position target, as kpi.positions reads it
);
