-- Open311 GeoReport v2 for the enterprise service (modules/service/open311; docs/service/OPEN311.md).
-- 1. API keys for POST /open311/v2/requests: only a SHA-256 of each key is stored (the key is shown
--    once, when an administrator creates it); a revoked key is kept for the audit trail.
-- 2. What an Open311 client sent that service_requests has no column for (coordinates, its address
--    id, media URL, account id) and the key it came with, one row per request posted through Open311.
-- 3. The channel 'open311' for those requests.

CREATE TABLE service_open311_keys (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),   -- who the key is for
  key_hash    text NOT NULL UNIQUE,                                   -- hex SHA-256 of the key
  key_prefix  text NOT NULL,                                          -- first characters, to tell keys apart
  created_by  uuid REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz,
  revoked_by  uuid REFERENCES users (id),
  last_used_at timestamptz
);

CREATE TABLE service_open311_requests (
  request_id  uuid PRIMARY KEY REFERENCES service_requests (id) ON DELETE CASCADE,
  key_id      uuid NOT NULL REFERENCES service_open311_keys (id),
  lat         double precision CHECK (lat BETWEEN -90 AND 90),
  long        double precision CHECK (long BETWEEN -180 AND 180),
  address_id  text NOT NULL DEFAULT '',
  media_url   text NOT NULL DEFAULT '',
  account_id  text NOT NULL DEFAULT ''
);
CREATE INDEX service_open311_requests_key ON service_open311_requests (key_id);

ALTER TABLE service_requests DROP CONSTRAINT service_requests_channel_check;
ALTER TABLE service_requests ADD CONSTRAINT service_requests_channel_check
  CHECK (channel IN ('hotline', 'web', 'app', 'visit', 'letter', 'open311'));
