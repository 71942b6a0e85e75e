-- Every indicator's definition, in plan and priority order, with the authority its figures belong to.
SELECT i.*, p.title AS priority_title, p.sort_order AS priority_order, pl.area_code,
       coalesce(i.plan_code, p.plan_code) AS plan_of
FROM indicators AS i
LEFT JOIN priorities AS p USING (priority_code)
LEFT JOIN plans AS pl ON pl.plan_code = coalesce(i.plan_code, p.plan_code)
ORDER BY p.sort_order NULLS LAST, i.sort_order, i.code
