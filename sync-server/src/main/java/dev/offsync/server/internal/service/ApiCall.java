package dev.offsync.server.internal.service;

import dev.offsync.server.internal.auth.Principal;
import java.util.List;
import java.util.Map;

/**
 * One authenticated operation call.
 *
 * @param operation the operation
 * @param pathParams decoded path labels by model name ({@code IdentityPoolId}, ...)
 * @param query decoded query parameters (first value of each)
 * @param headers header values by lower-case name
 * @param body the request body
 * @param principal who signed it
 */
public record ApiCall(
    Operation operation,
    Map<String, String> pathParams,
    Map<String, String> query,
    Map<String, List<String>> headers,
    byte[] body,
    Principal principal) {

  /**
   * A path label.
   *
   * @param name label name
   * @return the decoded value
   */
  public String path(String name) {
    return pathParams.get(name);
  }
}
