-- Every plan's priorities (work streams), in board order, with the plan's title and organisation.
SELECT pr.plan_code, pl.title AS plan, pl.organisation, pl.area_code, pr.priority_code, pr.title, pr.description,
       pr.sort_order
FROM priorities AS pr
LEFT JOIN plans AS pl ON pl.plan_code = pr.plan_code
ORDER BY pr.plan_code, pr.sort_order, pr.priority_code
