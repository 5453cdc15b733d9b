package dev.offsync.internal;

import dev.offsync.DeviceNotRegisteredException;
import dev.offsync.Limits;
import dev.offsync.Platform;
import dev.offsync.SyncReport;
import dev.offsync.ValidationException;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Push sync for one client: device registration, dataset subscriptions, and the handling of a received
 * push message. Remembers the device id of each identity for the client's lifetime. Not API.
 */
public final class PushSync {
  /** The {@code source} of a Cognito Sync push message. */
  static final String SOURCE = "cognito-sync";
  /** The model's maximum device id length. */
  static final int MAX_DEVICE_ID_LENGTH = 256;

  private final ClientCore core;
  private final Limits limits;
  private final Map<String, String> deviceIds = new ConcurrentHashMap<>();

  /** Push sync over {@code core}'s identity provider, remote store and I/O scheduler. */
  public PushSync(ClientCore core, Limits limits) {
    this.core = core;
    this.limits = limits;
  }

  /** Checks a push token: non-null, not empty, well-formed text (the server refuses U+0000 and lone surrogates). */
  public static String token(String token) {
    Preconditions.checkNotNull(token, "token");
    if (token.isEmpty()) {
      throw new ValidationException("token", "token must not be empty");
    }
    Validation.checkText(token, "token");
    return token;
  }

  /** Checks a device id: non-null, 1..256 characters, well-formed text. */
  public static String deviceId(String deviceId) {
    Preconditions.checkNotNull(deviceId, "deviceId");
    if (deviceId.isEmpty() || deviceId.length() > MAX_DEVICE_ID_LENGTH) {
      throw new ValidationException("deviceId", "deviceId length must be 1.." + MAX_DEVICE_ID_LENGTH + ", was "
          + deviceId.length());
    }
    Validation.checkText(deviceId, "deviceId");
    return deviceId;
  }

  /** {@code RegisterDevice} as the current identity; remembers the device id for that identity. */
  public Single<String> registerDevice(Platform platform, String token) {
    return UntilClosed.single(core, "registerDevice", Single.defer(() -> {
      core.checkOpen();
      return core.identityId();
    }).flatMap(id -> core.remote.registerDevice(id, platform, token).map(deviceId -> {
      if (deviceId == null || deviceId.isEmpty()) {
        throw new dev.offsync.ServiceException("RegisterDevice returned no DeviceId", 0, null, null);
      }
      deviceIds.put(id, deviceId);
      return deviceId;
    })).onErrorResumeNext(e -> Single.error(SyncErrors.wrap(e))));
  }

  /** Remembers a device id a previous {@code RegisterDevice} of {@code identityId} returned. */
  public void restoreDeviceId(String identityId, String deviceId) {
    Preconditions.checkNotNull(identityId, "identityId");
    if (identityId.isEmpty()) {
      throw new ValidationException("identityId", "identityId must not be empty");
    }
    deviceIds.put(identityId, deviceId(deviceId));
  }

  /** Subscribes (or unsubscribes) the current identity's registered device to dataset {@code name}. */
  public Completable subscription(String name, boolean subscribe) {
    return UntilClosed.completable(core, subscribe ? "subscribe" : "unsubscribe", Single.defer(() -> {
      core.checkOpen();
      return core.identityId();
    }).flatMapCompletable(id -> {
      String deviceId = deviceIds.get(id);
      if (deviceId == null) {
        return Completable.error(new DeviceNotRegisteredException("no device is registered for identity " + id
            + " in this client: call SyncClient.registerDevice first (or SyncClient.restoreDeviceId with the id an"
            + " earlier registration returned)"));
      }
      return subscribe ? core.remote.subscribe(id, name, deviceId) : core.remote.unsubscribe(id, name, deviceId);
    }).onErrorResumeNext(e -> Completable.error(SyncErrors.wrap(e))));
  }

  /**
   * Handles a received push message: ignores (completes empty) one that is not from Cognito Sync or not for
   * the current identity, fails with {@link ValidationException} for a malformed one, and otherwise syncs the
   * named dataset unless its watermark already reached the message's sync count.
   */
  public Maybe<SyncReport> handle(Map<String, String> payload) {
    Preconditions.checkNotNull(payload, "payload");
    // a copy taken now: the caller's map may be reused once this returns
    Map<String, String> message = new java.util.HashMap<>(payload);
    return UntilClosed.maybe(core, "handlePushNotification", Maybe.defer(() -> {
      core.checkOpen();
      if (!SOURCE.equals(message.get("source"))) {
        return Maybe.empty();
      }
      String identityId = required(message, "identityId");
      String datasetName = required(message, "datasetName");
      try {
        Validation.datasetName(datasetName, limits);
      } catch (ValidationException e) {
        throw new ValidationException("datasetName", "push message: " + e.getMessage());
      }
      long syncCount = syncCount(required(message, "syncCount"));
      return core.identityId().flatMapMaybe(current -> {
        if (!current.equals(identityId)) {
          return Maybe.empty();
        }
        return core.local(() -> core.dataset(datasetName).lastSyncCount())
            .flatMapMaybe(watermark -> watermark >= syncCount ? Maybe.<SyncReport>empty()
                : core.dataset(datasetName).requestSync(false).toMaybe());
      });
    }).onErrorResumeNext(e -> Maybe.error(SyncErrors.wrap(e))));
  }

  private static String required(Map<String, String> message, String field) {
    String value = message.get(field);
    if (value == null || value.isEmpty()) {
      throw new ValidationException(field, "push message: " + field + " is missing");
    }
    return value;
  }

  private static long syncCount(String value) {
    long count;
    try {
      count = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new ValidationException("syncCount", "push message: syncCount is not a number: " + shorten(value));
    }
    if (count < 0) {
      throw new ValidationException("syncCount", "push message: syncCount is negative: " + count);
    }
    return count;
  }

  private static String shorten(String value) {
    return value.length() > 64 ? value.substring(0, 64) + "..." : value;
  }
}
