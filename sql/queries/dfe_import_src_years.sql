-- import_dfe: each measure's year labels with their normalised period (labels that are not
-- periods, such as "0", have none and their rows are skipped).
CREATE TEMP TABLE dfe_src_years AS
SELECT s.measure, l.period_key, s.label
FROM dfe_src_labels s
JOIN dfe_labels l ON l.label = s.label AND l.year_type IS NOT DISTINCT FROM s.year_type
WHERE l.period_key IS NOT NULL
