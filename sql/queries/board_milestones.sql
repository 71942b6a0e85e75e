-- Milestones with their plan and priority titles; late = past due on $as_of and neither achieved nor missed.
SELECT m.milestone_id, m.plan_code, pl.title AS plan, m.priority_code, pr.title AS priority,
       pr.sort_order AS priority_order, m.title, m.due_date, m.target_text, m.status, m.achieved_date, m.source,
       (m.due_date < CAST($as_of AS DATE) AND m.status NOT IN ('achieved', 'missed')) AS late
FROM milestones AS m
LEFT JOIN priorities AS pr ON pr.priority_code = m.priority_code
LEFT JOIN plans AS pl ON pl.plan_code = m.plan_code
ORDER BY m.plan_code, pr.sort_order NULLS LAST, m.due_date NULLS LAST, m.milestone_id
