-- import_dfe: what would make (measure, period, area) ambiguous, up to 5 examples: two year
-- labels of one measure naming the same period, a repeated row, or an LA number out of range.
(SELECT measure, string_agg(label, ' and ') AS what
 FROM dfe_src_years GROUP BY measure, period_key HAVING count(*) > 1 LIMIT 5)
UNION ALL
(SELECT measure, label || ' lists an area twice' FROM dfe_src_labels
 WHERE n_bad = 0 AND n_rows > n_areas LIMIT 5)
UNION ALL
(SELECT measure, label || ' has an LA Number that is not a DfE number' FROM dfe_src_labels
 WHERE n_bad > 0 LIMIT 5)
