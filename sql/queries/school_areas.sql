-- England, the regions and the LAs the register's state-funded schools name, where the store does not hold them yet
-- (known_las: the built-in list of English LAs and the store's own). Run after every school import.
INSERT INTO areas (area_code, name, kind, parent_code)
SELECT * FROM (VALUES ('970', 'England', 'england', NULL), ('980', 'North East', 'region', '970'),
                      ('981', 'North West', 'region', '970'), ('982', 'Yorkshire and the Humber', 'region', '970'),
                      ('983', 'East Midlands', 'region', '970'), ('984', 'West Midlands', 'region', '970'),
                      ('985', 'East of England', 'region', '970'), ('986', 'London', 'region', '970'),
                      ('989', 'South East', 'region', '970'), ('990', 'South West', 'region', '970'))
ON CONFLICT (area_code) DO NOTHING;
INSERT INTO areas (area_code, name, kind, region_code, parent_code)
SELECT k.la_code, k.name, 'la', k.region_code, k.region_code
FROM known_las k
WHERE k.la_code IN (SELECT la_code FROM schools WHERE state_funded)
ON CONFLICT (area_code) DO UPDATE SET region_code = coalesce(areas.region_code, excluded.region_code),
                                      parent_code = coalesce(areas.parent_code, excluded.parent_code)
