package dev.offsync.http.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One operation's HTTP request, independent of endpoint and credentials: method, encoded path segments, decoded
 * query parameters (in order), extra headers and an optional JSON body. Immutable.
 */
public final class HttpRequestSpec {
  /** The media type of JSON request bodies. */
  public static final String JSON_MEDIA_TYPE = "application/json";

  private final String operation;
  private final String method;
  private final List<String> encodedPathSegments;
  private final List<Map.Entry<String, String>> queryParameters;
  private final Map<String, String> headers;
  private final byte[] body;
  private final String contentType;
  private final List<String> sensitiveValues;

  private HttpRequestSpec(Builder builder) {
    this.operation = builder.operation;
    this.method = builder.method;
    this.encodedPathSegments = Collections.unmodifiableList(new ArrayList<>(builder.segments));
    this.queryParameters = Collections.unmodifiableList(new ArrayList<>(builder.query));
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
    this.body = builder.body;
    this.contentType = builder.contentType;
    this.sensitiveValues = Collections.unmodifiableList(new ArrayList<>(builder.sensitive));
  }

  /**
   * Starts a request description.
   *
   * @param operation the operation name, for messages
   * @param method the HTTP method
   * @return a builder
   */
  public static Builder builder(String operation, String method) {
    return new Builder(operation, method);
  }

  /**
   * Returns the operation name.
   *
   * @return the name, e.g. {@code ListRecords}
   */
  public String operation() {
    return operation;
  }

  /**
   * Returns the HTTP method.
   *
   * @return the method
   */
  public String method() {
    return method;
  }

  /**
   * Returns the path segments, each already percent-encoded.
   *
   * @return the segments
   */
  public List<String> encodedPathSegments() {
    return encodedPathSegments;
  }

  /**
   * Returns the query parameters, decoded, in order.
   *
   * @return the parameters
   */
  public List<Map.Entry<String, String>> queryParameters() {
    return queryParameters;
  }

  /**
   * Returns the query string as it goes on the wire (AWS-encoded), or {@code null} if there is none.
   *
   * @return the encoded query
   */
  public String encodedQuery() {
    if (queryParameters.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> parameter : queryParameters) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(AwsUriEncoding.encode(parameter.getKey()))
          .append('=')
          .append(AwsUriEncoding.encode(parameter.getValue()));
    }
    return out.toString();
  }

  /**
   * Returns the operation-specific headers.
   *
   * @return the headers
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * Returns the body.
   *
   * @return the body bytes, or {@code null} if the request has none
   */
  public byte[] body() {
    return body == null ? null : body.clone();
  }

  /**
   * Returns the body's media type.
   *
   * @return the content type, or {@code null} without body
   */
  public String contentType() {
    return contentType;
  }

  /**
   * Returns values that must not appear in messages (session tokens carried by the request).
   *
   * @return the values
   */
  public List<String> sensitiveValues() {
    return sensitiveValues;
  }

  /** Builds {@link HttpRequestSpec}s. */
  public static final class Builder {
    private final String operation;
    private final String method;
    private final List<String> segments = new ArrayList<>();
    private final List<Map.Entry<String, String>> query = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String> sensitive = new ArrayList<>();
    private byte[] body;
    private String contentType;

    private Builder(String operation, String method) {
      this.operation = Objects.requireNonNull(operation, "operation == null");
      this.method = Objects.requireNonNull(method, "method == null");
    }

    /**
     * Appends a literal path segment.
     *
     * @param segment the segment, made of unreserved characters
     * @return this builder
     */
    public Builder pathLiteral(String segment) {
      segments.add(AwsUriEncoding.encode(segment));
      return this;
    }

    /**
     * Appends a path label, percent-encoded ({@code :} becomes {@code %3A}).
     *
     * @param value the label's value
     * @return this builder
     * @throws IllegalArgumentException for {@code .} and {@code ..}, which URLs cannot carry as segments
     */
    public Builder pathLabel(String value) {
      Objects.requireNonNull(value, "path label == null");
      if (value.equals(".") || value.equals("..")) {
        throw new IllegalArgumentException(
            "a path label cannot be \"" + value + "\": URL normalization would remove it");
      }
      segments.add(AwsUriEncoding.encode(value));
      return this;
    }

    /**
     * Appends a query parameter.
     *
     * @param name the camelCase name
     * @param value the decoded value
     * @return this builder
     */
    public Builder query(String name, String value) {
      query.add(new java.util.AbstractMap.SimpleImmutableEntry<>(name, value));
      if (name.equals("syncSessionToken")) {
        sensitive.add(value);
      }
      return this;
    }

    /**
     * Sets a header.
     *
     * @param name the header name
     * @param value the value
     * @return this builder
     */
    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /**
     * Sets a JSON body.
     *
     * @param json the body object
     * @return this builder
     */
    public Builder jsonBody(ObjectNode json) {
      this.body = Json.toBytes(json);
      this.contentType = JSON_MEDIA_TYPE;
      if (json.hasNonNull("SyncSessionToken")) {
        sensitive.add(json.get("SyncSessionToken").asText());
      }
      return this;
    }

    /**
     * Marks a value the request carries (a login token, say) as secret, so that it is redacted from messages.
     *
     * @param value the value to hide, not null
     * @return this builder
     */
    public Builder sensitive(String value) {
      sensitive.add(Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /**
     * Sets a raw body.
     *
     * @param body the bytes
     * @param contentType the media type
     * @return this builder
     */
    public Builder body(byte[] body, String contentType) {
      this.body = body.clone();
      this.contentType = Objects.requireNonNull(contentType, "contentType == null");
      return this;
    }

    /**
     * Builds the description.
     *
     * @return the request description
     */
    public HttpRequestSpec build() {
      return new HttpRequestSpec(this);
    }
  }
}
