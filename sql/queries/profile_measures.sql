-- The council's choice of measures for authority profiles, in order, with each one's target by position.
SELECT p.measure, p.topic, p.sort_order, p.target_text
FROM profile_measures p
ORDER BY p.sort_order, p.measure
