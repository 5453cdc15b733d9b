package dev.offsync.spi;

import static dev.offsync.internal.Preconditions.checkNotNull;

import dev.offsync.DatasetMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One page of {@code ListDatasets}. Immutable. */
public final class DatasetPage {
  private final List<DatasetMetadata> datasets;
  private final String nextToken;

  /**
   * Creates a page.
   *
   * @param datasets the datasets of this page
   * @param nextToken the next page's token, or {@code null} on the last page
   */
  public DatasetPage(List<DatasetMetadata> datasets, String nextToken) {
    checkNotNull(datasets, "datasets");
    this.datasets = Collections.unmodifiableList(new ArrayList<>(datasets));
    this.nextToken = nextToken;
  }

  /** @return the datasets of this page */
  public List<DatasetMetadata> datasets() {
    return datasets;
  }

  /** @return the next page's token, or {@code null} on the last page */
  public String nextToken() {
    return nextToken;
  }

  @Override
  public String toString() {
    return "DatasetPage{datasets=" + datasets.size() + ", hasNext=" + (nextToken != null) + "}";
  }
}
