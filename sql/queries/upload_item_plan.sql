-- One plan as it is held (for an upload's history and its undo).
SELECT * FROM plans WHERE plan_code = $plan_code
