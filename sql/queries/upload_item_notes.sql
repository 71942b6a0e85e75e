-- What items an upload wrote (commentaries, actions, risks, plans, priorities, indicator definitions)
-- replaced (old_row NULL: it added it) and what they are now, in the order written; incoming_notes holds
-- n (1, 2, ...), kind, item_key, old_row and new_row. One statement however many a return brings.
INSERT INTO upload_item_history
SELECT $upload_id, (SELECT coalesce(max(seq), 0) FROM upload_item_history WHERE upload_id = $upload_id) + n,
       kind, item_key, old_row, new_row
FROM incoming_notes ORDER BY n
