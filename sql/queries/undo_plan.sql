-- What undoing $upload_id would do, before it is done: per indicator, how many values it added
-- (to be removed) and changed (to be put back), with the later uploads still in force that
-- wrote values of the same indicators (built on this one). One row per indicator it touched.
WITH mine AS (
    SELECT indicator_code, count(*) FILTER (WHERE NOT existed) AS removes,
           count(*) FILTER (WHERE existed) AS restores
    FROM observation_history WHERE upload_id = $upload_id
    GROUP BY indicator_code
),
later AS (
    SELECT h.indicator_code, list(DISTINCT h.upload_id ORDER BY h.upload_id) AS later_uploads
    FROM observation_history h
    JOIN uploads u ON u.upload_id = h.upload_id AND u.undone_at IS NULL
    WHERE h.upload_id > $upload_id AND h.indicator_code IN (SELECT indicator_code FROM mine)
    GROUP BY h.indicator_code
)
SELECT m.indicator_code AS code, coalesce(i.title, m.indicator_code) AS title, m.removes, m.restores,
       coalesce(l.later_uploads, []) AS later_uploads
FROM mine m
LEFT JOIN indicators i ON i.code = m.indicator_code
LEFT JOIN later l ON l.indicator_code = m.indicator_code
ORDER BY coalesce(i.sort_order, 1e9), m.indicator_code
