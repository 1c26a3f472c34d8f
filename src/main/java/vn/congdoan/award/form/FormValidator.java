package vn.congdoan.award.form;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import vn.congdoan.award.form.FormSchema.Field;
import vn.congdoan.award.support.Texts;

/**
 * Checks submitted values against the rules of the Camunda Form they belong to (required, type, min/max,
 * length, pattern, allowed options, characters, date format), the same rules the browser checks, because
 * the REST API accepts any variables. Every field the form lets a user fill in is checked whether the form
 * shows it or not: a field the form hides (its {@code conditional.hide} FEEL expression is true) is only
 * not required. Values are read without deserializing them ({@link FormValues}).
 */
@Component
public class FormValidator {
  /**
   * The longest text the engine stores in a string variable (its {@code TEXT_} columns are
   * {@code varchar(4000)}): the limit of a text field whose form gives none. Lengths are counted in UTF-16
   * code units, as the browser counts a form's {@code maxLength} and H2 its columns; PostgreSQL counts code
   * points, never more, so a text within the limit fits both.
   */
  public static final int STORED_TEXT_LIMIT = 4000;

  /** What form-js sends for a date: {@code yyyy-MM-dd}, a real day of the calendar. */
  private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
      .withResolverStyle(ResolverStyle.STRICT);
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  /** form-js's time: {@code HH:mm}, then the zone its {@code timeSerializingFormat} asks for. */
  private static final Pattern TIME = Pattern.compile("(\\d{2}):(\\d{2})(Z|[+-]\\d{2}:\\d{2})?");

  private final Texts texts;
  private final ProcessEngineConfiguration engineConfiguration;

  public FormValidator(Texts texts, ProcessEngineConfiguration engineConfiguration) {
    this.texts = texts;
    this.engineConfiguration = engineConfiguration;
  }

  /** A whole submission: every field the form lets a user fill in, required ones included. */
  public List<String> validate(FormSchema schema, Map<String, ?> submitted) {
    Map<String, Object> values = FormValues.plainMap(submitted);
    List<String> errors = new ArrayList<>();
    for (Field field : schema.fields()) {
      if (!field.editable()) {
        continue;
      }
      Object value = values.get(field.key());
      if (isEmpty(value)) {
        if (field.required() && !isHidden(field, values)) {
          errors.add(texts.get("validation.required", field.label()));
        }
      } else {
        check(field, value, errors);
      }
    }
    return errors;
  }

  /** Values written before the submission (task variables): the rules of the fields given, none required. */
  public List<String> validateGiven(FormSchema schema, Map<String, ?> submitted) {
    List<String> errors = new ArrayList<>();
    for (Field field : schema.fields()) {
      if (field.editable() && submitted.containsKey(field.key())) {
        Object value = FormValues.plain(submitted, field.key());
        if (!isEmpty(value)) {
          check(field, value, errors);
        }
      }
    }
    return errors;
  }

  /**
   * The rules of a free text that is not on a form (a reason sent to the application's own API, a task
   * comment): characters, and at most {@code maxLength} characters.
   */
  public List<String> textErrors(String label, String text, int maxLength, boolean multiLine) {
    List<String> errors = new ArrayList<>();
    checkText(label, text, null, maxLength, multiLine, errors);
    return errors;
  }

  private static boolean isEmpty(Object value) {
    return value == null || (value instanceof String s && s.isBlank());
  }

  private void check(Field f, Object value, List<String> errors) {
    String label = f.label();
    if (value == FormValues.JAVA_SERIALIZED) {
      errors.add(texts.get("api.javaSerialization"));
      return;
    }
    if (f.isNumber()) {
      checkNumber(f, value, errors);
    } else if (f.isBoolean()) {
      if (!(value instanceof Boolean)) {
        errors.add(texts.get("validation.type.boolean", label));
      }
    } else if (f.isDate()) {
      if (!(value instanceof String s && isDateValue(f, s))) {
        errors.add(texts.get(dateMessage(f), label));
      }
    } else if (!(value instanceof String text)) {
      errors.add(texts.get("validation.type.text", label));
    } else if (!f.options().isEmpty()) {
      if (!f.options().containsKey(text)) {
        errors.add(texts.get("validation.option", label, shown(text)));
      }
    } else {
      checkText(label, text, f.minLength(), f.maxLength() != null ? f.maxLength() : STORED_TEXT_LIMIT,
          f.isMultiLine(), errors);
      if (f.pattern() != null && !matches(f.pattern(), text)) {
        errors.add(texts.get("validation.pattern", label));
      }
    }
  }

