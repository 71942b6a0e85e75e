-- Record what an upload replaces (for undo), then write its values.
INSERT INTO observation_history
SELECT $upload_id, indicator_code, period_key, area_code, measure,
       change = 'changed', old_value, old_text, old_status, old_note, old_upload
FROM incoming
WHERE change IN ('new', 'changed');

INSERT INTO observations
SELECT indicator_code, period_key, area_code, measure, value, text, status, note, $upload_id
FROM incoming
WHERE change IN ('new', 'changed')
ON CONFLICT (indicator_code, period_key, area_code, measure) DO UPDATE SET
    value = excluded.value, text = excluded.text, status = excluded.status,
    note = excluded.note, upload_id = excluded.upload_id;
