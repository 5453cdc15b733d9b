package dev.offsync.server.internal.http;

import dev.offsync.server.internal.metrics.ServerMetrics;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (bad request lines, bad URIs, headers too large, ...) as JSON, never as an HTML page; counted in
 * the metrics as operation {@code Unknown}.
 */
public final class JsonErrorHandler extends ErrorHandler {
  private final ServerMetrics metrics;

  /**
   * Creates the handler.
   *
   * @param metrics where the errors are counted
   */
  public JsonErrorHandler(ServerMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus() >= 400 ? response.getStatus() : 500;
    Object code = request.getAttribute(ERROR_STATUS);
    if (code instanceof Integer i) {
      status = i;
    }
    Object message = request.getAttribute(ERROR_MESSAGE);
    String type = status >= 500 ? ErrorType.InternalErrorException.name()
        : status == 404 ? ErrorType.UnknownOperationException.name()
        : status == 405 ? ErrorType.MethodNotAllowedException.name()
        : ErrorType.InvalidParameterException.name();
    // a 5xx here is an exception that escaped the handler (an Error): its text is for the log Jetty writes, never
    // for the client (it may name internals or carry data)
    String text = status >= 500 ? "Internal server error" : message == null ? "HTTP " + status : message.toString();
    byte[] body = SyncHandler.errorBody(type, text);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
    response.getHeaders().put("x-amzn-ErrorType", type);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    metrics.request("Unknown", status, type, Math.max(0, System.nanoTime() - request.getBeginNanoTime()));
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }
}
