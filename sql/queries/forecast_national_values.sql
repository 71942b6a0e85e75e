-- Every LA's figure for every DfE measure and year, for the forecast backtest and calibration:
-- one row per figure ($measures: a list, or NULL for all), the year as the calendar year the period ends in (DfE's series are annual).
SELECT v.measure, v.area_code, year(p.end_date) AS year, v.value,
       coalesce(m.topic, 'Other') AS topic, coalesce(m.unit, '') AS unit
FROM dfe_values v
JOIN periods p ON p.period_key = v.period_key
JOIN areas a ON a.area_code = v.area_code AND a.kind = 'la'
JOIN dfe_measures m ON m.measure = v.measure
WHERE v.value IS NOT NULL AND ($measures IS NULL OR list_contains($measures, v.measure))
ORDER BY v.measure, v.area_code, year
