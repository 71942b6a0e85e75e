-- Every indicator x period for its authority (its plan's area, else $area), measures side by side.
-- Indicators with no values still appear (one row, period NULL) so they show as no data.
WITH defs AS (
    SELECT i.* REPLACE (coalesce(i.plan_code, pr.plan_code) AS plan_code),
           pr.title AS priority, pr.sort_order AS priority_order, pl.title AS plan,
           coalesce(pl.area_code, $area) AS area_code
    FROM indicators AS i
    LEFT JOIN priorities AS pr ON pr.priority_code = i.priority_code
    LEFT JOIN plans AS pl ON pl.plan_code = coalesce(i.plan_code, pr.plan_code)
),
vals AS (
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
    JOIN defs AS d ON d.code = o.indicator_code AND d.area_code = o.area_code
    GROUP BY ALL
)
SELECT
    d.code, d.title, d.priority_code, d.priority, d.priority_order, d.plan_code, d.plan, d.area_code,
    d.polarity, d.unit, d.frequency, d.decimals, d.tolerance, d.floor, d.owner, d.description, d.source,
    d.dfe_measure, d.school_measure, d.sort_order,
    p.period_key, p.label AS period, p.start_date, p.end_date, p.period_type,
    v.actual, v.target, v.target_text, v.floor_value, v.sn_average, v.national, v.region,
    v.rag_reported, v.status, v.notes
FROM defs AS d
LEFT JOIN vals AS v ON v.indicator_code = d.code
LEFT JOIN periods AS p ON p.period_key = v.period_key
ORDER BY d.area_code = $area DESC, d.plan NULLS LAST, d.priority_order NULLS LAST, d.sort_order, d.code,
         p.end_date, p.start_date
