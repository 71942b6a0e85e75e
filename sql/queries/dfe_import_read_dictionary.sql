-- import_dfe: LAIT's data dictionary as text, before it is cleaned by dfe_import_dictionary.
CREATE TEMP TABLE dfe_dict_raw AS
SELECT * FROM read_csv($path, all_varchar = true, header = true, encoding = $encoding)
