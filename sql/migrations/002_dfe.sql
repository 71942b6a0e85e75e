-- Schema version 2: DfE's national data (LAIT) for benchmarking; loaded by kpi.dfe.import_dfe.
-- Years are normalised into the shared `periods` table; dfe_years keeps the label DfE wrote
-- for each measure ("2019", "2015/16", "2025 (prov)") so users can ask for it as they see it.

CREATE TABLE IF NOT EXISTS dfe_measures (
    measure     VARCHAR PRIMARY KEY,          -- LAIT "Short Desc", e.g. KS2_RWM_Exp
    title       VARCHAR NOT NULL,
    polarity    VARCHAR CHECK (polarity IN ('higher', 'lower')),   -- NULL: no better direction
    decimals    INTEGER,
    year_type   VARCHAR,                      -- dictionary Year_Type: Academic Year, Financial Year ...
    description VARCHAR,
    no_quartile BOOLEAN NOT NULL DEFAULT FALSE,  -- DfE gives no bands (values too close together)
    topic       VARCHAR,
    unit        VARCHAR                       -- dictionary y_axis_name, e.g. "% of pupils"
);

CREATE TABLE IF NOT EXISTS dfe_years (
    measure    VARCHAR NOT NULL,
    period_key VARCHAR NOT NULL,
    label      VARCHAR NOT NULL,
    PRIMARY KEY (measure, period_key)
);

-- One row per measure x period x area; value NULL where DfE shows "-" (missing or suppressed).
-- Unique on (measure, period_key, area_code), but deliberately without a PRIMARY KEY: DuckDB's
-- index makes the full reload (640k rows) 3-4x slower and no query uses it; import_dfe
-- checks uniqueness before it writes, and it is the only writer.
CREATE TABLE IF NOT EXISTS dfe_values (
    measure    VARCHAR NOT NULL,
    period_key VARCHAR NOT NULL,
    area_code  VARCHAR NOT NULL,
    value      DOUBLE
);

INSERT INTO meta VALUES ('home_area', '886') ON CONFLICT (key) DO NOTHING;
