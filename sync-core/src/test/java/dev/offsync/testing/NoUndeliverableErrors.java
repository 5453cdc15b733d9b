package dev.offsync.testing;

import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that fails a test when any error reaches {@link RxJavaPlugins#onError} during it (an
 * "undeliverable" error: on Android, RxJava's default handler crashes the app). Installs a recording handler before
 * each test and, after it, fails the test with every error recorded (the first as the cause, the others suppressed);
 * nothing is swallowed. A test that installs its own handler (to assert a callback's exception goes there) replaces
 * this one for its duration. Register with {@code @ExtendWith(NoUndeliverableErrors.class)}.
 */
public final class NoUndeliverableErrors implements BeforeEachCallback, AfterEachCallback {
  private static final Object LOCK = new Object();
  private static final List<Throwable> RECORDED = new ArrayList<>();

  /** Creates the extension (JUnit does). */
  public NoUndeliverableErrors() {}

  @Override
  public void beforeEach(ExtensionContext context) {
    synchronized (LOCK) {
      RECORDED.clear();
    }
    RxJavaPlugins.setErrorHandler(e -> {
      synchronized (LOCK) {
        RECORDED.add(e);
      }
    });
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<Throwable> errors;
    synchronized (LOCK) {
      errors = new ArrayList<>(RECORDED);
      RECORDED.clear();
    }
    RxJavaPlugins.setErrorHandler(null);
    if (!errors.isEmpty()) {
      AssertionError failure = new AssertionError(errors.size() + " error(s) reached RxJavaPlugins.onError in "
          + context.getDisplayName() + ", the first: " + errors.get(0), errors.get(0));
      for (Throwable e : errors.subList(1, errors.size())) {
        failure.addSuppressed(e);
      }
      throw failure;
    }
  }
}
