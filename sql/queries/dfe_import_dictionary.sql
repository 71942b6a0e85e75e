-- import_dfe: one row per measure from the dictionary, which lists some measures twice (under two
-- topics, with slightly different titles). The quartile flag belongs to a dictionary row, not to the
-- short name: LAIT keys "no quartile bands" on the row's title, so a measure listed twice takes its
-- title and its flag together from its first row (as LAIT keeps the first of duplicate rows), never
-- one row's title with the other's flag. Polarity High/Low -> higher/lower ("-", NA -> NULL);
-- No_Quartile "N" means DfE shows no quartile bands (LAIT's no_qb_indicators).
-- Last/Next Update are Excel date serials (45809 = 2025-06-01) or words ("Discontinued").
CREATE TEMP TABLE dfe_dict AS
SELECT trim(Measure_short) AS measure,
       arg_min(nullif(trim(Measure), 'NA'), dict_row) AS title,
       max(CASE lower(trim(Polarity)) WHEN 'high' THEN 'higher' WHEN 'low' THEN 'lower' END) AS polarity,
       max(TRY_CAST(dps AS INTEGER)) AS decimals,
       min(nullif(trim(Year_Type), 'NA')) AS year_type,
       min(nullif(trim(Description), 'NA')) AS description,
       coalesce(arg_min(upper(trim(coalesce(No_Quartile, ''))) = 'N', dict_row), false) AS no_quartile,
       min(nullif(trim(Topic), 'NA')) AS topic,
       min(nullif(trim(y_axis_name), 'NA')) AS unit,
       min(nullif(trim(Methodology), 'NA')) AS methodology,
       min(nullif(trim("Data Owner (DO) /Supplier and Contact Details"), 'NA')) AS source,
       min(nullif(trim("Hyperlink(s)"), 'NA')) AS source_url,
       min(CASE WHEN TRY_CAST(trim("Last Update") AS INTEGER) BETWEEN 20000 AND 80000     -- an Excel date serial
                THEN strftime(DATE '1899-12-30' + CAST(trim("Last Update") AS INTEGER), '%Y-%m-%d')
                ELSE nullif(nullif(trim("Last Update"), 'NA'), '') END) AS last_update,
       min(CASE WHEN TRY_CAST(trim("Next Update") AS INTEGER) BETWEEN 20000 AND 80000
                THEN strftime(DATE '1899-12-30' + CAST(trim("Next Update") AS INTEGER), '%Y-%m-%d')
                ELSE nullif(nullif(trim("Next Update"), 'NA'), '') END) AS next_update
FROM dfe_dict_raw
WHERE nullif(trim(Measure_short), '') IS NOT NULL
GROUP BY trim(Measure_short)
