-- Actions with their plan, priority and indicator titles; overdue = past due on $as_of and not finished.
SELECT a.action_id, a.plan_code, pl.title AS plan, a.priority_code, pr.title AS priority, pr.sort_order AS priority_order,
       a.indicator_code, i.title AS indicator, a.description, a.owner, a.start_date, a.due_date, a.status, a.source,
       (a.due_date < CAST($as_of AS DATE) AND a.status NOT IN ('complete', 'cancelled')) AS overdue
FROM actions AS a
LEFT JOIN indicators AS i ON i.code = a.indicator_code
LEFT JOIN priorities AS pr ON pr.priority_code = coalesce(a.priority_code, i.priority_code)
LEFT JOIN plans AS pl ON pl.plan_code = a.plan_code
ORDER BY a.plan_code, pr.sort_order NULLS FIRST, a.due_date NULLS LAST, a.action_id
