-- One school's KS2 and KS4 results, by academic year.
SELECT * FROM school_results WHERE urn = $urn ORDER BY year_end, stage
