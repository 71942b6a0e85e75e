-- One action as it is held (for an upload's history and its undo).
SELECT action_id, plan_code, priority_code, indicator_code, description, owner, start_date, due_date, status, source
FROM actions WHERE action_id = $action_id
