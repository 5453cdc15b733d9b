/**
 * Service-provider interfaces: what a storage ({@code LocalStore}) or transport ({@code RemoteStore}) implementation, an identity source or a connectivity monitor must provide. Implement these to run offsync on an Android {@code SQLiteOpenHelper}, another database or another transport, without touching the engine.
 */
package dev.offsync.spi;
