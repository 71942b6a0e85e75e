-- Undo one indicator definition an upload wrote: remove it, then put back the one it replaced (old_row: that
-- definition, or no row when the upload added it).
DELETE FROM indicators WHERE code = $code;

INSERT INTO indicators BY NAME (SELECT * FROM old_row);
