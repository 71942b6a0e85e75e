-- Undo one action an upload wrote: remove an action it added, or put back the one it changed.
DELETE FROM actions WHERE action_id = $action_id AND NOT $existed;

UPDATE actions SET plan_code = $plan_code, priority_code = $priority_code, indicator_code = $indicator_code,
    description = $description, owner = $owner, start_date = CAST($start_date AS DATE),
    due_date = CAST($due_date AS DATE), status = $status, source = $source
WHERE action_id = $action_id AND $existed;
