-- The tables P2's peers load from kairos_bench_rows' CSV (only those the
-- segment reads). Integers are the engine's encodings: epoch seconds, money
-- scaled by 10^4.
CREATE TABLE contacts (
  n bigint, id text, email text, first_name text, city text, created_at bigint, vip boolean,
  tags text, consent_email boolean, consent_sms boolean, consent_whatsapp boolean);
CREATE TABLE orders (contact_n bigint, occurred_at bigint, order_id text, total bigint, channel text);
CREATE TABLE views (contact_n bigint, occurred_at bigint, category text, duration bigint, device text);
