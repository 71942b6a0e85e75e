-- What stands on a definition an upload added, so that its undo keeps the definition: values other uploads
-- wrote (for an indicator), indicators (for a priority), priorities and indicators (for a plan).
SELECT 'value' AS what, indicator_code AS code FROM observations
WHERE $kind = 'indicator' AND indicator_code = $code AND upload_id IS DISTINCT FROM $upload_id
UNION ALL
SELECT 'indicator', code FROM indicators WHERE $kind = 'priority' AND priority_code = $code
UNION ALL
SELECT 'indicator', code FROM indicators WHERE $kind = 'plan' AND plan_code = $code
UNION ALL
SELECT 'priority', priority_code FROM priorities WHERE $kind = 'plan' AND plan_code = $code
