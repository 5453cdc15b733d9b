/** The default Sync Trigger: Lambda function ARNs mapped to HTTP webhooks, and the event's JSON form. */
package dev.offsync.server.internal.trigger;
