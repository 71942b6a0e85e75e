-- Every DfE measure with its metadata (from LAIT's data dictionary) and the years held.
SELECT m.measure, m.title, m.topic, m.polarity, m.unit, m.decimals, m.year_type, m.no_quartile,
       m.description, m.methodology, m.source, m.source_url, m.last_update, m.next_update,
       count(y.period_key) AS years, arg_min(y.label, p.end_date) AS first_year,
       arg_max(y.label, p.end_date) AS latest_year
FROM dfe_measures m
LEFT JOIN dfe_years y ON y.measure = m.measure
LEFT JOIN periods p ON p.period_key = y.period_key
GROUP BY ALL
ORDER BY m.topic, m.title
