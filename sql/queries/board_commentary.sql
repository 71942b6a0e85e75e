-- Every commentary with its period label (small table: the caller filters).
SELECT c.indicator_code, c.period_key, p.label AS period, c.text, c.author, c.updated_at
FROM commentary AS c
LEFT JOIN periods AS p ON p.period_key = c.period_key
ORDER BY c.indicator_code, p.end_date
