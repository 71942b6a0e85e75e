-- An upload's commentary, actions and risks, last written first: the order its undo puts them back in.
SELECT seq, kind, item_key, old_row, new_row FROM upload_item_history WHERE upload_id = $upload_id ORDER BY seq DESC
