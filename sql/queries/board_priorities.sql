-- Every plan's priorities (work streams), in board order, with the plan's title, organisation and authority.
SELECT pr.plan_code, pl.title AS plan, pl.organisation, pl.area_code, ar.name AS area_name, ar.kind AS area_kind,
       pr.priority_code, pr.title, pr.description, pr.sort_order
FROM priorities AS pr
LEFT JOIN plans AS pl ON pl.plan_code = pr.plan_code
LEFT JOIN areas AS ar ON ar.area_code = pl.area_code
ORDER BY pr.plan_code, pr.sort_order, pr.priority_code
