/** {@code offsync demo}: two devices and an in-process server play a sync story end to end. Not an API. */
package dev.offsync.app.internal.demo;
