package dev.offsync;

/**
 * An argument broke a documented constraint (dataset name pattern or length, key length, value size,
 * ...). Thrown at the API boundary before anything is stored; {@link #field()} names the argument.
 */
public final class ValidationException extends SyncException {
  private static final long serialVersionUID = 1L;

  /** The field name, never {@code null}. */
  private final String field;

  /**
   * Creates the error.
   *
   * @param field the name of the offending argument or field, for example {@code "datasetName"}
   * @param message what is wrong with it; includes the field name
   */
  public ValidationException(String field, String message) {
    super(message, null);
    if (field == null) {
      throw new NullPointerException("field == null");
    }
    this.field = field;
  }

  /**
   * The name of the argument or field that broke a constraint.
   *
   * @return the field name, never {@code null}
   */
  public String field() {
    return field;
  }

  /** {@inheritDoc} */
  @Override
  public boolean isRetryable() {
    return false;
  }
}
