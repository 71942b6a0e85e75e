-- import_dfe: one pass over the file per measure and year label: rows, distinct areas (a
-- bitmap of LA numbers, 10x cheaper than count(DISTINCT)) and LA numbers out of range.
-- n_rows > n_areas means the file repeats a figure; n_figures counts rows with a number (not "-").
CREATE TEMP TABLE dfe_src_labels AS
SELECT s.measure, s.label, d.year_type, count(*) AS n_rows, count(s.value) AS n_figures,
       bit_count(bitstring_agg(s.la_number, 0, 9999) FILTER (WHERE s.la_number BETWEEN 0 AND 9999)) AS n_areas,
       count(*) FILTER (WHERE s.la_number NOT BETWEEN 0 AND 9999) AS n_bad
FROM dfe_src s
LEFT JOIN dfe_dict d ON d.measure = s.measure
GROUP BY s.measure, s.label, d.year_type
