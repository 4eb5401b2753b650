-- 0010: journal format 2 (spec §7; docs/schema.md "Journal formats"). Records written before this
-- migration keep format 1 (their values hashed as bytes) and verify as they were written; every
-- record after it is format 2, which hashes each value with its storage class and carries the
-- retention day of a usage entry or system query, so that a purge's deletion can be checked
-- against its destruction record's cutoff. The journal is not a protected table: no row digest changes.
ALTER TABLE journal ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
ALTER TABLE journal ADD COLUMN day TEXT;
