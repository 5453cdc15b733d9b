/**
 * The Cognito Sync client: all 17 operations over OkHttp and Jackson, SigV4 signing, retries, credentials providers, and {@code CognitoSyncRemoteStore}, sync-core's {@code RemoteStore}.
 */
package dev.offsync.http;
