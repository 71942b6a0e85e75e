-- Schema version 5: every school, its inspections as events, its results, and what the LA records about it.
-- Loaded by kpi.schools.importer (python -m kpi import-schools, or Admin > Import school data).
-- Figures are computed from these tables by the as-at rule in sql/queries/school_*.sql.

-- One row per imported file: what it was, its edition (the date it describes) and who loaded it.
CREATE TABLE IF NOT EXISTS school_imports (
    import_id  INTEGER PRIMARY KEY,     -- the next is max + 1 (so a loaded snapshot's ids carry on)
    file_name  VARCHAR NOT NULL,
    sha256     VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,     -- ofsted_outcomes, inspection_history, spine, gias, ks2, ks4
    edition    DATE,                 -- the date the file describes (e.g. 31 Aug 2025 for Ofsted's outcomes file)
    rows_read  INTEGER NOT NULL,
    user_name  VARCHAR NOT NULL,
    loaded_at  TIMESTAMP NOT NULL
);

-- The register. The newest edition's details win; a field a newer file lacks keeps the older value.
CREATE TABLE IF NOT EXISTS schools (
    urn             INTEGER PRIMARY KEY,
    laestab         VARCHAR,
    la_code         VARCHAR,
    name            VARCHAR NOT NULL,
    phase           VARCHAR,          -- primary, secondary, special, pru, nursery, other
    school_type     VARCHAR,          -- e.g. Community school, Academy converter
    governance      VARCHAR,          -- maintained, academy, free school, other
    academy_kind    VARCHAR,          -- converter, sponsor led (academies only)
    trust           VARCHAR,
    open_date       DATE,
    close_date      DATE,
    pupils          INTEGER,
    state_funded    BOOLEAN NOT NULL DEFAULT TRUE,
    predecessor_urn INTEGER,          -- the school it replaced (an academy conversion gives a new URN)
    edition         DATE,             -- edition of the file the details came from
    import_id       INTEGER
);

-- Which census lists which school: a school missing from a newer Ofsted outcomes file had closed by its date.
CREATE TABLE IF NOT EXISTS school_listings (
    urn       INTEGER NOT NULL,
    import_id INTEGER NOT NULL,
    PRIMARY KEY (urn, import_id)
);

-- Inspections as events. Identity: (urn of the school inspected, start date, graded or not).
-- overall: 1-4, or NULL where the inspection gave none (not_judged = graded since Sep 2024 without a grade).
CREATE TABLE IF NOT EXISTS school_inspections (
    urn               INTEGER NOT NULL,
    start_date        DATE NOT NULL,
    graded            BOOLEAN NOT NULL,
    inspection_number VARCHAR,
    published         DATE,
    overall           INTEGER CHECK (overall BETWEEN 1 AND 4),
    not_judged        BOOLEAN NOT NULL DEFAULT FALSE,
    category          VARCHAR CHECK (category IN ('SM', 'SWK', 'NTI')),
    category_known    BOOLEAN NOT NULL DEFAULT FALSE,   -- the file says whether there was a category (Ofsted's do; the history does not)
    quality           INTEGER,
    behaviour         INTEGER,
    personal          INTEGER,
    leadership        INTEGER,
    early_years       INTEGER,
    sixth_form        INTEGER,
    safeguarding      VARCHAR,
    inspection_type   VARCHAR,
    outcome           VARCHAR,          -- an ungraded inspection's outcome in Ofsted's words
    import_id         INTEGER,
    PRIMARY KEY (urn, start_date, graded)
);

-- Results per school and academic year (year_end 2018 = 2017/18). Percentages as numbers (64 for 64%).
CREATE TABLE IF NOT EXISTS school_results (
    urn               INTEGER NOT NULL,
    stage             VARCHAR NOT NULL CHECK (stage IN ('ks2', 'ks4')),
    year_end          INTEGER NOT NULL,
    pupils            INTEGER,
    rwm_expected      DOUBLE,
    reading_progress  DOUBLE,
    writing_progress  DOUBLE,
    maths_progress    DOUBLE,
    attainment8       DOUBLE,
    progress8         DOUBLE,
    eng_maths_5       DOUBLE,
    import_id         INTEGER,
    PRIMARY KEY (urn, stage, year_end)
);

-- The LA's own categorisation of its schools (e.g. Kent's school categorisation programme): append-only history.
CREATE SEQUENCE IF NOT EXISTS school_la_category_ids START 1;
CREATE TABLE IF NOT EXISTS school_la_categories (
    entry_id   INTEGER PRIMARY KEY DEFAULT nextval('school_la_category_ids'),
    urn        INTEGER NOT NULL,
    category   VARCHAR NOT NULL,
    note       VARCHAR,
    effective  DATE NOT NULL,
    set_by     VARCHAR NOT NULL,
    set_at     TIMESTAMP NOT NULL
);

-- Targets per school (seed 000: "maintain grade 1 or 2, or improve by one grade, by a date"): append-only, latest wins.
CREATE SEQUENCE IF NOT EXISTS school_target_ids START 1;
CREATE TABLE IF NOT EXISTS school_targets (
    target_id  INTEGER PRIMARY KEY DEFAULT nextval('school_target_ids'),
    urn        INTEGER NOT NULL,
    rule       VARCHAR NOT NULL DEFAULT 'maintain_or_improve',
    baseline   INTEGER,                -- the grade when the target was set
    due        DATE NOT NULL,
    note       VARCHAR,
    set_by     VARCHAR NOT NULL,
    set_at     TIMESTAMP NOT NULL
);

-- A plan's indicator computed from schools names a catalogue entry, e.g. 'good_or_outstanding:primary'.
ALTER TABLE indicators ADD COLUMN IF NOT EXISTS school_measure VARCHAR;

-- How a graded inspection without an overall grade (since Sep 2024) counts: 'exclude' or 'previous'.
INSERT INTO meta VALUES ('schools_not_judged', 'exclude') ON CONFLICT (key) DO NOTHING;
