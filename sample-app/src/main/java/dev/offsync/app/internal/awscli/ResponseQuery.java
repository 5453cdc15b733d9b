package dev.offsync.app.internal.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.offsync.app.internal.CliFailure;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPathException;
import io.burt.jmespath.jackson.JacksonRuntime;
import io.burt.jmespath.parser.ParseError;
import io.burt.jmespath.parser.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code --query}: a JMESPath expression applied to the response before it is formatted, as the AWS CLI does.
 * It is compiled when the command line is read, so that a bad expression is a usage error before any request.
 */
final class ResponseQuery {
  private static final JacksonRuntime RUNTIME = new JacksonRuntime();

  private final String source;
  private final Expression<JsonNode> expression;

  private ResponseQuery(String source, Expression<JsonNode> expression) {
    this.source = source;
    this.expression = expression;
  }

  /**
   * Compiles an expression.
   *
   * @param source the JMESPath expression
   * @return the query
   * @throws InputException if it is not a valid expression (also an unknown function or a wrong number of
   *     arguments)
   */
  static ResponseQuery compile(String source) {
    Objects.requireNonNull(source, "source == null");
    try {
      return new ResponseQuery(source, RUNTIME.compile(source));
    } catch (ParseException e) {
      List<String> problems = new ArrayList<>();
      for (ParseError error : e) {
        problems.add(error.message() + " at position " + error.position());
      }
      String detail = problems.isEmpty() ? e.getMessage() : String.join("; ", problems);
      throw new InputException("Bad value for --query " + source + ": " + detail);
    } catch (JmesPathException e) {
      throw new InputException("Bad value for --query " + source + ": " + e.getMessage());
    }
  }

  /**
   * Applies the query.
   *
   * @param response the response as JSON
   * @return the result, JSON {@code null} when nothing matches
   * @throws CliFailure if evaluating fails, e.g. a function given a value of the wrong type
   */
  JsonNode apply(JsonNode response) {
    Objects.requireNonNull(response, "response == null");
    try {
      JsonNode result = expression.search(response);
      return result == null ? NullNode.getInstance() : result;
    } catch (JmesPathException e) {
      throw new CliFailure("--query " + source + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "ResponseQuery[" + source + "]";
  }
}
