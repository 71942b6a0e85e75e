-- Each indicator's actuals and targets for its own authority (its plan's area, else $area), with
-- their periods, for pre-filling a return template.
SELECT o.indicator_code, o.measure, o.value, o.text, o.status, o.note,
       p.period_key, p.label, p.start_date, p.end_date
FROM observations AS o
JOIN periods AS p USING (period_key)
JOIN indicators AS i ON i.code = o.indicator_code
LEFT JOIN priorities AS pr ON pr.priority_code = i.priority_code
LEFT JOIN plans AS pl ON pl.plan_code = coalesce(i.plan_code, pr.plan_code)
WHERE o.area_code = coalesce(pl.area_code, $area) AND o.measure IN ('actual', 'target')
ORDER BY o.indicator_code, p.end_date, p.start_date
