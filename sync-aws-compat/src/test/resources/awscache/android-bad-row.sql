-- AWS's schema, but a row that breaks its conventions (modified is a boolean): refused before any write.
INSERT INTO datasets(identity_id, dataset_name, last_sync_count) VALUES ('us-east-1:22222222-2222-2222-2222-222222222222', 'settings', 1);
INSERT INTO records(identity_id, dataset_name, key, value, sync_count, modified) VALUES
  ('us-east-1:22222222-2222-2222-2222-222222222222', 'settings', 'a', 'fine', 1, 0),
  ('us-east-1:22222222-2222-2222-2222-222222222222', 'settings', 'b', 'odd', 1, 2);
