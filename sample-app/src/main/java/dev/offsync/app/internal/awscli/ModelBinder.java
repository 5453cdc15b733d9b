package dev.offsync.app.internal.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Binds the service model's shapes to sync-http's model types ({@code dev.offsync.http.model}), which follow one
 * pattern: a class per shape, named after it, with {@code builder()}, a builder method and an accessor per member
 * named after the member in lowerCamelCase, and enums with {@code fromValue}/{@code value}. Driving the binding
 * from the model covers all 17 operations the same way.
 */
public final class ModelBinder {
  /** The package of sync-http's model types. */
  static final String MODEL_PACKAGE = "dev.offsync.http.model";

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss[.SSSSSS]xxx");

  private final ServiceModel model;

  /**
   * Creates a binder for a model.
   *
   * @param model the service model
   */
  public ModelBinder(ServiceModel model) {
    this.model = Objects.requireNonNull(model, "model == null");
  }

  /**
   * Returns the sync-http class of a structure shape.
   *
   * @param shapeName e.g. {@code UpdateRecordsRequest}
   * @return the class
   * @throws IllegalStateException if sync-http has no such class
   */
  public static Class<?> modelClass(String shapeName) {
    Objects.requireNonNull(shapeName, "shapeName == null");
    try {
      return Class.forName(MODEL_PACKAGE + "." + shapeName);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("sync-http has no model type " + shapeName, e);
    }
  }

  /**
   * Builds a request (or any structure) from its normalised JSON form (see {@link ShapeCoercer}).
   *
   * @param shape a structure shape
   * @param value the normalised value
   * @return an instance of the shape's sync-http model type
   * @throws InputException if the model type's own validation rejects the value
   */
  public Object toModel(Shape shape, JsonNode value) {
    Objects.requireNonNull(shape, "shape == null");
    Objects.requireNonNull(value, "value == null");
    return structure(shape, value, modelClass(shape.name()));
  }

  private Object structure(Shape shape, JsonNode value, Class<?> type) {
    Object builder = invoke(method(type, "builder"), null);
    for (MemberRef member : shape.members().values()) {
      JsonNode memberValue = value.get(member.name());
      if (memberValue == null) {
        continue;
      }
      Method setter = setter(builder.getClass(), Names.lowerCamel(member.name()));
      Object converted = convert(model.shape(member.shapeName()), memberValue, setter.getGenericParameterTypes()[0]);
      invoke(setter, builder, converted);
    }
    return invoke(method(builder.getClass(), "build"), builder);
  }

  private Object convert(Shape shape, JsonNode value, Type javaType) {
    switch (shape.type()) {
      case "structure":
        return structure(shape, value, rawClass(javaType));
      case "list": {
        Type elementType = typeArgument(javaType, 0);
        Shape element = model.shape(shape.listMember());
        List<Object> out = new ArrayList<>();
        value.forEach(e -> out.add(convert(element, e, elementType)));
        return out;
      }
      case "map": {
        Type valueType = typeArgument(javaType, 1);
        Shape valueShape = model.shape(shape.mapValue());
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          out.put(field.getKey(), convert(valueShape, field.getValue(), valueType));
        }
        return out;
      }
      case "long":
        return value.asLong();
      case "integer":
        return value.intValue();
      case "boolean":
        return value.asBoolean();
      case "timestamp":
        return ShapeCoercer.timestamp(value, shape.name());
      default: {
        Class<?> raw = rawClass(javaType);
        if (raw.isEnum()) {
          return invoke(method(raw, "fromValue", String.class), null, value.asText());
        }
        return value.asText();
      }
    }
  }

  /**
   * Renders a response (or any structure) the way the AWS CLI prints it: PascalCase members in model order, absent
   * members omitted, timestamps in ISO-8601.
   *
   * @param shape a structure shape
   * @param value an instance of the shape's sync-http model type
   * @return the JSON object
   */
  public ObjectNode toJson(Shape shape, Object value) {
    Objects.requireNonNull(shape, "shape == null");
    Objects.requireNonNull(value, "value == null");
    return (ObjectNode) json(shape, value);
  }

  private JsonNode json(Shape shape, Object value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (shape.type()) {
      case "structure": {
        ObjectNode out = f.objectNode();
        for (MemberRef member : shape.members().values()) {
          Object memberValue = invoke(method(value.getClass(), Names.lowerCamel(member.name())), value);
          if (memberValue != null) {
            out.set(member.name(), json(model.shape(member.shapeName()), memberValue));
          }
        }
        return out;
      }
      case "list": {
        ArrayNode out = f.arrayNode();
        Shape element = model.shape(shape.listMember());
        for (Object e : (Collection<?>) value) {
          out.add(json(element, e));
        }
        return out;
      }
      case "map": {
        ObjectNode out = f.objectNode();
        Shape valueShape = model.shape(shape.mapValue());
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
          out.set(String.valueOf(e.getKey()), json(valueShape, e.getValue()));
        }
        return out;
      }
      case "long":
      case "integer":
        return f.numberNode(((Number) value).longValue());
      case "boolean":
        return f.booleanNode((Boolean) value);
      case "timestamp":
        return f.textNode(formatTimestamp((Instant) value));
      default:
        if (value instanceof Enum<?>) {
          return f.textNode(String.valueOf(invoke(method(value.getClass(), "value"), value)));
        }
        return f.textNode(String.valueOf(value));
    }
  }

  /**
   * Formats a timestamp like the AWS CLI's {@code iso8601} output format, in UTC.
   *
   * @param instant the instant
   * @return e.g. {@code 2024-05-01T12:00:00.250000+00:00}
   */
  public static String formatTimestamp(Instant instant) {
    return TIMESTAMP.format(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  private static Method setter(Class<?> builderType, String name) {
    Method found = null;
    for (Method m : builderType.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == 1 && !m.isVarArgs()
          && !m.getParameterTypes()[0].isArray()) {
        found = m;
      }
    }
    if (found == null) {
      throw new IllegalStateException(builderType.getName() + " has no builder method " + name);
    }
    return found;
  }

  private static Method method(Class<?> type, String name, Class<?>... parameterTypes) {
    try {
      Method m = type.getMethod(name, parameterTypes);
      if (!Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
        m.setAccessible(true);
      }
      return m;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(type.getName() + " has no method " + name, e);
    }
  }

  private static Object invoke(Method method, Object target, Object... args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException) {
        throw new InputException("Invalid parameter: " + cause.getMessage());
      }
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IllegalStateException(cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?>) {
      return (Class<?>) type;
    }
    if (type instanceof ParameterizedType) {
      return (Class<?>) ((ParameterizedType) type).getRawType();
    }
    throw new IllegalStateException("unsupported type " + type);
  }

  private static Type typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType) {
      return ((ParameterizedType) type).getActualTypeArguments()[index];
    }
    throw new IllegalStateException("expected a parameterised type but got " + type);
  }
}
