-- Every LA's statistical neighbours in one model, closest first.
SELECT n.area_code, n.neighbour_code, n.position, n.closeness, a.name AS neighbour_name
FROM area_neighbours n
LEFT JOIN areas a ON a.area_code = n.neighbour_code
WHERE n.model = $model
ORDER BY n.area_code, n.position
