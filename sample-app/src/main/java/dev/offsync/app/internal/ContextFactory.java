package dev.offsync.app.internal;

import java.lang.reflect.Constructor;
import java.util.Objects;
import picocli.CommandLine;

/** Instantiates commands, handing the {@link CliContext} to those whose constructor takes one. */
final class ContextFactory implements CommandLine.IFactory {
  private final CliContext context;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  ContextFactory(CliContext context) {
    this.context = Objects.requireNonNull(context, "context == null");
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    for (Constructor<?> constructor : type.getConstructors()) {
      Class<?>[] parameters = constructor.getParameterTypes();
      if (parameters.length == 1 && parameters[0] == CliContext.class) {
        return type.cast(constructor.newInstance(context));
      }
    }
    return fallback.create(type);
  }
}
