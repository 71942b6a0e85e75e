-- Every indicator's definition, in plan and priority order.
SELECT i.*, p.title AS priority_title, p.sort_order AS priority_order
FROM indicators AS i
LEFT JOIN priorities AS p USING (priority_code)
ORDER BY p.sort_order NULLS LAST, i.sort_order, i.code
