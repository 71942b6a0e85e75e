-- One DfE measure's attributes and its years, oldest first ($measure = LAIT "Short Desc").
SELECT m.measure, m.title, m.polarity, m.decimals, m.year_type, m.no_quartile,
       y.period_key, y.label, p.end_date
FROM dfe_measures m
JOIN dfe_years y ON y.measure = m.measure
JOIN periods p ON p.period_key = y.period_key
WHERE m.measure = $measure
ORDER BY p.end_date, p.start_date
