package dev.offsync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offsync.NetworkException;
import dev.offsync.ThrottledException;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void ceilingsDoubleUpToTheCap() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new Random(1));
    assertThat(b.ceilingMillis(1)).isEqualTo(1_000);
    assertThat(b.ceilingMillis(2)).isEqualTo(2_000);
    assertThat(b.ceilingMillis(9)).isEqualTo(256_000);
    assertThat(b.ceilingMillis(10)).isEqualTo(300_000);
    assertThat(b.ceilingMillis(1_000)).isEqualTo(300_000);
  }

  @Test
  void fullJitterSpreadsOverTheWholeRange() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new Random(7));
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 2_000; i++) {
      long d = b.delayMillis(3, new NetworkException("x"));
      assertThat(d).isBetween(0L, 4_000L);
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assertThat(min).isLessThan(400);
    assertThat(max).isGreaterThan(3_600);
  }

  @Test
  void aThrottlingHintIsAFloor() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new Random(3));
    for (int i = 0; i < 100; i++) {
      assertThat(b.delayMillis(1, new ThrottledException("slow down", Duration.ofSeconds(30), null)))
          .isEqualTo(30_000);
    }
  }

  @Test
  void zeroBaseMeansNoDelay() {
    Backoff b = new Backoff(Duration.ZERO, Duration.ofSeconds(5), new Random(3));
    assertThat(b.delayMillis(4, null)).isZero();
  }
}
