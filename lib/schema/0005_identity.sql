-- 0005: the OS user behind each roster login (spec §1 "actor"). The caller of a command is the
-- real uid's passwd name, mapped here; a login without a row maps to the OS user of its own name
-- (rosters made before this migration). A new table, so that no journaled row changes shape.
CREATE TABLE os_accounts (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE REFERENCES users (login),
  os_user TEXT NOT NULL UNIQUE,
  mapped_at TEXT NOT NULL
);
