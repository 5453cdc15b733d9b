package dev.offsync.android.docs;

import android.app.Activity;
import android.os.Handler;
import android.os.Looper;
import dev.offsync.Dataset;
import dev.offsync.Resolution;
import dev.offsync.SyncClient;
import dev.offsync.SyncConflict;
import dev.offsync.SyncReport;
import dev.offsync.SyncStatus;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.ArrayList;
import java.util.List;

/** docs/android.md, "Observing", "Writing" and "Conflicts": UI code that never blocks the main thread. */
public final class NotesActivity extends Activity {
  // RxAndroid's AndroidSchedulers.mainThread() does the same
  private static final Scheduler MAIN = Schedulers.from(new Handler(Looper.getMainLooper())::post);

  private final CompositeDisposable whileStarted = new CompositeDisposable();

  private Single<Dataset> notes() {
    return ((NotesApp) getApplication()).syncClientAsync().map(client -> client.dataset("notes"));
  }

  @Override
  protected void onStart() {
    super.onStart();
    whileStarted.add(((NotesApp) getApplication()).syncClientAsync()
        .flatMapObservable(SyncClient::status)
        .observeOn(MAIN)
        .subscribe(this::showStatus, this::showError));
  }

  @Override
  protected void onStop() {
    whileStarted.clear();   // nothing refers to this Activity once it is stopped: no leak
    super.onStop();
  }

  void saveNote(String key, String text) {
    whileStarted.add(notes()
        .map(notes -> {
          notes.put(key, text);   // blocking local write, on the I/O thread; works offline
          return notes;
        })
        .flatMap(Dataset::sync)
        .observeOn(MAIN)
        .subscribe(this::showSynced, this::showError));   // always an error consumer
  }

  void askAboutConflicts() {
    whileStarted.add(notes()
        .map(Dataset::conflicts)   // the conflicts the resolver deferred, kept in the store across restarts
        .observeOn(MAIN)
        .subscribe(this::askUser, this::showError));
  }

  void keepBoth(SyncConflict conflict) {
    String both = conflict.local().value() + "\n" + conflict.remote().value();
    whileStarted.add(notes()
        .map(notes -> {
          notes.resolve(conflict.key(), Resolution.useValue(both));
          return notes;
        })
        .flatMap(Dataset::sync)   // pushes the decision
        .observeOn(MAIN)
        .subscribe(this::showSynced, this::showError));
  }

  // what the screen showed, for AndroidGuideTest (not in the guide)
  final List<SyncStatus> shown = new ArrayList<>();
  final List<SyncReport> synced = new ArrayList<>();
  final List<SyncConflict> asked = new ArrayList<>();
  final List<Throwable> errors = new ArrayList<>();

  private void showStatus(SyncStatus status) {
    shown.add(status);
  }

  private void showSynced(SyncReport report) {
    synced.add(report);
  }

  private void askUser(List<SyncConflict> conflicts) {
    asked.addAll(conflicts);
  }

  private void showError(Throwable error) {
    errors.add(error);
  }
}
