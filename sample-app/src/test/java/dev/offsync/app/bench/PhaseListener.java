package dev.offsync.app.bench;

import java.util.Arrays;
import java.util.Locale;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Response;

/**
 * Splits one client's calls into phases with OkHttp's events: before OkHttp (building, validating, signing and
 * marshalling in CognitoSyncClient, measured from the caller's start mark), writing the request, waiting for the
 * response headers (network plus everything the server does), and reading the body plus parsing it (to the caller's
 * end mark). For one calling thread at a time.
 */
final class PhaseListener extends EventListener {
  private static final int MAX = 200_000;
  private final long[][] phases = new long[4][MAX];
  private int n;
  private long start;
  private long callStart;
  private long requestEnd;
  private long headersStart;
  private long headersEnd;

  void begin() {
    start = System.nanoTime();
  }

  void end() {
    long t = System.nanoTime();
    if (n < MAX && headersEnd > start) {
      phases[0][n] = callStart - start;
      phases[1][n] = requestEnd - callStart;
      phases[2][n] = headersStart - requestEnd;
      phases[3][n] = t - headersStart;
      n++;
    }
  }

  void reset() {
    n = 0;
  }

  @Override
  public void callStart(Call call) {
    callStart = System.nanoTime();
  }

  @Override
  public void requestHeadersEnd(Call call, okhttp3.Request request) {
    requestEnd = System.nanoTime();
  }

  @Override
  public void requestBodyEnd(Call call, long byteCount) {
    requestEnd = System.nanoTime();
  }

  @Override
  public void responseHeadersStart(Call call) {
    headersStart = System.nanoTime();
  }

  @Override
  public void responseHeadersEnd(Call call, Response response) {
    headersEnd = System.nanoTime();
  }

  /** Medians in microseconds of the four phases. */
  String summary() {
    StringBuilder sb = new StringBuilder();
    String[] names = {"client before OkHttp", "OkHttp sends", "wait for response (server + loopback)",
        "read + parse response"};
    for (int i = 0; i < 4; i++) {
      long[] v = Arrays.copyOf(phases[i], n);
      Arrays.sort(v);
      sb.append(String.format(Locale.ROOT, "%s %.0f µs", names[i], n == 0 ? 0 : v[n / 2] / 1e3))
          .append(i < 3 ? ", " : "");
    }
    return sb.append(" (medians of ").append(n).append(" calls)").toString();
  }
}
