package dev.offsync.internal;

import dev.offsync.ClientClosedException;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.exceptions.Exceptions;
import io.reactivex.rxjava3.observers.DisposableCompletableObserver;
import io.reactivex.rxjava3.observers.DisposableMaybeObserver;
import io.reactivex.rxjava3.observers.DisposableSingleObserver;
import java.util.concurrent.Callable;

/**
 * The client's cold operations end when the client closes: with one {@link ClientClosedException}, the work in
 * flight disposed. What that work signals afterwards (a store closed under it, an interrupted blocking call) has no
 * one left to tell (the caller had its one outcome) and is dropped here instead of reaching
 * {@code RxJavaPlugins.onError}, which crashes an Android app. Blocking work is run the same way: an error it
 * throws once disposed is dropped, never "undeliverable".
 */
public final class UntilClosed {
  private UntilClosed() {}

  /** {@code source}, ended with a {@link ClientClosedException} if {@code core} closes first. */
  public static <T> Single<T> single(ClientCore core, String what, Single<T> source) {
    return Single.create(emitter -> {
      CompositeDisposable both = new CompositeDisposable();
      emitter.setDisposable(both);
      both.add(core.closedSignal().subscribe(
          () -> emitter.tryOnError(new ClientClosedException("the client was closed during " + what)),
          e -> { }));
      if (emitter.isDisposed()) {
        return;
      }
      both.add(source.subscribeWith(new DisposableSingleObserver<T>() {
        @Override
        public void onSuccess(T value) {
          emitter.onSuccess(value);
        }

        @Override
        public void onError(Throwable e) {
          emitter.tryOnError(e);
        }
      }));
    });
  }

  /** {@code source}, ended with a {@link ClientClosedException} if {@code core} closes first. */
  public static <T> Maybe<T> maybe(ClientCore core, String what, Maybe<T> source) {
    return Maybe.create(emitter -> {
      CompositeDisposable both = new CompositeDisposable();
      emitter.setDisposable(both);
      both.add(core.closedSignal().subscribe(
          () -> emitter.tryOnError(new ClientClosedException("the client was closed during " + what)),
          e -> { }));
      if (emitter.isDisposed()) {
        return;
      }
      both.add(source.subscribeWith(new DisposableMaybeObserver<T>() {
        @Override
        public void onSuccess(T value) {
          emitter.onSuccess(value);
        }

        @Override
        public void onError(Throwable e) {
          emitter.tryOnError(e);
        }

        @Override
        public void onComplete() {
          emitter.onComplete();
        }
      }));
    });
  }

  /** {@code source}, ended with a {@link ClientClosedException} if {@code core} closes first. */
  public static Completable completable(ClientCore core, String what, Completable source) {
    return Completable.create(emitter -> {
      CompositeDisposable both = new CompositeDisposable();
      emitter.setDisposable(both);
      both.add(core.closedSignal().subscribe(
          () -> emitter.tryOnError(new ClientClosedException("the client was closed during " + what)),
          e -> { }));
      if (emitter.isDisposed()) {
        return;
      }
      both.add(source.subscribeWith(new DisposableCompletableObserver() {
        @Override
        public void onComplete() {
          emitter.onComplete();
        }

        @Override
        public void onError(Throwable e) {
          emitter.tryOnError(e);
        }
      }));
    });
  }

  /** Runs blocking {@code work} when subscribed; an error it throws after being disposed is dropped. */
  public static <T> Single<T> blocking(Callable<T> work) {
    return Single.create(emitter -> {
      T value;
      try {
        value = work.call();
      } catch (Throwable e) {
        Exceptions.throwIfFatal(e);
        emitter.tryOnError(e);
        return;
      }
      if (value == null) {
        emitter.tryOnError(new NullPointerException("the work returned null"));
      } else {
        emitter.onSuccess(value);
      }
    });
  }
}
