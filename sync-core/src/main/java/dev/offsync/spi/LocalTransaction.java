package dev.offsync.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operations of one local unit of work, handed to {@link LocalStore.Work}. Valid only inside the
 * {@code read} or {@code write} call that created it and only on that thread. In a read transaction the
 * writing methods throw {@link IllegalStateException}. All arguments must be non-null.
 *
 * <p>Datasets are keyed by (owner, name); records by (owner, dataset name, key). Writing records of a
 * dataset that has no row is an {@link IllegalStateException}. Every method that returns several
 * records does so with one query (or a bounded number of batched ones), never one per record.
 *
 * <p>A record row holds every field of {@link LocalRecord}, including the remote side of a deferred
 * conflict ({@link LocalRecord#pendingConflict()}, a whole {@link RemoteRecord}, tombstones included):
 * every method that reads records returns it as written, {@link #writeRecords} replaces it with the
 * written record's (so writing a record without one clears it), and {@link #moveDataset} keeps it.
 */
public interface LocalTransaction {

  /**
   * Reads one dataset row.
   *
   * @param owner the owner
   * @param name the dataset name
   * @return the row, or {@code null} if absent
   */
  LocalDataset dataset(String owner, String name);

  /**
   * Reads every dataset row of an owner, locally deleted ones included, ordered by name.
   *
   * @param owner the owner
   * @return the rows; empty if none
   */
  List<LocalDataset> datasets(String owner);

  /**
   * Inserts or replaces a dataset row (its records are untouched).
   *
   * @param dataset the new state of the row
   */
  void putDataset(LocalDataset dataset);

  /**
   * Deletes a dataset row and all its records. No effect if absent.
   *
   * @param owner the owner
   * @param name the dataset name
   */
  void deleteDataset(String owner, String name);

  /**
   * Moves a dataset row and all its records to another owner and/or name, keeping every field
   * (versions and deferred conflicts included).
   *
   * @param owner the current owner
   * @param name the current name
   * @param newOwner the new owner
   * @param newName the new name
   * @throws IllegalStateException if the source does not exist or the target already exists (moving a
   *     dataset onto itself counts as an existing target); nothing is changed then
   */
  void moveDataset(String owner, String name, String newOwner, String newName);

  /** Deletes every dataset and record of every owner. */
  void deleteAll();

  /**
   * Reads one record, tombstones included.
   *
   * @param owner the owner
   * @param dataset the dataset name
   * @param key the key
   * @return the record, or {@code null} if the store has no row for the key
   */
  LocalRecord record(String owner, String dataset, String key);

  /**
   * Reads the records of the given keys (tombstones included) with batched queries.
   *
   * @param owner the owner
   * @param dataset the dataset name
   * @param keys the keys to read; may be empty
   * @return the records found, by key; keys with no row are absent from the map
   */
  Map<String, LocalRecord> records(String owner, String dataset, Collection<String> keys);

  /**
   * Reads every record of a dataset, tombstones included, ordered by key.
   *
   * @param owner the owner
   * @param dataset the dataset name
   * @return the records; empty if none
   */
  List<LocalRecord> records(String owner, String dataset);

  /**
   * Reads the dirty records of a dataset (tombstones included), ordered by key, using an index.
   *
   * @param owner the owner
   * @param dataset the dataset name
   * @return the dirty records; empty if none
   */
  List<LocalRecord> dirtyRecords(String owner, String dataset);

  /**
   * Reads the records of a dataset that carry a deferred conflict ({@link LocalRecord#pendingConflict()}
   * not {@code null}), ordered by key. Stores should answer with an index (a conflict is rare); the default
   * implementation filters {@link #records(String, String)}, which is correct but reads the whole dataset.
   *
   * @param owner the owner
   * @param dataset the dataset name
   * @return the records with a deferred conflict; empty if none
   */
  default List<LocalRecord> conflictedRecords(String owner, String dataset) {
    List<LocalRecord> out = new ArrayList<>();
    for (LocalRecord r : records(owner, dataset)) {
      if (r.pendingConflict() != null) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * Computes the dataset's sizes with a query, without loading its records.
   *
   * @param owner the owner
   * @param dataset the dataset name
   * @return the usage; all zero if the dataset has no records
   */
  DatasetUsage usage(String owner, String dataset);

  /**
   * Writes records with compare-and-set, in this transaction. For each write: if its expected version is
   * {@link RecordWrite#ANY_VERSION}, or {@link RecordWrite#ABSENT} and the row does not exist, or equal
   * to the row's current version, the row takes the record's fields (its deferred conflict included, or
   * none if the record has none) and the version becomes the previous
   * version + 1 (1 for a new row); otherwise the write is skipped. Other writes in the list are not
   * affected by a skipped one. Uses batched statements.
   *
   * @param owner the owner
   * @param dataset the dataset name; its row must exist
   * @param writes the writes; at most one per key
   * @return the keys whose writes were skipped because the expected version did not match; empty if all
   *     were written
   * @throws IllegalArgumentException if two writes name the same key
   */
  Set<String> writeRecords(String owner, String dataset, List<RecordWrite> writes);

  /**
   * Reads a store property: a small named value the engine keeps beside the datasets (e.g. the identity this store
   * belongs to, per identity pool), durable like everything else in the store. Properties are not dataset data:
   * {@link #deleteAll()} leaves them.
   *
   * @param name the property's name (at most 256 characters)
   * @return its value, or {@code null} if the store has none of that name
   */
  String property(String name);

  /**
   * Sets a store property, replacing any value of that name.
   *
   * @param name the property's name (at most 256 characters)
   * @param value the value (at most 4096 characters)
   */
  void putProperty(String name, String value);

  /**
   * Removes a store property. No effect if absent.
   *
   * @param name the property's name
   */
  void removeProperty(String name);

  /**
   * Reads the owners that have at least one dataset row, locally deleted ones included, ordered.
   *
   * @return the owners; empty if the store holds no dataset
   */
  List<String> owners();

  /**
   * Physically removes record rows (not a tombstone: the rows disappear). Absent keys are ignored.
   *
   * @param owner the owner
   * @param dataset the dataset name
   * @param keys the keys to remove
   */
  void deleteRecords(String owner, String dataset, Collection<String> keys);
}
