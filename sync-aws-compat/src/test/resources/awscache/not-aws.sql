-- Some other app database named like AWS's cache: must be refused untouched.
PRAGMA user_version = 2;
CREATE TABLE datasets(id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE records(id INTEGER PRIMARY KEY, payload TEXT);
INSERT INTO datasets(name) VALUES ('settings');
