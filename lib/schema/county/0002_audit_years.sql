-- county 0002: the unannounced audits (R4.2) a verified file showed for each year it covers (this
-- year and, if the file goes back so far, the last), so that `county status` can hold an office to
-- a year once it is over. collection_counts keeps the count of the collection's own year as before.

CREATE TABLE collection_audits (
  id INTEGER PRIMARY KEY,
  collection_id INTEGER NOT NULL REFERENCES collections (id),
  year INTEGER NOT NULL,
  done INTEGER NOT NULL,            -- unannounced audits conducted that year, as the file shows them
  required INTEGER NOT NULL,        -- rules.unannounced_audits_per_year the office was judged by
  UNIQUE (collection_id, year)
);
