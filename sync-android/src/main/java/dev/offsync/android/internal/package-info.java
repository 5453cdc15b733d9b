/** Implementation details of sync-android; not API, may change in any release. */
package dev.offsync.android.internal;
