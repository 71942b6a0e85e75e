-- The home area's actuals and targets with their periods, for pre-filling a return template.
SELECT o.indicator_code, o.measure, o.value, o.text, o.status, o.note,
       p.period_key, p.label, p.start_date, p.end_date
FROM observations AS o
JOIN periods AS p USING (period_key)
WHERE o.area_code = $area AND o.measure IN ('actual', 'target')
ORDER BY o.indicator_code, p.end_date, p.start_date
