package dev.offsync.server.internal.service;

/** The 17 Cognito Sync operations, offsync's ImportRecords extension, and who may call them. */
public enum Operation {
  ListRecords(Access.BOTH),
  UpdateRecords(Access.BOTH),
  DescribeDataset(Access.BOTH),
  DeleteDataset(Access.BOTH),
  ListDatasets(Access.BOTH),
  DescribeIdentityUsage(Access.BOTH),
  ListIdentityPoolUsage(Access.DEVELOPER),
  DescribeIdentityPoolUsage(Access.DEVELOPER),
  GetIdentityPoolConfiguration(Access.DEVELOPER),
  SetIdentityPoolConfiguration(Access.DEVELOPER),
  GetCognitoEvents(Access.DEVELOPER),
  SetCognitoEvents(Access.DEVELOPER),
  BulkPublish(Access.DEVELOPER),
  GetBulkPublishDetails(Access.DEVELOPER),
  RegisterDevice(Access.IDENTITY),
  SubscribeToDataset(Access.IDENTITY),
  UnsubscribeFromDataset(Access.IDENTITY),
  /** offsync's extension: a verbatim copy of records from another server (docs/server.md, migrating-server.md). */
  ImportRecords(Access.DEVELOPER);

  /** Which kind of credentials may call an operation. */
  public enum Access {
    /** Developer credentials and identity credentials (the latter only on their own identity). */
    BOTH,
    /** Developer credentials only. */
    DEVELOPER,
    /** Identity credentials only (the device operations). */
    IDENTITY
  }

  private final Access access;

  Operation(Access access) {
    this.access = access;
  }

  /**
   * Who may call this operation.
   *
   * @return the access rule
   */
  public Access access() {
    return access;
  }
}
