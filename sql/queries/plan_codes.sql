-- Every plan held, with or without priorities.
SELECT plan_code, title, area_code, organisation FROM plans ORDER BY plan_code
