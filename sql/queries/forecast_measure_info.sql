-- One DfE measure's attributes for forecasting it as a series: title, unit, decimals, polarity.
SELECT measure, title, coalesce(unit, '') AS unit, decimals, polarity FROM dfe_measures WHERE measure = $measure
