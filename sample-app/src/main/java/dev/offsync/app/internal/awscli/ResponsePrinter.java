package dev.offsync.app.internal.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * Prints an operation's response as the AWS CLI does with its global output options: applies {@code --query} if
 * given, then formats with {@code --output}. JSON prints anything but an empty object (so a query that matches
 * nothing prints {@code null}); text prints {@code None} for it; a table prints nothing for an empty or false result.
 */
final class ResponsePrinter {
  private final OutputFormat format;
  private final ResponseQuery query;

  /**
   * Creates the printer.
   *
   * @param format the output format
   * @param query the query, or {@code null} for none
   */
  ResponsePrinter(OutputFormat format, ResponseQuery query) {
    this.format = Objects.requireNonNull(format, "format == null");
    this.query = query;
  }

  /**
   * Prints a response.
   *
   * @param operationName the operation's name, the title of a table (e.g. {@code ListRecords})
   * @param response the response as JSON; an empty object when the operation returns nothing
   * @param out where to print
   */
  void print(String operationName, JsonNode response, PrintWriter out) {
    Objects.requireNonNull(operationName, "operationName == null");
    Objects.requireNonNull(response, "response == null");
    Objects.requireNonNull(out, "out == null");
    JsonNode result = query == null ? response : query.apply(response);
    switch (format) {
      case TEXT:
        out.print(TextOutput.format(result));
        break;
      case TABLE:
        out.print(TableOutput.format(operationName, result));
        break;
      default:
        if (!(result.isObject() && result.isEmpty())) {
          out.println(JsonOutput.format(result));
        }
        break;
    }
  }
}
