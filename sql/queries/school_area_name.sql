-- One area's name.
SELECT name FROM areas WHERE area_code = $area
