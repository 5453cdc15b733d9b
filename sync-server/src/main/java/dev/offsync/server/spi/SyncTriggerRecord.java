package dev.offsync.server.spi;

/**
 * One entry of a {@link SyncTriggerEvent}'s {@code datasetRecords}, in AWS's format.
 *
 * @param oldValue the stored value before the update, null if the key is not live
 * @param newValue the value to write, null to remove the key
 * @param op {@code "replace"} or {@code "remove"}; in a returned event null means "derived from {@code newValue}"
 */
public record SyncTriggerRecord(String oldValue, String newValue, String op) {
  /** The {@code op} of a written value. */
  public static final String REPLACE = "replace";
  /** The {@code op} of a removal. */
  public static final String REMOVE = "remove";

  /**
   * Whether this entry removes its key: {@code op} is {@code "remove"}, or {@code newValue} is null.
   *
   * @return true for a removal
   */
  public boolean removes() {
    return REMOVE.equals(op) || newValue == null;
  }

  /**
   * A copy with another value and {@code op: "replace"}, or a removal when {@code value} is null.
   *
   * @param value the new value, or null to remove the key
   * @return the modified entry
   */
  public SyncTriggerRecord withNewValue(String value) {
    return new SyncTriggerRecord(oldValue, value, value == null ? REMOVE : REPLACE);
  }
}
