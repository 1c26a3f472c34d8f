package vn.congdoan.award.nomination;

import static vn.congdoan.award.nomination.NominationVariables.*;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;
import vn.congdoan.award.form.FormSchema;
import vn.congdoan.award.form.FormValues;

/** Small facts about the dossier's variables that more than one step needs. */
final class Dossier {
  private Dossier() {}

  /**
   * A form drops the fields it hides (a collective has no leadership post) and the empty optional
   * numbers: give them the value the rules expect, so DMN tables and the read model see no nulls.
   */
  static void applyDefaults(VariableScope scope) {
    defaultTo(scope, HOLDS_LEADERSHIP_POST, false);
    defaultTo(scope, DIRECT_WORKER, false);
    defaultTo(scope, "initiativeCount", 0L);
    defaultTo(scope, "initiativeBenefit", 0L);
  }

  /**
   * A whole-number field is stored as Long whatever the client sent: Tasklist sends untyped JSON numbers,
   * which the engine stores as Integer or Long depending on their size.
   */
  static void normalizeNumbers(FormSchema form, VariableScope scope) {
    if (form == null) {
      return;
    }
    for (FormSchema.Field field : form.fields()) {
      if (field.editable() && field.isNumber() && scope.getVariable(field.key()) instanceof Number n
          && !(n instanceof Long) && n.doubleValue() == Math.rint(n.doubleValue())
          && (field.decimalDigits() == null || field.decimalDigits() == 0)) {
        scope.setVariable(field.key(), n.longValue());
      }
    }
  }

  static Optional<LocalDate> meetingDate(VariableScope scope) {
    if (FormValues.of(scope, MEETING_DATE) instanceof String s) {
      try {
        return Optional.of(LocalDate.parse(s));
      } catch (DateTimeParseException e) {
        return Optional.empty(); // the form rule reports it
      }
    }
    return Optional.empty();
  }

  /** The Vietnamese label of the chosen award form, as the form offers it. */
  static Optional<String> awardFormName(FormSchema form, VariableScope scope) {
    if (form == null) {
      return Optional.empty();
    }
    Object code = scope.getVariable(AWARD_FORM);
    return form.fields().stream()
        .filter(f -> f.key().equals(AWARD_FORM))
        .map(f -> f.options().get(String.valueOf(code)))
        .filter(label -> label != null)
        .findFirst();
  }

  /** Absent or null; a value of another type (an object, JSON) stays for the form rules to refuse. */
  private static void defaultTo(VariableScope scope, String name, Object value) {
    TypedValue current = scope.getVariableTyped(name, false);
    if (current == null || current.getType() == ValueType.NULL) {
      scope.setVariable(name, value);
    }
  }
}
