-- Every DfE measure, for pickers and "did you mean" messages.
SELECT measure, title, polarity, unit FROM dfe_measures ORDER BY measure
