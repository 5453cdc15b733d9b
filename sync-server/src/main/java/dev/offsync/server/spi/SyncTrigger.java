package dev.offsync.server.spi;

/**
 * The self-hosted stand-in for a Cognito <em>Sync Trigger</em>: the AWS Lambda function an identity pool names with
 * {@code SetCognitoEvents} ({@code {"SyncTrigger": "<function ARN>"}}), which may validate and modify the records of
 * an UpdateRecords before they are written.
 *
 * <p>The server calls it for UpdateRecords with at least one patch, made with Cognito Identity credentials (as on AWS,
 * developer credentials never run the trigger), on a pool whose events name a function. It is called after the
 * request was validated and its sync counts checked, and outside any database transaction; the server holds no lock
 * while it runs. The event carries every live record of the dataset ({@code op: "replace"}, {@code oldValue} equal to
 * {@code newValue}) and, over those, the request's patches ({@code op} as sent, {@code oldValue} the stored value or
 * null, {@code newValue} the patch's value or null for a removal), as AWS documents.
 *
 * <p>The returned event decides what is written, as on AWS:
 *
 * <ul>
 *   <li>a record the response omits is not written (a patch dropped this way is ignored, not refused);</li>
 *   <li>{@code op: "remove"} or a null {@code newValue} removes the key;</li>
 *   <li>a patched key is written with the returned value; any other key is written only if the returned value differs
 *       from the stored one (so echoing the dataset back changes nothing), and a key the dataset does not have is
 *       added;</li>
 *   <li>everything written takes the new dataset sync count and is listed in the UpdateRecords response;</li>
 *   <li>the fields other than {@code datasetRecords} must come back unchanged.</li>
 * </ul>
 *
 * <p>Output that breaks these rules or the service's limits (key and value lengths, records and bytes per dataset,
 * when the request alone was within them) fails the UpdateRecords with {@code InvalidLambdaFunctionOutputException}
 * and nothing is written. The default implementation POSTs the event to a URL configured per function ARN; see
 * docs/server.md, "Sync Trigger".
 */
@FunctionalInterface
public interface SyncTrigger {

  /**
   * Runs the function named by the pool's {@code SyncTrigger} event.
   *
   * @param functionArn the ARN stored with {@code SetCognitoEvents}, as stored
   * @param event the event, in AWS's documented Sync Trigger format
   * @return the event to apply, usually {@code event} with modified {@link SyncTriggerEvent#datasetRecords()}
   * @throws SyncTriggerException if the function could not be run or failed; the UpdateRecords fails with the
   *     matching AWS error and writes nothing (any other runtime exception counts as a failed function)
   */
  SyncTriggerEvent invoke(String functionArn, SyncTriggerEvent event) throws SyncTriggerException;
}
