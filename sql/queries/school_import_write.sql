-- import-schools: merge the checked staging rows into the store (one transaction; the caller has found no problems).
-- 1. Provenance: one school_imports row per new file.
CREATE OR REPLACE TEMP TABLE n_ids AS
SELECT file_id, (SELECT coalesce(max(import_id), 0) FROM school_imports) + file_id AS import_id, file_name, sha256, kind, edition, rows_read FROM n_files_frame;
INSERT INTO school_imports (import_id, file_name, sha256, kind, edition, rows_read, user_name, loaded_at)
SELECT import_id, file_name, sha256, kind, CAST(edition AS DATE), rows_read, $user, current_localtimestamp() FROM n_ids;

-- 2. The register: one row per school from this import (newest edition first), then upserted.
CREATE OR REPLACE TEMP TABLE n_register AS
SELECT s.urn,
       first(s.laestab ORDER BY s.edition DESC NULLS LAST) FILTER (WHERE s.laestab IS NOT NULL) AS laestab,
       first(s.la_code ORDER BY s.edition DESC NULLS LAST) FILTER (WHERE s.la_code IS NOT NULL) AS la_code,
       first(s.name ORDER BY s.edition DESC NULLS LAST) FILTER (WHERE s.name IS NOT NULL) AS name,
       first(s.phase ORDER BY s.edition DESC NULLS LAST) FILTER (WHERE s.phase IS NOT NULL) AS phase,
       first(s.school_type ORDER BY s.edition DESC NULLS LAST) FILTER (WHERE s.school_type IS NOT NULL) AS school_type,
       first(s.governance ORDER BY s.edition DESC NULLS LAST) FILTER (WHERE s.governance IS NOT NULL) AS governance,
       first(s.academy_kind ORDER BY s.edition DESC NULLS LAST) FILTER (WHERE s.academy_kind IS NOT NULL) AS academy_kind,
       first(s.trust ORDER BY s.edition DESC NULLS LAST) FILTER (WHERE s.trust IS NOT NULL) AS trust,
       first(s.open_date ORDER BY s.edition DESC NULLS LAST) FILTER (WHERE s.open_date IS NOT NULL) AS open_date,
       first(s.close_date ORDER BY s.edition DESC NULLS LAST) FILTER (WHERE s.close_date IS NOT NULL) AS close_date,
       first(s.pupils ORDER BY s.edition DESC NULLS LAST) FILTER (WHERE s.pupils IS NOT NULL) AS pupils,
       bool_or(s.state_funded) AS state_funded,
       first(s.predecessor_urn ORDER BY s.edition DESC NULLS LAST) FILTER (WHERE s.predecessor_urn IS NOT NULL
                                                                         AND s.predecessor_urn <> s.urn) AS predecessor_urn,
       max(s.edition) AS edition,
       first(i.import_id ORDER BY s.edition DESC NULLS LAST) AS import_id
