/**
 * The credentials SPI of the Cognito Sync client: {@link dev.offsync.http.spi.CredentialsProvider} supplies
 * {@link dev.offsync.http.spi.AwsCredentials} for signing, and {@link dev.offsync.http.spi.IdentityCache} keeps a
 * Cognito identity id across restarts.
 */
package dev.offsync.http.spi;
