INSERT INTO periods
SELECT DISTINCT ON (period_key) period_key, label, start_date, end_date, period_type FROM incoming_periods
ON CONFLICT (period_key) DO NOTHING;
