-- The statistical-neighbour models held, default first, with how many LAs each groups.
SELECT m.model, m.title, count(DISTINCT n.area_code) AS las
FROM neighbour_models m
JOIN area_neighbours n ON n.model = m.model
GROUP BY m.model, m.title, m.sort_order
ORDER BY m.sort_order, m.model
