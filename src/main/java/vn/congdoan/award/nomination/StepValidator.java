package vn.congdoan.award.nomination;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.dmn.DecisionsEvaluationBuilder;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;
import vn.congdoan.award.form.FormSchema;
import vn.congdoan.award.form.FormValidator;
import vn.congdoan.award.form.InputValidationException;
import vn.congdoan.award.support.Texts;

/**
 * Validates what a step receives: first the rules of the step's own form, then the DMN table the
 * administrator named in the element property {@code validation} (COLLECT hit policy, output
 * {@code violation}: one Vietnamese sentence per broken rule). Throws, which rolls the step back.
 */
@Component
public class StepValidator {
  private final FormValidator formValidator;
  private final DecisionService decisionService;
  private final Texts texts;

  public StepValidator(FormValidator formValidator, DecisionService decisionService, Texts texts) {
    this.formValidator = formValidator;
    this.decisionService = decisionService;
    this.texts = texts;
  }

  public void validate(FormSchema form, String validationDecision, VariableScope scope, List<String> moreErrors) {
    List<String> errors = new ArrayList<>();
    if (form != null) {
      errors.addAll(formValidator.validate(form, scope.getVariablesTyped(false)));
    }
    errors.addAll(moreErrors);
    // Cross-field rules only make sense on values that passed the field checks; only then are the values
    // read as the rules need them (a field holding an object never reaches the deserializer).
    if (errors.isEmpty() && validationDecision != null) {
      errors.addAll(violations(validationDecision, scope.getVariables()));
    }
    if (!errors.isEmpty()) {
      throw new InputValidationException(texts.get("validation.title"), errors);
    }
  }

  List<String> violations(String decisionKey, Map<String, Object> variables) {
    DecisionsEvaluationBuilder evaluation = decisionService.evaluateDecisionByKey(decisionKey).variables(variables);
    CommandContext context = Context.getCommandContext();
    // The reviewer needs no right to evaluate decisions: the rule is part of the step, not their action.
    var result = context != null ? context.runWithoutAuthorization(evaluation::evaluate) : evaluation.evaluate();
    List<String> violations = new ArrayList<>();
    result.getResultList().forEach(row -> {
      Object v = row.get("violation");
      if (v != null && !v.toString().isBlank()) {
        violations.add(v.toString());
      }
    });
    return violations;
  }
}
