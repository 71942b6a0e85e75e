-- import_dfe: the values, keyed by normalised period. Kept in the file's order, which groups
-- each measure's rows together, so DuckDB's zone maps skip the rest when one measure is read
-- (an ORDER BY here would cost a third of the import).
INSERT INTO dfe_values (measure, period_key, area_code, value)
SELECT s.measure, y.period_key, s.area_code, s.value
FROM dfe_src s
JOIN dfe_src_years y ON y.measure = s.measure AND y.label = s.label
