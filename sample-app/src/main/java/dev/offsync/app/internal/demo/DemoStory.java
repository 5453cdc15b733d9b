package dev.offsync.app.internal.demo;

import dev.offsync.ConflictResolvers;
import dev.offsync.Dataset;
import dev.offsync.ManualConnectivityMonitor;
import dev.offsync.NetworkException;
import dev.offsync.Platform;
import dev.offsync.ResolvedConflict;
import dev.offsync.SyncReport;
import dev.offsync.app.internal.CliContext;
import dev.offsync.app.internal.device.Device;
import dev.offsync.app.internal.device.DeviceSettings;
import dev.offsync.app.internal.device.DeviceState;
import dev.offsync.app.internal.device.LastSync;
import dev.offsync.http.model.ListRecordsRequest;
import dev.offsync.http.model.ListRecordsResponse;
import dev.offsync.http.model.Record;
import dev.offsync.server.SyncServer;
import dev.offsync.server.spi.PushNotification;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The story {@code offsync demo} tells: a server on a free loopback port, a phone and a laptop with their own SQLite
 * files and Cognito Identity credentials for the same identity, offline edits, syncs, a three-way merge of a
 * shopping list, a removal, push sync (a push message makes the laptop sync), a stale push that meets a 409,
 * and a final check that both devices and the server hold
 * identical data. Everything runs the real library; the transcript reports what each sync actually did.
 */
public final class DemoStory {
  static final String DATASET = "shopping";
  private static final String REGION = "us-east-1";

  private final Path dataDir;
  private final PrintWriter out;
  private final int port;
  private int merges;
  private int conflictsAnswered;

