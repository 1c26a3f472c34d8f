package vn.congdoan.award.form;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
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
 * length, pattern, allowed options), the same rules the browser checks, because the REST API accepts any
 * variables. Fields a form hides (its {@code conditional.hide} FEEL expression is true) are not checked.
 */
@Component
public class FormValidator {
  private final Texts texts;
  private final ProcessEngineConfiguration engineConfiguration;

  public FormValidator(Texts texts, ProcessEngineConfiguration engineConfiguration) {
    this.texts = texts;
    this.engineConfiguration = engineConfiguration;
  }

  public List<String> validate(FormSchema schema, Map<String, Object> values) {
    List<String> errors = new ArrayList<>();
    for (Field field : schema.fields()) {
      if (!field.editable() || isHidden(field, values)) {
        continue;
      }
      check(field, values.get(field.key()), errors);
    }
    return errors;
  }

  private void check(Field f, Object value, List<String> errors) {
    String label = f.label();
    if (value == null || (value instanceof String s && s.isBlank())) {
      if (f.required()) {
        errors.add(texts.get("validation.required", label));
      }
      return;
    }
    if (f.isNumber()) {
      BigDecimal number = toNumber(value);
      if (number == null) {
        errors.add(texts.get("validation.type.number", label));
        return;
      }
      if (f.decimalDigits() != null && f.decimalDigits() == 0 && number.stripTrailingZeros().scale() > 0) {
        errors.add(texts.get("validation.type.integer", label));
      }
      if (f.min() != null && number.compareTo(BigDecimal.valueOf(f.min())) < 0) {
        errors.add(texts.get("validation.min", label, plain(f.min())));
      }
      if (f.max() != null && number.compareTo(BigDecimal.valueOf(f.max())) > 0) {
        errors.add(texts.get("validation.max", label, plain(f.max())));
      }
      return;
    }
    if (f.isBoolean()) {
      if (!(value instanceof Boolean)) {
        errors.add(texts.get("validation.type.boolean", label));
      }
      return;
    }
    if (f.isDate()) {
      if (!(value instanceof Date) && !(value instanceof String s && isIsoDate(s))) {
        errors.add(texts.get("validation.type.date", label));
      }
      return;
    }
    if (!(value instanceof String text)) {
      errors.add(texts.get("validation.type.text", label));
      return;
    }
    if (!f.options().isEmpty() && !f.options().containsKey(text)) {
      errors.add(texts.get("validation.option", label, text));
      return;
    }
    int length = text.codePointCount(0, text.length());
    if (f.minLength() != null && length < f.minLength()) {
      errors.add(texts.get("validation.minLength", label, f.minLength()));
    }
    if (f.maxLength() != null && length > f.maxLength()) {
      errors.add(texts.get("validation.maxLength", label, f.maxLength()));
    }
    if (f.pattern() != null && !matches(f.pattern(), text)) {
      errors.add(texts.get("validation.pattern", label));
    }
  }

  private boolean isHidden(Field field, Map<String, Object> values) {
    String condition = field.hideCondition();
    if (condition == null || condition.isBlank()) {
      return false;
    }
    String expression = condition.startsWith("=") ? condition.substring(1) : condition;
    Object result = feel().evaluateSimpleExpression(expression, Variables.fromMap(values).asVariableContext());
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

  private static String plain(Double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  private static boolean isIsoDate(String s) {
    try {
      LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
      return s.length() == 10 || s.charAt(10) == 'T';
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean matches(String pattern, String text) {
    try {
      return Pattern.compile(pattern).matcher(text).matches();
    } catch (PatternSyntaxException e) {
      return true; // a broken pattern in a form is the administrator's error, not the user's
    }
  }
}