  private void checkNumber(Field f, Object value, List<String> errors) {
    String label = f.label();
    BigDecimal number = toNumber(value);
    if (number == null) {
      errors.add(texts.get("validation.type.number", label));
      return;
    }
    boolean whole = f.decimalDigits() != null && f.decimalDigits() == 0;
    if (whole && number.stripTrailingZeros().scale() > 0) {
      errors.add(texts.get("validation.type.integer", label));
    }
    // a whole number is stored as a Long: beyond its range it would silently become another number
    BigDecimal max = f.max() != null ? BigDecimal.valueOf(f.max()) : whole ? BigDecimal.valueOf(Long.MAX_VALUE) : null;
    BigDecimal min = f.min() != null ? BigDecimal.valueOf(f.min()) : whole ? BigDecimal.valueOf(Long.MIN_VALUE) : null;
    if (min != null && number.compareTo(min) < 0) {
      errors.add(texts.get("validation.min", label, plain(min)));
    }
    if (max != null && number.compareTo(max) > 0) {
      errors.add(texts.get("validation.max", label, plain(max)));
    }
  }

  private void checkText(String label, String text, Integer minLength, int maxLength, boolean multiLine,
      List<String> errors) {
    int refused = TextCharacters.firstRefused(text, multiLine);
    if (refused >= 0) {
      errors.add(!multiLine && TextCharacters.isLineBreakOrTab(refused)
          ? texts.get("validation.lineBreak", label)
          : texts.get("validation.character", label, TextCharacters.name(refused)));
    }
    if (minLength != null && text.length() < minLength) {
      errors.add(texts.get("validation.minLength", label, minLength));
    }
    if (text.length() > maxLength) {
      errors.add(texts.get("validation.maxLength", label, maxLength));
    }
  }

  /**
   * Exactly what form-js sends for the field's subtype: a date {@code 2026-11-20}; a time {@code 14:30}; a
   * date and time {@code 2026-11-20T14:30}; a time followed by the zone its {@code timeSerializingFormat}
   * asks for ({@code Z} for UTC normalized, {@code +07:00} for UTC offset, nothing without a timezone).
   */
  static boolean isDateValue(Field f, String s) {
    String subtype = f.subtype() == null ? "date" : f.subtype();
    return switch (subtype) {
      case "date" -> isDate(s);
      case "time" -> isTime(s, f.timeFormat());
      case "datetime" -> s.length() > 11 && s.charAt(10) == 'T' && isDate(s.substring(0, 10))
          && isTime(s.substring(11), f.timeFormat());
      default -> false;
    };
  }

  private static String dateMessage(Field f) {
    return f.subtype() == null || "date".equals(f.subtype()) ? "validation.type.date" : "validation.type.time";
  }

  private static boolean isDate(String s) {
    if (!DATE.matcher(s).matches()) {
      return false;
    }
    try {
      LocalDate.parse(s, ISO_DATE);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isTime(String s, String timeFormat) {
    Matcher m = TIME.matcher(s);
    if (!m.matches() || Integer.parseInt(m.group(1)) > 23 || Integer.parseInt(m.group(2)) > 59) {
      return false;
    }
    String zone = m.group(3);
    String format = timeFormat == null ? "no_timezone" : timeFormat;
    return switch (format) {
      case "utc_normalized" -> "Z".equals(zone);
      case "utc_offset" -> zone != null && !"Z".equals(zone) && isOffset(zone);
      case "no_timezone" -> zone == null;
      default -> false;
    };
  }

  private static boolean isOffset(String zone) {
    try {
      LocalTime.parse(zone.substring(1));
      return Integer.parseInt(zone.substring(1, 3)) <= 18;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** A value as a message may quote it: short, with nothing in it that could hide or break the message. */
  public static String shown(String value) {
    StringBuilder b = new StringBuilder();
    value.codePoints().limit(60).forEach(cp ->
        b.appendCodePoint(TextCharacters.firstRefused(new String(Character.toChars(cp)), false) < 0 ? cp : 0xFFFD));
    return value.codePointCount(0, value.length()) > 60 ? b + "…" : b.toString();
  }

  /** A field is hidden when its hide condition is true for the submitted values (objects count as absent). */
  private boolean isHidden(Field field, Map<String, Object> values) {
    String condition = field.hideCondition();
    if (condition == null || condition.isBlank()) {
      return false;
    }
    Map<String, Object> context = new HashMap<>();
    values.forEach((k, v) -> context.put(k, v == FormValues.NOT_PLAIN || v == FormValues.JAVA_SERIALIZED ? null : v));
    String expression = condition.startsWith("=") ? condition.substring(1) : condition;
    Object result = feel().evaluateSimpleExpression(expression, Variables.fromMap(context).asVariableContext());
    return Boolean.TRUE.equals(result);
  }

  private FeelEngine feel() {
    return ((ProcessEngineConfigurationImpl) engineConfiguration).getDmnEngineConfiguration().getFeelEngine();
  }

  private static BigDecimal toNumber(Object value) {
    if (value instanceof Number n) {
      try {
        return new BigDecimal(n.toString());
      } catch (NumberFormatException e) {
        return null; // NaN or infinity
      }
    }
    return null;
  }

  private static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  private static boolean matches(String pattern, String text) {
    try {
      return Pattern.compile(pattern).matcher(text).matches();
    } catch (PatternSyntaxException e) {
      return true; // a broken pattern in a form is the administrator's error, not the user's
    }
  }
}
