-- import_dfe, CSV form of LAIT's long file: parsed once into a temp table with the same
-- columns as the parquet file (a parquet file is read in place through a view instead).
CREATE TEMP TABLE dfe_file AS
SELECT * FROM read_csv($path, all_varchar = true, header = true)
