package dev.offsync.app.internal.device;

import dev.offsync.SyncProgress;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.disposables.Disposable;
import java.io.PrintWriter;
import java.util.Objects;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a sync's progress (records completed out of the total known, pull and push together) as a progress bar on
 * stderr, once the sync turns out to be large: the bar appears when the total reaches a threshold, so small syncs
 * print nothing but their one-line report.
 */
public final class SyncProgressBar implements AutoCloseable {
  private final PrintWriter err;
  private final long threshold;
  private final Disposable subscription;
  private ProgressBar bar;
  private long lastCompleted;
  private long lastTotal;

  /**
   * Starts following a dataset's progress.
   *
   * @param progress the dataset's progress stream
   * @param err where the bar is drawn
   * @param threshold the total (records) from which the bar is shown; 0 shows it always
   */
  public SyncProgressBar(Observable<SyncProgress> progress, PrintWriter err, long threshold) {
    Objects.requireNonNull(progress, "progress == null");
    this.err = Objects.requireNonNull(err, "err == null");
    this.threshold = threshold;
    this.subscription = progress.subscribe(this::update, e -> { });
  }

  private synchronized void update(SyncProgress p) {
    long total = p.pullTotal() + p.pushTotal();
    long completed = p.pullCompleted() + p.pushCompleted();
    lastCompleted = completed;
    lastTotal = total;
    if (bar == null) {
      if (total < Math.max(1, threshold)) {
        return;
      }
      bar = new ProgressBarBuilder()
          .setTaskName("sync")
          .setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII)
          .setUnit(" records", 1)
          .setUpdateIntervalMillis(100)
          .setConsumer(new WriterConsumer(err))
          .hideEta()
          .build();
    }
    bar.maxHint(total);
    bar.stepTo(completed);
  }

  /** Whether the bar was shown. */
  public synchronized boolean shown() {
    return bar != null;
  }

  /** Stops following and draws the final state of the bar, if shown. */
  @Override
  public synchronized void close() {
    subscription.dispose();
    if (bar != null) {
      bar.maxHint(lastTotal);
      bar.stepTo(lastCompleted);
      bar.close();
      bar = null;
    }
  }

  /** Draws on a {@link PrintWriter}, redrawing the line with a carriage return. */
  private static final class WriterConsumer implements ProgressBarConsumer {
    private final PrintWriter out;

    WriterConsumer(PrintWriter out) {
      this.out = out;
    }

    @Override
    public int getMaxRenderedLength() {
      return 100;
    }

    @Override
    public void accept(String rendered) {
      out.print('\r');
      out.print(rendered);
      out.flush();
    }

    @Override
    public void close() {
      out.println();
      out.flush();
    }
  }
}
