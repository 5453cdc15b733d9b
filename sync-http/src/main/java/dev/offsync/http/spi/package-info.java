/**
 * The credentials SPI of the Cognito Sync client: {@link dev.offsync.http.spi.CredentialsProvider} supplies
 * {@link dev.offsync.http.spi.AwsCredentials} for signing.
 */
package dev.offsync.http.spi;
