package dev.offsync.android.robolectric;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.AssumptionViolatedException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs JUnit 5 tests (sync-core's {@code LocalStoreContract}, the model-based test, ...) inside the Robolectric
 * sandbox of the calling JUnit 4 test, so that they run unchanged against code that needs the Android framework.
 *
 * <p>A JUnit 4 test parameterized by {@link #testMethods(Class)} (one JUnit 4 test per JUnit 5 test method, so each
 * is reported on its own) calls {@link #run(Class, String)} from its test method: the JUnit Platform launcher then
 * runs that JUnit 5 method on the sandbox's thread with the sandbox's class loader, and its outcome becomes the
 * JUnit 4 test's outcome: a failure is rethrown as it was (other failures of the same method, such as those of
 * several parameterized invocations, are attached as suppressed), an aborted test (a failed assumption) is a
 * skipped test, and a method that ran nothing fails.
 */
public final class Jupiter {
  private Jupiter() {}

  /**
   * The JUnit 5 test methods of {@code testClass} and its superclasses, by name, for a JUnit 4 parameterized
   * runner's {@code @Parameters} method.
   *
   * @param testClass a JUnit 5 test class
   * @return one {@code {name}} row per test method, in name order
   */
  public static List<Object[]> testMethods(Class<?> testClass) {
    Map<String, Method> byName = new TreeMap<>();
    for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (isTest(m)) {
          if (byName.putIfAbsent(m.getName(), m) != null && !overrides(byName.get(m.getName()), m)) {
            throw new IllegalArgumentException("overloaded test method " + m.getName() + " in " + c.getName());
          }
        }
      }
    }
    List<Object[]> rows = new ArrayList<>();
    for (String name : byName.keySet()) {
      rows.add(new Object[] {name});
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no JUnit 5 test methods in " + testClass.getName());
    }
    return rows;
  }

  private static boolean overrides(Method kept, Method found) {
    return java.util.Arrays.equals(kept.getParameterTypes(), found.getParameterTypes());
  }

  private static boolean isTest(Method m) {
    return m.isAnnotationPresent(org.junit.jupiter.api.Test.class)
        || m.isAnnotationPresent(org.junit.jupiter.params.ParameterizedTest.class)
        || m.isAnnotationPresent(org.junit.jupiter.api.RepeatedTest.class)
        || m.isAnnotationPresent(org.junit.jupiter.api.TestFactory.class);
  }

  /**
   * Runs one JUnit 5 test method of {@code testClass} here (inside the calling test's sandbox) and rethrows its
   * outcome.
   *
   * @param testClass the JUnit 5 test class (as the calling test sees it, i.e. loaded by the sandbox)
   * @param methodName the test method's name, from {@link #testMethods(Class)}
   * @throws Throwable the test's failure
   */
  public static void run(Class<?> testClass, String methodName) throws Throwable {
    Method method = find(testClass, methodName);
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectMethod(testClass, method))
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
        .build();
    Outcome outcome = new Outcome();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(request, outcome);
    outcome.rethrow(testClass.getName() + "#" + methodName);
  }

  private static Method find(Class<?> testClass, String name) {
    for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(name) && isTest(m)) {
          return m;
        }
      }
    }
    throw new IllegalArgumentException("no test method " + name + " in " + testClass.getName());
  }

  /** Collects what happened to the tests (not containers) that ran. */
  private static final class Outcome implements TestExecutionListener {
    private final List<Throwable> failures = new ArrayList<>();
    private final List<String> aborted = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private Throwable containerFailure;
    private int succeeded;

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
      skipped.add(id.getDisplayName() + ": " + reason);
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
      Throwable t = result.getThrowable().orElse(null);
      if (!id.isTest()) {
        if (result.getStatus() == TestExecutionResult.Status.FAILED && containerFailure == null) {
          containerFailure = t;
        }
        return;
      }
      switch (result.getStatus()) {
        case SUCCESSFUL:
          succeeded++;
          break;
        case ABORTED:
          aborted.add(id.getDisplayName() + (t == null ? "" : ": " + t.getMessage()));
          break;
        default:
          failures.add(t != null ? t : new AssertionError(id.getDisplayName() + " failed"));
      }
    }

    synchronized void rethrow(String what) throws Throwable {
      if (!failures.isEmpty()) {
        Throwable first = failures.get(0);
        for (Throwable other : failures.subList(1, failures.size())) {
          first.addSuppressed(other);
        }
        throw first;
      }
      if (containerFailure != null) {
        throw containerFailure;
      }
      if (succeeded == 0 && (!aborted.isEmpty() || !skipped.isEmpty())) {
        throw new AssumptionViolatedException(what + " skipped: " + aborted + skipped);
      }
      if (succeeded == 0) {
        throw new AssertionError(what + " ran no test");
      }
    }
  }
}
