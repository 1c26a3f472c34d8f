package vn.congdoan.award.council;

import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.congdoan.award.form.FormValidator;
import vn.congdoan.award.form.InputValidationException;
import vn.congdoan.award.nomination.NominationReadModel;
import vn.congdoan.award.support.BusinessClock;
import vn.congdoan.award.support.Texts;
import vn.congdoan.award.support.WithoutAuthorization;

/**
 * Complaints on a candidate during the public notice of the candidate list ({@code nomination_complaint}):
 * anyone whose scope covers the nomination files one on its page while its status is {@code PUBLIC_NOTICE}
 * (who complains, and what); the filing is a line of the trail. The model asks {@code ${complaints.open(…)}}
 * when the notice ends; the task {@code complaintResolution} shows them ({@code ${complaints.describe(…)}},
 * variable {@code complaintsText}) and, when it ends, marks them resolved ({@code ${complaints.resolve(…)}}):
 * the secretariat's outcome and reason are that step's review.
 */
@Component("complaints")
public class Complaints {
  static final int NAME_LENGTH = 200;
  static final int CONTENT_LENGTH = 4000;
  /** Complaints are taken while the candidate list is public. */
  static final String OPEN_STATUS = "PUBLIC_NOTICE";

  private final JdbcTemplate jdbc;
  private final NominationReadModel readModel;
  private final FormValidator formValidator;
  private final IdentityService identity;
  private final WithoutAuthorization withoutAuthorization;
  private final BusinessClock clock;
  private final Texts texts;
  private final DateTimeFormatter time;

  public Complaints(JdbcTemplate jdbc, NominationReadModel readModel, FormValidator formValidator,
      IdentityService identity, WithoutAuthorization withoutAuthorization, BusinessClock clock, Texts texts) {
    this.jdbc = jdbc;
    this.readModel = readModel;
    this.formValidator = formValidator;
    this.identity = identity;
    this.withoutAuthorization = withoutAuthorization;
    this.clock = clock;
    this.texts = texts;
    this.time = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(clock.zone());
  }

  /** Whether complaints on this nomination (a read-model row) are taken now. */
  public boolean mayFile(Map<String, Object> nomination) {
    return OPEN_STATUS.equals(nomination.get("status")) && nomination.get("ended_at") == null;
  }

  /**
   * Files a complaint for the current user on a nomination of their scope (the caller checked the scope).
   *
   * @throws InputValidationException with the Vietnamese reasons when a field breaks a rule or the notice is over
   */
  public void file(Map<String, Object> nomination, String complainantName, String content) {
    List<String> errors = new ArrayList<>();
    errors.addAll(formValidator.textErrors(texts.get("complaint.name"), complainantName, NAME_LENGTH, false));
    errors.addAll(formValidator.textErrors(texts.get("complaint.content"), content, CONTENT_LENGTH, true));
    if (complainantName == null || complainantName.isBlank() || content == null || content.isBlank()) {
      errors.add(0, texts.get("complaint.required"));
    }
    if (!mayFile(nomination)) {
      errors.add(texts.get("complaint.closed"));
    }
    if (!errors.isEmpty()) {
      throw new InputValidationException(texts.get("validation.title"), errors);
    }
    Authentication auth = identity.getCurrentAuthentication();
    String user = auth.getUserId();
    var u = withoutAuthorization.call(() -> identity.createUserQuery().userId(user).singleResult());
    String userName = u == null ? null : (u.getFirstName() + " " + u.getLastName()).strip();
    String pi = (String) nomination.get("process_instance_id");
    jdbc.update("""
        insert into nomination_complaint (id, process_instance_id, complainant_name, content, filed_by, filed_by_name,
          filed_at) values (?, ?, ?, ?, ?, ?, ?)""",
        UUID.randomUUID().toString(), pi, complainantName.strip(), content.strip(), user, userName,
        Timestamp.from(clock.now()));
    // the trail's reason column holds 2,000 characters; the whole complaint is in its own table and on the page
    String trail = texts.get("complaint.trail", complainantName.strip(), content.strip());
    if (trail.length() > NominationReadModel.REASON_LENGTH) {
      trail = trail.substring(0, NominationReadModel.REASON_LENGTH - 1) + "…";
    }
    readModel.recordReview(pi, "publicNotice", texts.get("complaint.step"), null, user, userName, "complaint", trail,
        null);
  }

  /** The nomination's complaints, oldest first (for its page). */
  public List<Map<String, Object>> of(String processInstanceId) {
    return jdbc.queryForList("select * from nomination_complaint where process_instance_id = ? order by filed_at, id",
        processInstanceId);
  }

  /** How many complaints on the nomination wait for the secretariat. */
  public long open(DelegateExecution execution) {
    Long n = jdbc.queryForObject("select count(*) from nomination_complaint where process_instance_id = ? "
        + "and resolved_at is null", Long.class, execution.getProcessInstanceId());
    return n == null ? 0 : n;
  }

  /** The unresolved complaints as the resolution task's form shows them. */
  public void describe(DelegateExecution execution) {
    StringBuilder out = new StringBuilder();
    for (Map<String, Object> c : jdbc.queryForList("select * from nomination_complaint where process_instance_id = ? "
        + "and resolved_at is null order by filed_at, id", execution.getProcessInstanceId())) {
      out.append(texts.get("complaint.line", c.get("complainant_name"),
          time.format(((Timestamp) c.get("filed_at")).toInstant()), c.get("content"))).append("\n\n");
    }
    execution.setVariable("complaintsText", out.toString().strip());
  }

  /**
   * The resolution task ended: the complaints it showed are resolved (none can come meanwhile: the notice is
   * over once the task exists; the model asks again anyway before the nomination moves on).
   */
  public void resolve(DelegateExecution execution) {
    jdbc.update("update nomination_complaint set resolved_at = ? where process_instance_id = ? and resolved_at is null",
        Timestamp.from(clock.now()), execution.getProcessInstanceId());
  }
}
