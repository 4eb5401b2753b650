-- 0006: the device and inode of each file registered for destruction (R3.7), so that purge
-- destroys only that same file. A table of its own: a new column on obtained_data would change
-- the digest of every row the journal already holds.

CREATE TABLE data_files (
  id INTEGER PRIMARY KEY REFERENCES obtained_data (id),  -- the item; its file_path is the canonical path
  device INTEGER NOT NULL,          -- st_dev when it was registered
  inode INTEGER NOT NULL            -- st_ino when it was registered
);
