-- What one item an upload wrote (a commentary, action, risk, plan, priority or indicator definition) replaced
-- (old_row NULL: it added it) and what it wrote.
INSERT INTO upload_item_history
SELECT $upload_id, coalesce(max(seq), 0) + 1, $kind, $item_key, $old_row, $new_row
FROM upload_item_history WHERE upload_id = $upload_id