  /**
   * Prepares the story.
   *
   * @param dataDir where the server's data and the devices' files go
   * @param port the server port; 0 picks a free one
   * @param out where the transcript goes
   */
  public DemoStory(Path dataDir, int port, PrintWriter out) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir == null");
    this.out = Objects.requireNonNull(out, "out == null");
    this.port = port;
  }

  /** One side of the story: a device, its dataset, its network switch and its staged race. */
  private static final class Actor implements AutoCloseable {
    final String name;
    final Device device;
    final Dataset dataset;
    final ManualConnectivityMonitor network;
    final StagedRace race;

    Actor(String name, Device device, ManualConnectivityMonitor network, StagedRace race) {
      this.name = name;
      this.device = device;
      this.dataset = device.dataset(DATASET);
      this.network = network;
      this.race = race;
    }

    @Override
    public void close() {
      device.close();
    }
  }

  /**
   * Plays the story.
   *
   * @return what the devices and the server hold at the end
   */
  public DemoResult run() {
    long started = System.nanoTime();
    String pool = REGION + ":" + UUID.randomUUID();
    BlockingQueue<PushNotification> pushes = new LinkedBlockingQueue<>();
    try (SyncServer server = SyncServer.builder()
        .host("127.0.0.1")
        .port(port)
        .dataDirectory(dataDir.resolve("server"))
        .identityPool(pool)
        .pushNotifier(pushes::add) // stands in for SNS/FCM: the story hands each message to its device
        .build()
        .start()) {
      String endpoint = server.baseUri().toString();
      line("offsync demo: a phone and a laptop share a shopping list through a local Cognito-Sync-compatible "
          + "server.");
      say("server", "listening on " + endpoint + ", identity pool " + pool);

      DeviceSettings phoneSettings =
          new DeviceSettings("phone", dataDir.resolve("phone.db"), endpoint, endpoint, REGION, pool, null);
      String identity = Device.identityProvider(phoneSettings).identityId();
      say("phone", "got identity " + identity + " from the server's Cognito Identity endpoint (GetId)");
      try (Actor phone = actor(phoneSettings.withIdentityId(identity));
          Actor laptop = actor(new DeviceSettings("laptop", dataDir.resolve("laptop.db"), endpoint, endpoint, REGION,
              pool, identity))) {
        say("laptop", "signs in as the same identity, with its own temporary credentials");

        chapter("1. Both edit offline");
        phone.network.setConnected(false);
        laptop.network.setConnected(false);
        put(phone, "list", "[\"milk\",\"eggs\"]");
        put(phone, "theme", "dark");
        put(laptop, "owner", "Sam");
        put(laptop, "budget", "40");
        offlineSync(phone);
        offlineSync(laptop);

        chapter("2. Back online: they sync");
        phone.network.setConnected(true);
        laptop.network.setConnected(true);
        sync(phone);
        sync(laptop);
        sync(phone);

        chapter("3. Both change the shopping list differently: a three-way merge combines them");
        put(phone, "list", "[\"milk\",\"bread\"]");
        say(phone.name, "  (dropped eggs, added bread)");
        put(laptop, "list", "[\"milk\",\"eggs\",\"coffee\"]");
        say(laptop.name, "  (added coffee)");
        sync(phone);
        sync(laptop);
        sync(phone);

        chapter("4. The laptop removes a key");
        remove(laptop, "budget");
        sync(laptop);
        sync(phone);

        chapter("5. Push sync: the laptop learns of the phone's change from a push message");
        pushSync(phone, laptop, pushes);

        chapter("6. A stale push meets a 409");
        put(phone, "list", add(phone, "apples"));
        phone.race.beforeNextPush(() -> {
          say(laptop.name, "  meanwhile, while the phone's push is on its way:");
          put(laptop, "list", add(laptop, "tea"));
          sync(laptop);
        });
        sync(phone);
        sync(laptop);

        chapter("7. Converged?");
        finalRound(phone, laptop);
        Map<String, String> onServer = serverValues(phone, identity);
        DemoResult result = new DemoResult(pool, identity, phone.dataset.getAll(), laptop.dataset.getAll(),
            onServer, merges, conflictsAnswered);
        table(result);
        remember(phone);
        remember(laptop);
        line("");
        line("converged: " + (result.converged() ? "yes" : "NO"));
        line(String.format(Locale.ROOT, "(%d merge%s, %d stale push%s answered with 409, %.1f s)",
            merges, merges == 1 ? "" : "s", conflictsAnswered, conflictsAnswered == 1 ? "" : "es",
            (System.nanoTime() - started) / 1e9));
        return result;
      }
    }
  }

  /**
   * The laptop registers for push and subscribes to the dataset; the phone's next sync makes the server notify
   * it, and the laptop syncs because of that message (the engine skips the sync if it is already up to date).
   */
  private void pushSync(Actor phone, Actor laptop, BlockingQueue<PushNotification> pushes) {
    String deviceId = laptop.device.client().registerDevice(Platform.GCM, "demo-token-" + laptop.name).blockingGet();
    laptop.dataset.subscribe().blockingAwait();
    say(laptop.name, "registered for push (device " + deviceId + ") and subscribed to " + DATASET);
    put(phone, "theme", "light");
    sync(phone);
    PushNotification push;
    try {
      push = pushes.poll(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the push message", e);
    }
    if (push == null || !push.device().deviceId().equals(deviceId)) {
      throw new IllegalStateException("the server sent no push message to the laptop: " + push);
    }
    say("server", "push to the laptop: " + push.payload());
    SyncReport report = laptop.device.client().handlePushNotification(push.payload()).blockingGet();
    if (report == null) {
      throw new IllegalStateException("the laptop ignored a push message about a newer sync count");
    }
    say(laptop.name, "push received -> sync pulled " + report.recordsPulled() + " (dataset sync count "
        + report.syncCount() + "); theme is now " + laptop.dataset.get("theme"));
    laptop.dataset.unsubscribe().blockingAwait();
    pushes.clear();
  }

  private Actor actor(DeviceSettings settings) {
    ManualConnectivityMonitor network = new ManualConnectivityMonitor(true);
    StagedRace[] race = new StagedRace[1];
    Device device = Device.opener(settings, new CliContext(Map.of()))
        .resolver(ConflictResolvers.threeWayMerge(new JsonListMerge()))
        .connectivity(network)
        .remoteDecorator(remote -> race[0] = new StagedRace(remote))
        .open();
    return new Actor(settings.name(), device, network, race[0]);
  }

  private void put(Actor actor, String key, String value) {
    actor.dataset.put(key, value);
    say(actor.name, (actor.network.isConnected() ? "" : "[offline] ") + "put " + key + " = " + value);
  }

  private void remove(Actor actor, String key) {
    actor.dataset.remove(key);
    say(actor.name, "rm " + key);
  }

  private static String add(Actor actor, String item) {
    List<String> items = new ArrayList<>(JsonListMerge.items(actor.dataset.get("list")));
    items.add(item);
    return JsonListMerge.write(items);
  }

  private void offlineSync(Actor actor) {
    try {
      actor.dataset.sync().blockingGet();
      throw new IllegalStateException(actor.name + " synced although it is offline");
    } catch (NetworkException expected) {
      say(actor.name, "[offline] sync -> not sent (" + expected.getMessage() + "); "
          + actor.dataset.pendingKeys().size() + " edits wait in " + actor.device.settings().db().getFileName());
    }
  }

  private SyncReport sync(Actor actor) {
    SyncReport report = actor.dataset.sync().blockingGet();
    StringBuilder line = new StringBuilder("sync -> pulled ").append(report.recordsPulled())
        .append(", pushed ").append(report.recordsPushed());
    if (report.conflicts().isEmpty()) {
      line.append(", no conflicts");
    }
    line.append(" (dataset sync count ").append(report.syncCount()).append(')');
    say(actor.name, line.toString());
    if (report.attempts() > 1) {
      dev.offsync.ConflictException conflict = actor.race.takeLastConflict();
      conflictsAnswered++;
      say(actor.name, "  the server answered 409 ResourceConflict"
          + (conflict == null ? "" : " (" + conflict.getMessage() + ")")
          + ": pulled again, resolved, pushed again; " + report.attempts() + " attempts");
    }
    for (ResolvedConflict c : report.conflicts()) {
      merges++;
      say(actor.name, "  conflict on '" + c.conflict().key() + "': base " + c.conflict().baseValue()
          + ", mine " + c.conflict().local().value() + ", server's " + c.conflict().remote().value());
      say(actor.name, "  three-way merge -> " + (c.isFailed() ? "failed: " + c.error()
          : describe(c.resolution(), c.conflict().remote().value())));
    }
    return report;
  }

  private static String describe(dev.offsync.Resolution r, String remote) {
    switch (r.kind()) {
      case USE_VALUE:
        return r.value();
      case USE_REMOTE:
        return remote + " (the server's)";
      case USE_LOCAL:
        return "mine";
      case DELETE:
        return "deleted";
      default:
        return "deferred";
    }
  }

  private void finalRound(Actor phone, Actor laptop) {
    for (int round = 0; round < 3; round++) {
      SyncReport a = quietSync(phone);
      SyncReport b = quietSync(laptop);
      if (a.recordsPushed() + a.recordsPulled() + b.recordsPushed() + b.recordsPulled() == 0) {
        say("both", "sync -> nothing left to pull or push");
        return;
      }
    }
  }

  private static SyncReport quietSync(Actor actor) {
    return actor.dataset.sync().blockingGet();
  }

  private Map<String, String> serverValues(Actor reader, String identity) {
    Map<String, String> values = new TreeMap<>();
    String next = null;
    do {
      ListRecordsRequest.Builder request = ListRecordsRequest.builder()
          .identityPoolId(reader.device.settings().identityPoolId())
          .identityId(identity)
          .datasetName(DATASET)
          .lastSyncCount(0L);
      if (next != null) {
        request.nextToken(next);
      }
      ListRecordsResponse page = reader.device.http().listRecords(request.build());
      for (Record r : page.records()) {
        if (r.value() != null) {
          values.put(r.key(), r.value());
        }
      }
      next = page.nextToken();
    } while (next != null);
    return values;
  }

  private void table(DemoResult result) {
    TreeSet<String> keys = new TreeSet<>(result.server().keySet());
    keys.addAll(result.phone().keySet());
    keys.addAll(result.laptop().keySet());
    int keyWidth = 5;
    int valueWidth = 6;
    for (String k : keys) {
      keyWidth = Math.max(keyWidth, k.length());
      for (Map<String, String> m : List.of(result.phone(), result.laptop(), result.server())) {
        valueWidth = Math.max(valueWidth, String.valueOf(m.get(k)).length());
      }
    }
    valueWidth = Math.min(valueWidth, 44);
    String format = "  %-" + keyWidth + "s | %-" + valueWidth + "s | %-" + valueWidth + "s | %-" + valueWidth
        + "s | %s%n";
    out.println();
    out.printf(format, "key", "phone", "laptop", "server", "same");
    out.printf(format, "-".repeat(keyWidth), "-".repeat(valueWidth), "-".repeat(valueWidth), "-".repeat(valueWidth),
        "----");
    for (String k : keys) {
      String p = result.phone().get(k);
      String l = result.laptop().get(k);
      String s = result.server().get(k);
      boolean same = Objects.equals(p, l) && Objects.equals(l, s);
      out.printf(format, k, cell(p, valueWidth), cell(l, valueWidth), cell(s, valueWidth), same ? "yes" : "NO");
    }
    out.flush();
  }

  private static String cell(String value, int width) {
    String text = value == null ? "(none)" : value;
    return text.length() <= width ? text : text.substring(0, width - 3) + "...";
  }

  private void remember(Actor actor) {
    DeviceSettings s = actor.device.settings();
    DeviceState state = DeviceState.load(s.db());
    state.connection(s.endpoint(), s.identityEndpoint(), s.region(), s.identityPoolId());
    state.identityId(s.identityId());
    SyncReport last = quietSync(actor);
    state.synced(DATASET, LastSync.of(last));
    state.save();
  }

  private void chapter(String title) {
    out.println();
    out.println(title);
    out.flush();
  }

  private void say(String who, String what) {
    synchronized (out) {
      out.printf("  %-7s %s%n", who, what);
      out.flush();
    }
  }

  private void line(String text) {
    out.println(text);
    out.flush();
  }
}
