-- import_dfe: one row per measure from the dictionary, which lists some measures twice with
-- slightly different titles. Polarity High/Low -> higher/lower ("-", NA -> NULL);
-- No_Quartile "N" means DfE shows no quartile bands (as LAIT's no_qb_indicators).
CREATE TEMP TABLE dfe_dict AS
SELECT trim(Measure_short) AS measure,
       min(nullif(trim(Measure), 'NA')) AS title,
       max(CASE lower(trim(Polarity)) WHEN 'high' THEN 'higher' WHEN 'low' THEN 'lower' END) AS polarity,
       max(TRY_CAST(dps AS INTEGER)) AS decimals,
       min(nullif(trim(Year_Type), 'NA')) AS year_type,
       min(nullif(trim(Description), 'NA')) AS description,
       coalesce(bool_or(upper(trim(No_Quartile)) = 'N'), false) AS no_quartile,
       min(nullif(trim(Topic), 'NA')) AS topic,
       min(nullif(trim(y_axis_name), 'NA')) AS unit
FROM dfe_dict_raw
WHERE nullif(trim(Measure_short), '') IS NOT NULL
GROUP BY trim(Measure_short)
