-- Values this upload wrote that a later upload has since changed: undo that one first.
SELECT DISTINCT o.upload_id
FROM observation_history AS h
JOIN observations AS o USING (indicator_code, period_key, area_code, measure)
WHERE h.upload_id = $upload_id AND o.upload_id IS DISTINCT FROM $upload_id
  AND o.upload_id > $upload_id
ORDER BY 1
