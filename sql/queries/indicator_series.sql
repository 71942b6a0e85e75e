-- Every indicator x period for one area, with its measures side by side.
-- Indicators with no values still appear (one row, period NULL) so they show as no data.
WITH vals AS (
    SELECT
        o.indicator_code, o.period_key,
        max(o.value) FILTER (WHERE o.measure = 'actual')     AS actual,
        max(o.value) FILTER (WHERE o.measure = 'target')     AS target,
        max(o.text)  FILTER (WHERE o.measure = 'target')     AS target_text,
        max(o.value) FILTER (WHERE o.measure = 'floor')      AS floor_value,
        max(o.value) FILTER (WHERE o.measure = 'sn_average') AS sn_average,
        max(o.value) FILTER (WHERE o.measure = 'national')   AS national,
        max(o.value) FILTER (WHERE o.measure = 'region')     AS region,
        max(o.text)  FILTER (WHERE o.measure = 'rag_reported') AS rag_reported,
        max(o.status) FILTER (WHERE o.measure = 'actual')    AS status,
        string_agg(o.measure || ': ' || o.note, '; ' ORDER BY o.measure) FILTER (WHERE o.note IS NOT NULL) AS notes
    FROM observations AS o
    WHERE o.area_code = $area
    GROUP BY ALL
)
SELECT
    i.code, i.title, i.priority_code, pr.title AS priority, pr.sort_order AS priority_order,
    i.plan_code, pl.title AS plan, i.polarity, i.unit, i.frequency, i.decimals, i.tolerance,
    i.floor, i.owner, i.description, i.source, i.dfe_measure, i.sort_order,
    p.period_key, p.label AS period, p.start_date, p.end_date, p.period_type,
    v.actual, v.target, v.target_text, v.floor_value, v.sn_average, v.national, v.region,
    v.rag_reported, v.status, v.notes
FROM indicators AS i
LEFT JOIN priorities AS pr ON pr.priority_code = i.priority_code
LEFT JOIN plans AS pl ON pl.plan_code = coalesce(i.plan_code, pr.plan_code)
LEFT JOIN vals AS v ON v.indicator_code = i.code
LEFT JOIN periods AS p ON p.period_key = v.period_key
ORDER BY pr.sort_order NULLS LAST, i.sort_order, i.code, p.end_date, p.start_date
