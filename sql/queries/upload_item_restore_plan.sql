-- Undo one plan an upload wrote: remove it, then put back the one it replaced (old_row, or no row).
DELETE FROM plans WHERE plan_code = $plan_code;

INSERT INTO plans BY NAME (SELECT * FROM old_row);
