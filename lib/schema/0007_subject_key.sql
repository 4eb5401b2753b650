-- 0007: the subject key's check value (spec §7 "Backups"). The key itself stays in its file beside
-- the database (DB.key); the database keeps HMAC-SHA-256(key, 'imcomply subject key check v1'), so
-- that a key file replaced by another valid key is refused instead of hashing the same subjects
-- again under other digests. One row per key the office has used; the latest is the one in force
-- (a new key is made only when no system-log row is left that the old one hashed).
CREATE TABLE subject_key_checks (
  id INTEGER PRIMARY KEY,
  check_value TEXT NOT NULL,        -- hex; reveals nothing of the key
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
