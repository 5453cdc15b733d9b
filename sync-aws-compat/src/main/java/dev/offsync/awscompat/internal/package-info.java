/** Implementation of the compat module: the mapping from AWS's cache rows to offsync's local store. */
package dev.offsync.awscompat.internal;