FROM n_schools s JOIN n_ids i USING (file_id)
GROUP BY s.urn;
INSERT INTO schools BY NAME (SELECT * FROM n_register)
ON CONFLICT (urn) DO UPDATE SET
    laestab = CASE WHEN excluded.edition >= coalesce(schools.edition, DATE '1900-01-01') THEN coalesce(excluded.laestab, schools.laestab) ELSE coalesce(schools.laestab, excluded.laestab) END,
    la_code = CASE WHEN excluded.edition >= coalesce(schools.edition, DATE '1900-01-01') THEN coalesce(excluded.la_code, schools.la_code) ELSE coalesce(schools.la_code, excluded.la_code) END,
    name = CASE WHEN excluded.edition >= coalesce(schools.edition, DATE '1900-01-01') THEN coalesce(excluded.name, schools.name) ELSE coalesce(schools.name, excluded.name) END,
    phase = CASE WHEN excluded.edition >= coalesce(schools.edition, DATE '1900-01-01') THEN coalesce(excluded.phase, schools.phase) ELSE coalesce(schools.phase, excluded.phase) END,
    school_type = CASE WHEN excluded.edition >= coalesce(schools.edition, DATE '1900-01-01') THEN coalesce(excluded.school_type, schools.school_type) ELSE coalesce(schools.school_type, excluded.school_type) END,
    governance = CASE WHEN excluded.edition >= coalesce(schools.edition, DATE '1900-01-01') THEN coalesce(excluded.governance, schools.governance) ELSE coalesce(schools.governance, excluded.governance) END,
    academy_kind = CASE WHEN excluded.edition >= coalesce(schools.edition, DATE '1900-01-01') THEN coalesce(excluded.academy_kind, schools.academy_kind) ELSE coalesce(schools.academy_kind, excluded.academy_kind) END,
    trust = CASE WHEN excluded.edition >= coalesce(schools.edition, DATE '1900-01-01') THEN coalesce(excluded.trust, schools.trust) ELSE coalesce(schools.trust, excluded.trust) END,
    open_date = coalesce(schools.open_date, excluded.open_date),
    close_date = coalesce(excluded.close_date, schools.close_date),
    pupils = CASE WHEN excluded.edition >= coalesce(schools.edition, DATE '1900-01-01') THEN coalesce(excluded.pupils, schools.pupils) ELSE coalesce(schools.pupils, excluded.pupils) END,
    state_funded = schools.state_funded OR excluded.state_funded,
    predecessor_urn = coalesce(schools.predecessor_urn, excluded.predecessor_urn),
    edition = greatest(schools.edition, excluded.edition),
    import_id = CASE WHEN excluded.edition >= coalesce(schools.edition, DATE '1900-01-01') THEN excluded.import_id ELSE schools.import_id END;

-- 3. Conversions a closed school's row names (its successor), and which census lists which school.
UPDATE schools SET predecessor_urn = l.predecessor_urn
FROM (SELECT urn, min(predecessor_urn) AS predecessor_urn FROM n_links GROUP BY urn) l
WHERE schools.urn = l.urn AND schools.predecessor_urn IS NULL AND l.predecessor_urn <> l.urn;
INSERT INTO school_listings
SELECT DISTINCT s.urn, i.import_id FROM n_schools s JOIN n_ids i USING (file_id) WHERE s.listed
ON CONFLICT DO NOTHING;

-- 4. Inspections as events: one per (school, start date, graded); what a file adds fills what was unknown.
CREATE OR REPLACE TEMP TABLE n_events AS
SELECT n.urn, n.start_date, n.graded,
       first(n.inspection_number ORDER BY n.file_id DESC) FILTER (WHERE n.inspection_number IS NOT NULL) AS inspection_number,
       first(n.published ORDER BY n.file_id DESC) FILTER (WHERE n.published IS NOT NULL) AS published,
       first(n.overall ORDER BY n.file_id DESC) FILTER (WHERE n.overall IS NOT NULL) AS overall,
       bool_or(n.not_judged) AS not_judged,
       first(n.category ORDER BY n.file_id DESC) FILTER (WHERE n.category IS NOT NULL) AS category,
       bool_or(n.category_known) AS category_known,
       first(n.quality ORDER BY n.file_id DESC) FILTER (WHERE n.quality IS NOT NULL) AS quality,
       first(n.behaviour ORDER BY n.file_id DESC) FILTER (WHERE n.behaviour IS NOT NULL) AS behaviour,
       first(n.personal ORDER BY n.file_id DESC) FILTER (WHERE n.personal IS NOT NULL) AS personal,
       first(n.leadership ORDER BY n.file_id DESC) FILTER (WHERE n.leadership IS NOT NULL) AS leadership,
       first(n.early_years ORDER BY n.file_id DESC) FILTER (WHERE n.early_years IS NOT NULL) AS early_years,
       first(n.sixth_form ORDER BY n.file_id DESC) FILTER (WHERE n.sixth_form IS NOT NULL) AS sixth_form,
       first(n.safeguarding ORDER BY n.file_id DESC) FILTER (WHERE n.safeguarding IS NOT NULL) AS safeguarding,
       first(n.inspection_type ORDER BY n.file_id DESC) FILTER (WHERE n.inspection_type IS NOT NULL) AS inspection_type,
       first(n.outcome ORDER BY n.file_id DESC) FILTER (WHERE n.outcome IS NOT NULL) AS outcome,
       first(i.import_id ORDER BY n.file_id DESC) AS import_id
