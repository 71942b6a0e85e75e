-- Classify each incoming value against the store: new, changed or unchanged.
-- A blank status or note in a return means "as before", never "erase" (like a blank value),
-- so a return that has no Status or Note column does not wipe what officers wrote earlier.
SELECT
    i.* REPLACE (
        coalesce(CAST(i.status AS VARCHAR), o.status, 'final') AS status,
        coalesce(CAST(i.note AS VARCHAR), o.note) AS note),
    o.value AS old_value,
    o.text AS old_text,
    o.status AS old_status,
    o.note AS old_note,
    o.upload_id AS old_upload,
    CASE
        WHEN o.indicator_code IS NULL THEN 'new'
        WHEN o.value IS NOT DISTINCT FROM i.value
             AND o.text IS NOT DISTINCT FROM CAST(i.text AS VARCHAR)
             AND o.status IS NOT DISTINCT FROM coalesce(CAST(i.status AS VARCHAR), o.status, 'final')
             AND o.note IS NOT DISTINCT FROM coalesce(CAST(i.note AS VARCHAR), o.note) THEN 'unchanged'
        ELSE 'changed'
    END AS change
FROM incoming AS i
LEFT JOIN observations AS o
    USING (indicator_code, period_key, area_code, measure)
