package vn.congdoan.award.form;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import vn.congdoan.award.support.Causes;

/**
 * Input that a user or a REST client sent and that breaks a rule: the messages are Vietnamese and meant to
 * be shown as they are. Thrown inside the engine's transaction, so nothing of the request is stored.
 */
public class InputValidationException extends BadUserRequestException {
  private final List<String> violations;

  public InputValidationException(String title, List<String> violations) {
    super(title + ": " + String.join(" ", violations));
    this.violations = List.copyOf(violations);
  }

  public List<String> getViolations() {
    return violations;
  }

  /** The first InputValidationException in a cause chain, or null. */
  public static InputValidationException findIn(Throwable throwable) {
    return Causes.find(throwable, InputValidationException.class);
  }
}
