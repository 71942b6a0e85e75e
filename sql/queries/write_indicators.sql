INSERT INTO indicators BY NAME (SELECT * FROM incoming_indicators)
ON CONFLICT (code) DO UPDATE SET
    title = excluded.title, priority_code = excluded.priority_code, plan_code = excluded.plan_code,
    polarity = excluded.polarity, unit = excluded.unit, frequency = excluded.frequency,
    decimals = excluded.decimals, tolerance = excluded.tolerance, floor = excluded.floor,
    owner = excluded.owner, description = excluded.description, source = excluded.source,
    dfe_measure = excluded.dfe_measure, sort_order = excluded.sort_order;
