package vn.congdoan.award.nomination;

import static vn.congdoan.award.nomination.NominationVariables.*;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Service;
import vn.congdoan.award.form.FormValidator;
import vn.congdoan.award.form.InputValidationException;
import vn.congdoan.award.organization.UserUnits;
import vn.congdoan.award.support.Texts;
import vn.congdoan.award.support.WithoutAuthorization;

/**
 * The grassroots unit withdraws a nomination that is not yet decided: the preparer or the chair of the
 * nominee's unit sends the BPMN message {@code nominationWithdrawn}, which only the undecided part of
 * the process listens to.
 */
@Service
public class WithdrawalService {
  /** Why a withdrawal was refused; the message is Vietnamese. */
  public static class WithdrawalRefused extends RuntimeException {
    private final int status;

    public WithdrawalRefused(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final RuntimeService runtime;
  private final IdentityService identity;
  private final NominationReadModel readModel;
  private final UserUnits userUnits;
  private final Texts texts;
  private final WithoutAuthorization withoutAuthorization;
  private final FormValidator formValidator;

  public WithdrawalService(RuntimeService runtime, IdentityService identity, NominationReadModel readModel,
      UserUnits userUnits, Texts texts, WithoutAuthorization withoutAuthorization, FormValidator formValidator) {
    this.formValidator = formValidator;
    this.withoutAuthorization = withoutAuthorization;
    this.runtime = runtime;
    this.identity = identity;
    this.readModel = readModel;
    this.userUnits = userUnits;
    this.texts = texts;
  }

  public void withdraw(String nominationCode, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new InputValidationException(texts.get("validation.title"), List.of(texts.get("withdrawal.reasonRequired")));
    }
    List<String> errors = formValidator.textErrors(texts.get("withdrawal.reason"), reason,
        NominationReadModel.REASON_LENGTH, true);
    if (!errors.isEmpty()) {
      throw new InputValidationException(texts.get("validation.title"), errors);
    }
    Map<String, Object> nomination = readModel.findByCode(nominationCode)
        .orElseThrow(() -> new WithdrawalRefused(404, texts.get("withdrawal.notFound", nominationCode)));
    if (!mayWithdraw(nomination)) {
      throw new WithdrawalRefused(403, texts.get("withdrawal.notAllowed", nominationCode));
    }
    String processInstanceId = (String) nomination.get("process_instance_id");
    try {
      // the permission was checked above against the nominee's unit; reviewers' rights are not needed
      withoutAuthorization.call(() -> runtime.createMessageCorrelation(WITHDRAWAL_MESSAGE)
          .processInstanceId(processInstanceId)
          .setVariable(WITHDRAWAL_REASON, reason)
          .correlateWithResult());
    } catch (MismatchingMessageCorrelationException alreadyDecided) {
      throw new WithdrawalRefused(409, texts.get("withdrawal.notWithdrawable", nominationCode));
    }
  }

  /**
   * Whether the current user acts for the nominee's unit as its preparer or chair, who may withdraw its
   * nominations (while undecided: the process says when).
   */
  public boolean mayWithdraw(Map<String, Object> nomination) {
    return withdrawingUnits().contains((String) nomination.get("unit_code")); // JdbcTemplate rows ignore case
  }

  /** The units whose nominations the current user may withdraw (as their preparer or chair). */
  public java.util.Set<String> withdrawingUnits() {
    Authentication auth = identity.getCurrentAuthentication();
    String user = auth == null ? null : auth.getUserId();
    if (user == null) {
      return java.util.Set.of();
    }
    java.util.Set<String> units = new java.util.TreeSet<>(userUnits.unitsOf(user, "preparer"));
    units.addAll(userUnits.unitsOf(user, "chair"));
    return units;
  }
}
