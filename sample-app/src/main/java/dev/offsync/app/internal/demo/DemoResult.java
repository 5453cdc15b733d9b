package dev.offsync.app.internal.demo;

import java.util.Map;
import java.util.Objects;

/**
 * What the demo ended with, read back from the devices' stores and from the server.
 *
 * @param identityPoolId the identity pool the demo served
 * @param identityId the identity both devices used
 * @param phone the phone's live values
 * @param laptop the laptop's live values
 * @param server the server's live values
 * @param merges conflicts settled by the three-way merge
 * @param conflictsAnswered 409s the server answered to a stale push
 */
public record DemoResult(
    String identityPoolId,
    String identityId,
    Map<String, String> phone,
    Map<String, String> laptop,
    Map<String, String> server,
    int merges,
    int conflictsAnswered) {
  /** Copies the maps and rejects nulls. */
  public DemoResult {
    Objects.requireNonNull(identityPoolId, "identityPoolId == null");
    Objects.requireNonNull(identityId, "identityId == null");
    phone = Map.copyOf(phone);
    laptop = Map.copyOf(laptop);
    server = Map.copyOf(server);
  }

  /** Whether both devices and the server hold identical data. */
  public boolean converged() {
    return phone.equals(laptop) && laptop.equals(server);
  }
}
