package dev.offsync.android.robolectric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import android.database.sqlite.SQLiteDatabase;
import org.junit.AssumptionViolatedException;
import org.junit.Test;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;

/** {@link Jupiter} reports a JUnit 5 test's success, failure and skip, and the test runs inside the sandbox. */
@RunWith(RobolectricTestRunner.class)
public class JupiterTest {

  /** JUnit 5 tests with known outcomes; never run by Surefire directly (a nested class). */
  public static class Sample {
    static int ranInSandbox;

    @org.junit.jupiter.api.Test
    void passes() {
      SQLiteDatabase db = SQLiteDatabase.create(null);
      db.execSQL("CREATE TABLE t (a INTEGER)");
      db.close();
      ranInSandbox++;
    }

    @org.junit.jupiter.api.Test
    void fails() {
      throw new IllegalStateException("deliberate");
    }

    /** Aborts on purpose: the fixture for {@link JupiterTest#anAbortedTestIsSkipped()}. */
    @org.junit.jupiter.api.Test
    void skips() {
      Assumptions.abort("this fixture always aborts, so the bridge must report a skipped JUnit 4 test");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void failsTwice(int n) {
      if (n > 1) {
        throw new AssertionError("n = " + n);
      }
    }
  }

  @Test
  public void findsTheTestMethods() {
    assertThat(Jupiter.testMethods(Sample.class)).extracting(row -> row[0])
        .containsExactly("fails", "failsTwice", "passes", "skips");
  }

  @Test
  public void aPassingTestRunsInTheSandbox() throws Throwable {
    int before = Sample.ranInSandbox;
    Jupiter.run(Sample.class, "passes");
    assertThat(Sample.ranInSandbox).isEqualTo(before + 1);
  }

  @Test
  public void aFailureIsRethrownAsItWas() {
    assertThatThrownBy(() -> Jupiter.run(Sample.class, "fails"))
        .isInstanceOf(IllegalStateException.class).hasMessage("deliberate");
  }

  @Test
  public void everyFailingInvocationIsReported() {
    assertThatThrownBy(() -> Jupiter.run(Sample.class, "failsTwice"))
        .hasMessage("n = 2")
        .satisfies(t -> assertThat(t.getSuppressed()).hasSize(1));
  }

  @Test
  public void anAbortedTestIsSkipped() {
    assertThatThrownBy(() -> Jupiter.run(Sample.class, "skips"))
        .isInstanceOf(AssumptionViolatedException.class)
        .hasMessageContaining("this fixture always aborts");
  }
}
