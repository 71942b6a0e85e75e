-- Every area's name (the figures carry only codes).
SELECT area_code AS area, name FROM areas
