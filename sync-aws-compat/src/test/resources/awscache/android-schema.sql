-- AWS Cognito Sync Android client's cache, cognito_dataset_cache.db (SQLiteLocalStorage, DB_VERSION = 2),
-- exactly as documented in docs/reference (reference-clients.md §2.3). SQLiteOpenHelper stores DB_VERSION in
-- user_version.
PRAGMA user_version = 2;
CREATE TABLE datasets(identity_id TEXT NOT NULL, dataset_name TEXT NOT NULL,
  creation_timestamp INTEGER DEFAULT 0, last_modified_timestamp INTEGER DEFAULT 0, last_modified_by TEXT,
  storage_size_bytes INTEGER DEFAULT 0, record_count INTEGER DEFAULT 0,
  last_sync_count INTEGER NOT NULL DEFAULT 0, last_sync_timestamp INTEGER DEFAULT 0, last_sync_result TEXT,
  UNIQUE (identity_id, dataset_name));
CREATE TABLE records(identity_id TEXT NOT NULL, dataset_name TEXT NOT NULL, key TEXT NOT NULL, value TEXT,
  sync_count INTEGER NOT NULL DEFAULT 0, last_modified_timestamp INTEGER DEFAULT 0, last_modified_by TEXT,
  device_last_modified_timestamp INTEGER DEFAULT 0, modified INTEGER NOT NULL DEFAULT 1,
  UNIQUE (identity_id, dataset_name, key));
