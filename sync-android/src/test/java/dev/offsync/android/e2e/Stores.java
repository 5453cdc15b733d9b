package dev.offsync.android.e2e;

import android.content.Context;
import dev.offsync.android.AndroidSqliteLocalStore;
import dev.offsync.spi.LocalStore;

/** The store a device of the end-to-end tests uses: a database file in the app's private database directory. */
final class Stores {
  private Stores() {}

  static LocalStore open(Context context, String databaseName) {
    return AndroidSqliteLocalStore.builder(context).databaseName(databaseName).build();
  }
}
