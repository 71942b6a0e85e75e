-- Classify each incoming value against the store: new, changed or unchanged.
SELECT
    i.*,
    o.value AS old_value,
    o.text AS old_text,
    o.status AS old_status,
    o.note AS old_note,
    o.upload_id AS old_upload,
    CASE
        WHEN o.indicator_code IS NULL THEN 'new'
        WHEN o.value IS NOT DISTINCT FROM i.value
             AND o.text IS NOT DISTINCT FROM i.text
             AND o.status IS NOT DISTINCT FROM i.status
             AND o.note IS NOT DISTINCT FROM i.note THEN 'unchanged'
        ELSE 'changed'
    END AS change
FROM incoming AS i
LEFT JOIN observations AS o
    USING (indicator_code, period_key, area_code, measure)