FROM n_inspections n JOIN n_ids i USING (file_id)
GROUP BY n.urn, n.start_date, n.graded;
INSERT INTO school_inspections BY NAME (SELECT * FROM n_events)
ON CONFLICT (urn, start_date, graded) DO UPDATE SET
    inspection_number = coalesce(excluded.inspection_number, school_inspections.inspection_number),
    published = coalesce(excluded.published, school_inspections.published),
    overall = coalesce(excluded.overall, school_inspections.overall),
    not_judged = excluded.not_judged OR school_inspections.not_judged,
    category = coalesce(excluded.category, school_inspections.category),
    category_known = excluded.category_known OR school_inspections.category_known,
    quality = coalesce(excluded.quality, school_inspections.quality),
    behaviour = coalesce(excluded.behaviour, school_inspections.behaviour),
    personal = coalesce(excluded.personal, school_inspections.personal),
    leadership = coalesce(excluded.leadership, school_inspections.leadership),
    early_years = coalesce(excluded.early_years, school_inspections.early_years),
    sixth_form = coalesce(excluded.sixth_form, school_inspections.sixth_form),
    safeguarding = coalesce(excluded.safeguarding, school_inspections.safeguarding),
    inspection_type = coalesce(excluded.inspection_type, school_inspections.inspection_type),
    outcome = coalesce(excluded.outcome, school_inspections.outcome);

-- 5. Results per school, stage and academic year.
CREATE OR REPLACE TEMP TABLE n_scores AS
SELECT n.urn, n.stage, n.year_end,
       first(n.pupils ORDER BY n.file_id DESC) FILTER (WHERE n.pupils IS NOT NULL) AS pupils,
       first(n.rwm_expected ORDER BY n.file_id DESC) FILTER (WHERE n.rwm_expected IS NOT NULL) AS rwm_expected,
       first(n.reading_progress ORDER BY n.file_id DESC) FILTER (WHERE n.reading_progress IS NOT NULL) AS reading_progress,
       first(n.writing_progress ORDER BY n.file_id DESC) FILTER (WHERE n.writing_progress IS NOT NULL) AS writing_progress,
       first(n.maths_progress ORDER BY n.file_id DESC) FILTER (WHERE n.maths_progress IS NOT NULL) AS maths_progress,
       first(n.attainment8 ORDER BY n.file_id DESC) FILTER (WHERE n.attainment8 IS NOT NULL) AS attainment8,
       first(n.progress8 ORDER BY n.file_id DESC) FILTER (WHERE n.progress8 IS NOT NULL) AS progress8,
       first(n.eng_maths_5 ORDER BY n.file_id DESC) FILTER (WHERE n.eng_maths_5 IS NOT NULL) AS eng_maths_5,
       first(i.import_id ORDER BY n.file_id DESC) AS import_id
FROM n_results n JOIN n_ids i USING (file_id)
GROUP BY n.urn, n.stage, n.year_end;
INSERT INTO school_results BY NAME (SELECT * FROM n_scores)
ON CONFLICT (urn, stage, year_end) DO UPDATE SET
    pupils = coalesce(excluded.pupils, school_results.pupils),
    rwm_expected = coalesce(excluded.rwm_expected, school_results.rwm_expected),
    reading_progress = coalesce(excluded.reading_progress, school_results.reading_progress),
    writing_progress = coalesce(excluded.writing_progress, school_results.writing_progress),
    maths_progress = coalesce(excluded.maths_progress, school_results.maths_progress),
    attainment8 = coalesce(excluded.attainment8, school_results.attainment8),
    progress8 = coalesce(excluded.progress8, school_results.progress8),
    eng_maths_5 = coalesce(excluded.eng_maths_5, school_results.eng_maths_5),
    import_id = excluded.import_id
