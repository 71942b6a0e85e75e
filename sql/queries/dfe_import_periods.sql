-- import_dfe: the periods DfE's years normalise to; existing periods are left as they are.
INSERT INTO periods (period_key, label, start_date, end_date, period_type)
SELECT period_key, min(display), min(start_date), min(end_date), min(period_type)
FROM dfe_labels WHERE period_key IS NOT NULL GROUP BY period_key
ON CONFLICT (period_key) DO NOTHING
