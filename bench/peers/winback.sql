-- P2's segment `winback` (bench/engine/bench.journey) as SQL, run unchanged
-- by PostgreSQL and DuckDB: the number of members at 2026-11-23T00:00:00Z
-- (1795392000). Windows are (now - D, now]; money is ILS scaled by 10^4;
-- `contact.city != "Haifa"` holds when the city is unknown.
WITH spend AS (
  SELECT contact_n, sum(total) AS total
  FROM orders
  WHERE occurred_at > 1795392000 - 365 * 86400 AND occurred_at <= 1795392000
  GROUP BY contact_n
), recent_views AS (
  SELECT contact_n, count(*) AS views
  FROM views
  WHERE occurred_at > 1795392000 - 30 * 86400 AND occurred_at <= 1795392000
  GROUP BY contact_n
)
SELECT count(*) AS members
FROM contacts c
JOIN spend s ON s.contact_n = c.n
JOIN recent_views v ON v.contact_n = c.n
WHERE c.consent_email
  AND NOT c.vip
  AND c.city IS DISTINCT FROM 'Haifa'
  AND s.total >= 5000000
  AND v.views >= 2;
