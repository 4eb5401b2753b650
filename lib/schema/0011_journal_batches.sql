-- 0011: journal format 3, batches (spec §7; docs/schema.md "Journal formats"). An import journals
-- each run of its rows of one retention day as one batch record holding the RFC 6962 Merkle root
-- of their salted digests; a purge that deletes some of them journals one removal record per
-- batch, listing the leaves it removed. Records written before keep their format and verify as
-- they were written. The journal and these two tables are not protected tables: no row digest changes.
ALTER TABLE journal ADD COLUMN leaves INTEGER;  -- a batch record: how many rows its root covers
ALTER TABLE journal ADD COLUMN batch INTEGER;   -- a removal record: the batch record it removes leaves of

-- The seeds of a batch's salts (a GGM tree): a seed covers the leaves [start, start + size), so
-- every salt of the batch's rows still there is derived from one of them, and none of a row removed.
CREATE TABLE journal_seeds (
  batch INTEGER NOT NULL,           -- the batch record (journal.seq)
  start INTEGER NOT NULL,
  size INTEGER NOT NULL,            -- a power of two
  seed BLOB NOT NULL,               -- 16 bytes
  PRIMARY KEY (batch, start)
) WITHOUT ROWID;

-- What a batch keeps of its removed leaves: the hashes of the subtrees (the compact ranges) that
-- cover them, so that its root still recomputes from the rows left and these.
CREATE TABLE journal_nodes (
  batch INTEGER NOT NULL,
  start INTEGER NOT NULL,
  size INTEGER NOT NULL,            -- a power of two; start is a multiple of it
  hash BLOB NOT NULL,               -- 32 bytes: the Merkle tree hash of those leaves
  PRIMARY KEY (batch, start)
) WITHOUT ROWID;
