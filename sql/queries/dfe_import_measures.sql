-- import_dfe: every measure in the LAIT file, with the dictionary's attributes where it has them.
INSERT INTO dfe_measures (measure, title, polarity, decimals, year_type, description, no_quartile, topic, unit,
                          methodology, source, source_url, last_update, next_update)
SELECT m.measure, coalesce(d.title, m.measure), d.polarity, d.decimals, d.year_type, d.description,
       coalesce(d.no_quartile, false), d.topic, d.unit, d.methodology, d.source, d.source_url, d.last_update,
       d.next_update
FROM (SELECT DISTINCT measure FROM dfe_src_labels) m
LEFT JOIN dfe_dict d ON d.measure = m.measure
ORDER BY m.measure
