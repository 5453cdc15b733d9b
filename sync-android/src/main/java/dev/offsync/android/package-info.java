/**
 * offsync on Android (API 26+): a {@link dev.offsync.spi.LocalStore} on the platform's SQLite, connectivity from
 * {@code ConnectivityManager}, background sync on {@code JobScheduler}, and the Cognito identity kept in the app's
 * private storage. See {@code docs/android.md}.
 */
package dev.offsync.android;
