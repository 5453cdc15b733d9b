/**
 * Implementation details of the Cognito Sync client: SigV4 signing, the restJson1 mapping, HTTP plumbing and the
 * retry loop. Not an API: types here may change without notice and never appear in public signatures.
 */
package dev.offsync.http.internal;
