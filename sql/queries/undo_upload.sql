-- Put back exactly what the upload replaced, and remove what it added.
INSERT INTO observations
SELECT indicator_code, period_key, area_code, measure, value, text, status, note, prior_upload
FROM observation_history
WHERE upload_id = $upload_id AND existed
ON CONFLICT (indicator_code, period_key, area_code, measure) DO UPDATE SET
    value = excluded.value, text = excluded.text, status = excluded.status,
    note = excluded.note, upload_id = excluded.upload_id;

DELETE FROM observations AS o
USING observation_history AS h
WHERE h.upload_id = $upload_id AND NOT h.existed
  AND o.indicator_code = h.indicator_code AND o.period_key = h.period_key
  AND o.area_code = h.area_code AND o.measure = h.measure;

UPDATE uploads SET undone_at = $at, undone_by = $user WHERE upload_id = $upload_id;
