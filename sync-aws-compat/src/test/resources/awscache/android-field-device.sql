-- A device in the field: identity us-east-1:11111111-1111-1111-1111-111111111111 (the app's current one) synced
-- "settings" up to sync count 5 and "profile" up to 3, then went offline and edited; it deleted "trash" locally
-- (last_sync_count -1, remote delete pending); a login merge left "settings.us-east-1:old" (AWS §2.5 rename); and
-- the identity change from "unknown" was left half done (the listener threw, AWS issue #79): rows written
-- before the identity existed are still under "unknown", one of them a dataset the identity also has.
INSERT INTO datasets(identity_id, dataset_name, creation_timestamp, last_modified_timestamp, last_modified_by,
  storage_size_bytes, record_count, last_sync_count) VALUES
  ('us-east-1:11111111-1111-1111-1111-111111111111', 'settings', 1700000000000, 1700000500000, 'dev-a', 40, 4, 5),
  ('us-east-1:11111111-1111-1111-1111-111111111111', 'profile', 1700000000000, 1700000300000, 'dev-a', 10, 1, 3),
  ('us-east-1:11111111-1111-1111-1111-111111111111', 'trash', 1700000000000, 1700000300000, 'dev-a', 0, 0, -1),
  ('us-east-1:11111111-1111-1111-1111-111111111111', 'settings.us-east-1:old', 1700000000000, 0, NULL, 0, 0, 0),
  ('unknown', 'settings', 1690000000000, 0, NULL, 0, 0, 0),
  ('unknown', 'notes', 1690000000000, 0, NULL, 0, 0, 0);
INSERT INTO records(identity_id, dataset_name, key, value, sync_count, last_modified_timestamp, last_modified_by,
  device_last_modified_timestamp, modified) VALUES
  -- clean records: their sync counts are the bases
  ('us-east-1:11111111-1111-1111-1111-111111111111', 'settings', 'theme', 'dark', 3, 1700000300000, 'dev-a', 1700000290000, 0),
  ('us-east-1:11111111-1111-1111-1111-111111111111', 'settings', 'lang', 'en', 5, 1700000500000, 'dev-b', 0, 0),
  -- a server tombstone
  ('us-east-1:11111111-1111-1111-1111-111111111111', 'settings', 'removed', NULL, 4, 1700000400000, 'dev-b', 0, 0),
  -- unsynced edit of a synced record (timestamps bound as strings, as AWS sometimes does)
  ('us-east-1:11111111-1111-1111-1111-111111111111', 'settings', 'font', 'big', 2, '1700000200000', 'dev-a', '1700000900000', 1),
  -- unsynced delete of a synced record
  ('us-east-1:11111111-1111-1111-1111-111111111111', 'settings', 'old', NULL, 1, 1700000100000, 'dev-a', 1700000910000, 1),
  -- a record created offline, never synced
  ('us-east-1:11111111-1111-1111-1111-111111111111', 'settings', 'new', 'x', 0, 0, NULL, 1700000920000, 1),
  ('us-east-1:11111111-1111-1111-1111-111111111111', 'profile', 'name', 'Ann', 3, 1700000300000, 'dev-a', 0, 0),
  -- written after trash.delete() (AWS §2.6-7): kept, not purged
  ('us-east-1:11111111-1111-1111-1111-111111111111', 'trash', 'late', 'keep-me', 0, 0, NULL, 1700000930000, 1),
  ('us-east-1:11111111-1111-1111-1111-111111111111', 'settings.us-east-1:old', 'color', 'red', 0, 0, NULL, 1690000100000, 1),
  ('unknown', 'settings', 'theme', 'light', 0, 0, NULL, 1690000200000, 1),
  ('unknown', 'notes', 'n1', 'hello', 0, 0, NULL, 1690000300000, 1);
