package dev.offsync.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Sleeper} that records the requested delays instead of sleeping. */
final class RecordingSleeper implements Sleeper {
  final List<Duration> delays = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) {
    delays.add(duration);
  }
}
