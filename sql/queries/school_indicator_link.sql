-- One indicator's code (matched ignoring case) and the school-based measure it is computed from, if any.
SELECT code, school_measure FROM indicators WHERE lower(code) = lower($code)
