-- 0012: the batch records of a table by their first row, so that purge finds the batches that hold
-- the rows of one of its transactions by an index range instead of reading every batch record of
-- the table each time (at county scale, thousands of transactions times some 20 000 records).
-- An index only: no record, row or digest changes.
CREATE INDEX journal_batches ON journal (entity, CAST(entity_id AS INTEGER)) WHERE leaves IS NOT NULL;
