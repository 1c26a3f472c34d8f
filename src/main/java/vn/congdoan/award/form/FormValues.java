package vn.congdoan.award.form;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.BytesValue;
import org.camunda.bpm.engine.variable.value.PrimitiveValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Submitted values as the rules see them, read without deserializing anything: a form field holds a text,
 * a number, a yes/no or a date, never an object, JSON, XML, a file or bytes. Those are {@link #NOT_PLAIN},
 * ({@link #JAVA_SERIALIZED} for Java's serialization format), which every field rule refuses; reading them would run the engine's deserializer on what a client sent
 * (an object "of type java.io.File", JSON that does not parse) before any rule had looked at it.
 */
public final class FormValues {
  private FormValues() {}

  /** A value no form field accepts: an object, JSON, XML, file or bytes variable. */
  public static final Object NOT_PLAIN = new Object() {
    @Override
    public String toString() {
      return "(object)";
    }
  };

  /** An object in Java's serialization format: refused as such, whatever field it was sent for. */
  public static final Object JAVA_SERIALIZED = new Object() {
    @Override
    public String toString() {
      return "(Java-serialized object)";
    }
  };

  /** The plain Java value of {@code value} (a typed value or a plain one), null, or {@link #NOT_PLAIN}. */
  public static Object plain(Object value) {
    if (!(value instanceof TypedValue typed)) {
      return value;
    }
    if (typed.getType() == null) {
      return plain(typed.getValue()); // untyped, as Tasklist sends numbers: the value as JSON gave it
    }
    if (typed.getType() == ValueType.NULL) {
      return null;
    }
    if (typed instanceof SerializableValue serialized
        && Variables.SerializationDataFormats.JAVA.getName().equals(serialized.getSerializationDataFormat())) {
      return JAVA_SERIALIZED;
    }
    if (typed instanceof PrimitiveValue<?> && !(typed instanceof BytesValue)) {
      return typed.getValue(); // a text, a number, a yes/no or a date
    }
    return NOT_PLAIN;
  }

  /** The plain value of one entry; a {@link VariableMap} is read typed, so nothing is deserialized. */
  public static Object plain(Map<String, ?> values, String key) {
    return values instanceof VariableMap typed ? plain(typed.getValueTyped(key)) : plain(values.get(key));
  }

  public static Map<String, Object> plainMap(Map<String, ?> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : values.keySet()) {
      out.put(key, plain(values, key));
    }
    return out;
  }

  /** The variables of a scope, none deserialized. */
  public static Map<String, Object> of(VariableScope scope) {
    return plainMap(scope.getVariablesTyped(false));
  }

  /** One variable of a scope, not deserialized. */
  public static Object of(VariableScope scope, String name) {
    return plain(scope.getVariableTyped(name, false));
  }
}
