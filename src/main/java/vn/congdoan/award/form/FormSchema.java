package vn.congdoan.award.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a Camunda Form (form-js JSON) that a user can fill in, with the rules the form checks in
 * the browser. The server checks the same rules again: the form is the single source of them.
 */
public record FormSchema(String id, List<Field> fields) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One input field. {@code options} is empty unless the field offers a fixed list of values;
   * {@code timeFormat} is form-js's {@code timeSerializingFormat} of a time or date-and-time field.
   */
  public record Field(
      String key,
      String label,
      String type,
      String subtype,
      boolean required,
      boolean editable,
      Double min,
      Double max,
      Integer minLength,
      Integer maxLength,
      String pattern,
      Integer decimalDigits,
      Map<String, String> options,
      String hideCondition,
      String timeFormat) {

    public boolean isNumber() {
      return "number".equals(type);
    }

    public boolean isBoolean() {
      return "checkbox".equals(type);
    }

    public boolean isDate() {
      return "datetime".equals(type);
    }

    /** A textarea: the one kind of field that takes line breaks and tabs. */
    public boolean isMultiLine() {
      return "textarea".equals(type);
    }
  }

  public static FormSchema parse(InputStream in) {
    try {
      JsonNode root = JSON.readTree(in);
      List<Field> fields = new ArrayList<>();
      collect(root.path("components"), fields);
      return new FormSchema(root.path("id").asText(null), List.copyOf(fields));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read form schema", e);
    }
  }

  /** Keys of the fields a user can change in this form. */
  public List<String> editableKeys() {
    return fields.stream().filter(Field::editable).map(Field::key).toList();
  }

  private static void collect(JsonNode components, List<Field> into) {
    for (JsonNode c : components) {
      if (c.has("components")) {
        collect(c.path("components"), into);
      }
      String key = c.path("key").asText(null);
      String type = c.path("type").asText("");
      if (key == null || key.isBlank() || !isInput(type)) {
        continue;
      }
      JsonNode v = c.path("validate");
      Map<String, String> options = new LinkedHashMap<>();
      for (JsonNode o : c.path("values")) {
        options.put(o.path("value").asText(), o.path("label").asText());
      }
      boolean editable = !c.path("disabled").asBoolean(false) && !c.path("readonly").asBoolean(false);
      into.add(new Field(
          key,
          label(c, key, type),
          type,
          c.path(type.equals("datetime") ? "subtype" : "_none").asText(null),
          v.path("required").asBoolean(false),
          editable,
          v.has("min") ? v.path("min").asDouble() : null,
          v.has("max") ? v.path("max").asDouble() : null,
          v.has("minLength") ? v.path("minLength").asInt() : null,
          v.has("maxLength") ? v.path("maxLength").asInt() : null,
          v.hasNonNull("pattern") ? v.path("pattern").asText() : null,
          c.has("decimalDigits") ? c.path("decimalDigits").asInt() : null,
          options,
          c.path("conditional").path("hide").asText(null),
          c.path("timeSerializingFormat").asText(null)));
    }
  }

  /** form-js shows a date field's label from {@code dateLabel}, other fields' from {@code label}. */
  private static String label(JsonNode c, String key, String type) {
    String label = c.path("label").asText("");
    if (label.isBlank() && "datetime".equals(type)) {
      label = c.path("dateLabel").asText("");
    }
    return label.isBlank() ? key : label;
  }

  private static boolean isInput(String type) {
    return switch (type) {
      case "textfield", "textarea", "number", "checkbox", "radio", "select", "datetime", "checklist", "taglist" -> true;
      default -> false;
    };
  }
}
