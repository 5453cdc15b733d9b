package dev.offsync.server.internal.http;

import dev.offsync.server.internal.auth.SigV4Verifier;
import dev.offsync.server.internal.service.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Maps method and path to one of the 17 operations (and offsync's ImportRecords), with the model's REST bindings. */
public final class Router {

  /**
   * A matched route.
   *
   * @param operation the operation
   * @param pathParams decoded labels by name
   */
  public record Match(Operation operation, Map<String, String> pathParams) {}

  private record Route(String method, String[] segments, Operation operation) {}

  private final List<Route> routes = new ArrayList<>();

  /** Creates the router with every Cognito Sync route. */
  public Router() {
    String p = "/identitypools/{IdentityPoolId}";
    String i = p + "/identities/{IdentityId}";
    String d = i + "/datasets/{DatasetName}";
    add("GET", "/identitypools", Operation.ListIdentityPoolUsage);
    add("GET", p, Operation.DescribeIdentityPoolUsage);
    add("GET", p + "/configuration", Operation.GetIdentityPoolConfiguration);
    add("POST", p + "/configuration", Operation.SetIdentityPoolConfiguration);
    add("GET", p + "/events", Operation.GetCognitoEvents);
    add("POST", p + "/events", Operation.SetCognitoEvents);
    add("POST", p + "/bulkpublish", Operation.BulkPublish);
    add("POST", p + "/getBulkPublishDetails", Operation.GetBulkPublishDetails);
    add("POST", p + "/identity/{IdentityId}/device", Operation.RegisterDevice);
    add("GET", i, Operation.DescribeIdentityUsage);
    add("GET", i + "/datasets", Operation.ListDatasets);
    add("GET", d, Operation.DescribeDataset);
    add("POST", d, Operation.UpdateRecords);
    add("DELETE", d, Operation.DeleteDataset);
    add("GET", d + "/records", Operation.ListRecords);
    add("POST", d + "/subscriptions/{DeviceId}", Operation.SubscribeToDataset);
    add("DELETE", d + "/subscriptions/{DeviceId}", Operation.UnsubscribeFromDataset);
    add("POST", d + "/import", Operation.ImportRecords);
  }

  private void add(String method, String template, Operation op) {
    routes.add(new Route(method, template.substring(1).split("/"), op));
  }

  /**
   * Finds the operation for a request.
   *
   * @param method the HTTP method
   * @param rawPath the path as received
   * @return the match
   * @throws ApiException 404 for an unknown path, 405 for a known path with another method
   */
  public Match match(String method, String rawPath) {
    String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    String[] segs = path.split("/", -1);
    TreeSet<String> allowed = new TreeSet<>();
    for (Route r : routes) {
      Map<String, String> params = matchSegments(r.segments(), segs);
      if (params == null) {
        continue;
      }
      if (r.method().equals(method)) {
        return new Match(r.operation(), params);
      }
      allowed.add(r.method());
    }
    if (!allowed.isEmpty()) {
      throw new ApiException(ErrorType.MethodNotAllowedException,
          "Method " + method + " is not allowed on " + rawPath + "; allowed: " + String.join(", ", allowed));
    }
    throw new ApiException(ErrorType.UnknownOperationException, "No operation at " + method + " " + rawPath);
  }

  private static Map<String, String> matchSegments(String[] template, String[] segs) {
    if (template.length != segs.length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int k = 0; k < template.length; k++) {
      String t = template[k];
      if (t.startsWith("{")) {
        params.put(t.substring(1, t.length() - 1), SigV4Verifier.decodePathSegment(segs[k]));
      } else if (!t.equals(segs[k])) {
        return null;
      }
    }
    return params;
  }
}
