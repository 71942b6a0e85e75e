-- Undo one priority an upload wrote: remove it, then put back the one it replaced (old_row, or no row).
DELETE FROM priorities WHERE priority_code = $priority_code;

INSERT INTO priorities BY NAME (SELECT * FROM old_row);
