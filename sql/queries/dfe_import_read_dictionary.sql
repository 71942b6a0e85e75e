-- import_dfe: LAIT's data dictionary as text, before it is cleaned by dfe_import_dictionary; dict_row
-- keeps each row's place in the file (a measure listed twice takes its title and flag from its first row).
CREATE TEMP TABLE dfe_dict_raw AS
SELECT *, row_number() OVER () AS dict_row
FROM read_csv($path, all_varchar = true, header = true, encoding = $encoding)
