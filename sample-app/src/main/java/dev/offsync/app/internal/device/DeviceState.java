package dev.offsync.app.internal.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offsync.app.internal.CliFailure;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a device remembers beside its database ({@code <db>.offsync.json}): its connection (endpoint, region,
 * identity pool), its identity id (so the same device keeps its identity), and per dataset a summary of the last
 * sync. Deferred conflicts are not kept here: sync-core stores them in the database with their records. (Files
 * written by earlier versions may still hold a {@code conflicts} list per dataset; it is ignored and dropped on
 * the next save.) Written atomically (temporary file, then rename). Not thread-safe.
 */
public final class DeviceState {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private String endpoint;
  private String identityEndpoint;
  private String region;
  private String identityPoolId;
  private String identityId;
  /** Whether a sync succeeded as {@link #identityId} (false for one given by --identity-id and not yet used). */
  private boolean identityConfirmed = true;
  private final Map<String, LastSync> lastSyncs = new LinkedHashMap<>();

  private DeviceState(Path file) {
    this.file = file;
  }

  /**
   * Returns the state file of a database.
   *
   * @param db the database file
   * @return {@code <db>.offsync.json}
   */
  public static Path fileFor(Path db) {
    Objects.requireNonNull(db, "db == null");
    return db.resolveSibling(db.getFileName() + ".offsync.json");
  }

  /**
   * Loads the state of a database, or an empty state if none is stored yet.
   *
   * @param db the database file
   * @return the state
   * @throws CliFailure if the file exists but cannot be read
   */
  public static DeviceState load(Path db) {
    DeviceState state = new DeviceState(fileFor(db));
    if (!Files.exists(state.file)) {
      return state;
    }
    try {
      JsonNode root = JSON.readTree(state.file.toFile());
      state.endpoint = text(root, "endpoint");
      state.identityEndpoint = text(root, "identityEndpoint");
      state.region = text(root, "region");
      state.identityPoolId = text(root, "identityPoolId");
      state.identityId = text(root, "identityId");
      // absent in files of earlier versions, which remembered only identities from GetId or a successful sync
      state.identityConfirmed = !root.path("identityConfirmed").isBoolean()
          || root.path("identityConfirmed").asBoolean();
      Iterator<Map.Entry<String, JsonNode>> datasets = root.path("datasets").fields();
      while (datasets.hasNext()) {
        Map.Entry<String, JsonNode> entry = datasets.next();
        JsonNode last = entry.getValue().path("lastSync");
        if (last.isObject()) {
          state.lastSyncs.put(entry.getKey(), new LastSync(
              Instant.parse(last.path("at").asText()), last.path("pulled").asLong(), last.path("pushed").asLong(),
              last.path("conflicts").asInt(), last.path("syncCount").asLong()));
        }
      }
      return state;
    } catch (IOException | RuntimeException e) {
      throw new CliFailure("cannot read device state " + state.file + ": " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** Writes the state next to the database. */
  public void save() {
    ObjectNode root = JSON.createObjectNode();
    root.put("endpoint", endpoint);
    root.put("identityEndpoint", identityEndpoint);
    root.put("region", region);
    root.put("identityPoolId", identityPoolId);
    root.put("identityId", identityId);
    root.put("identityConfirmed", identityConfirmed);
    ObjectNode datasets = root.putObject("datasets");
    for (String name : datasetNames()) {
      ObjectNode dataset = datasets.putObject(name);
      LastSync last = lastSyncs.get(name);
      if (last != null) {
        dataset.putObject("lastSync")
            .put("at", last.at().toString())
            .put("pulled", last.pulled())
            .put("pushed", last.pushed())
            .put("conflicts", last.conflicts())
            .put("syncCount", last.syncCount());
      }
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      JSON.writeValue(tmp.toFile(), root);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new CliFailure("cannot write device state " + file + ": " + e.getMessage(), e);
    }
  }

  private List<String> datasetNames() {
    List<String> names = new ArrayList<>(lastSyncs.keySet());
    names.sort(null);
    return names;
  }

  /** Returns the state file. */
  public Path file() {
    return file;
  }

  /** Returns the remembered Cognito Sync endpoint, or {@code null}. */
  public String endpoint() {
    return endpoint;
  }

  /** Returns the remembered Cognito Identity endpoint, or {@code null}. */
  public String identityEndpoint() {
    return identityEndpoint;
  }

  /** Returns the remembered region, or {@code null}. */
  public String region() {
    return region;
  }

  /** Returns the remembered identity pool, or {@code null}. */
  public String identityPoolId() {
    return identityPoolId;
  }

  /** Returns the device's identity id, or {@code null} before its first sync. */
  public String identityId() {
    return identityId;
  }

  /**
   * Remembers the connection settings.
   *
   * @param endpoint the Cognito Sync endpoint, or {@code null}
   * @param identityEndpoint the Cognito Identity endpoint, or {@code null}
   * @param region the region, or {@code null}
   * @param identityPoolId the pool, or {@code null}
   */
  public void connection(String endpoint, String identityEndpoint, String region, String identityPoolId) {
    this.endpoint = endpoint;
    this.identityEndpoint = identityEndpoint;
    this.region = region;
    this.identityPoolId = identityPoolId;
  }

  /**
   * Remembers the device's identity.
   *
   * @param identityId the identity id
   */
  public void identityId(String identityId) {
    this.identityId = Objects.requireNonNull(identityId, "identityId == null");
  }

  /**
   * Returns whether a sync succeeded as the remembered identity; {@code false} for an id given with
   * {@code --identity-id} that no sync confirmed yet (it may be a typo: the next id given takes its data).
   *
   * @return whether the identity is confirmed
   */
  public boolean identityConfirmed() {
    return identityConfirmed;
  }

  /**
   * Sets whether a sync succeeded as the remembered identity.
   *
   * @param confirmed whether it did
   */
  public void identityConfirmed(boolean confirmed) {
    this.identityConfirmed = confirmed;
  }

  /**
   * Returns the last successful sync of a dataset.
   *
   * @param dataset the dataset
   * @return the summary, or {@code null} if it never synced
   */
  public LastSync lastSync(String dataset) {
    return lastSyncs.get(Objects.requireNonNull(dataset, "dataset == null"));
  }

  /**
   * Records a successful sync.
   *
   * @param dataset the dataset
   * @param lastSync the sync's summary
   */
  public void synced(String dataset, LastSync lastSync) {
    Objects.requireNonNull(dataset, "dataset == null");
    lastSyncs.put(dataset, Objects.requireNonNull(lastSync, "lastSync == null"));
  }
}
