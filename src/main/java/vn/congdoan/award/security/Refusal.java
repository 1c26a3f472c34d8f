package vn.congdoan.award.security;

import org.camunda.bpm.engine.AuthorizationException;
import vn.congdoan.award.support.Causes;

/**
 * The application's own refusal of a user's action (separation of duties, a change only administrators
 * may make): a 403 whose message is Vietnamese and meant to be shown as it is.
 */
public class Refusal extends AuthorizationException {
  public Refusal(String message) {
    super(message);
  }

  /** The first Refusal in a cause chain (the engine wraps what its listeners throw), or null. */
  public static Refusal findIn(Throwable throwable) {
    return Causes.find(throwable, Refusal.class);
  }
}
