/**
 * {@code offsync cognito-sync}: the AWS CLI's syntax for the Cognito Sync operations, driven by AWS's service model
 * (options, shorthand and JSON values, {@code --cli-input-json}, skeletons, output). Not an API.
 */
package dev.offsync.app.internal.awscli;
