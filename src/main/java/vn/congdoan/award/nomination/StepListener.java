package vn.congdoan.award.nomination;

import static vn.congdoan.award.nomination.NominationVariables.*;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import vn.congdoan.award.form.FormSchema;
import vn.congdoan.award.form.FormValues;
import vn.congdoan.award.notification.Notifier;
import vn.congdoan.award.support.Texts;

/**
 * Attached to every user task of every process by {@link NominationParseListener}, so a review level that
 * an administrator adds in Modeler behaves like the others with no Java change.
 *
 * <p>On create: the read model's current step and status; the step's own decision fields are cleared so
 * its form starts empty; a dossier that comes back after a return goes to the reviewer who returned it.
 * On complete: the submitted values are checked against the task's form and its validation DMN, the
 * review is recorded, a return remembers its reason and reviewer. Both queue the mails of the element's
 * {@code mail.create} / {@code mail.complete} property or of the defaults (docs/design.md).
 */
@Component
public class StepListener implements TaskListener {
  /** The dossier's fields the read model keeps (a revision may change them). */
  static final java.util.Set<String> DOSSIER_FIELDS = java.util.Set.of(NOMINEE_NAME, NOMINEE_KIND, NOMINEE_POSITION,
      HOLDS_LEADERSHIP_POST, DIRECT_WORKER, AWARD_FORM, MOVEMENT, ROUND);
  /** Shown on every task card in Tasklist (see organization.TasklistFilters). */
  public static final List<String> CARD_VARIABLES =
      List.of(NOMINATION_CODE, NOMINEE_NAME, "awardFormName", GRASSROOTS_UNIT_NAME);

  private final StepValidator validator;
  private final NominationReadModel readModel;
  private final Texts texts;
  private final Notifier notifier;
  private final ReviewOpinions opinions;
  private final DuplicateWarning duplicates;

  public StepListener(StepValidator validator, NominationReadModel readModel, Texts texts, Notifier notifier,
      ReviewOpinions opinions, DuplicateWarning duplicates) {
    this.duplicates = duplicates;
    this.notifier = notifier;
    this.opinions = opinions;
    this.validator = validator;
    this.readModel = readModel;
    this.texts = texts;
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> created(task);
      case EVENTNAME_COMPLETE -> completed(task);
      default -> { }
    }
  }

  private void created(DelegateTask task) {
    String step = task.getTaskDefinitionKey();
    DelegateExecution execution = task.getExecution();
    execution.removeVariable(step + OUTCOME_SUFFIX);
    execution.removeVariable(step + REASON_SUFFIX);
    if (execution.getVariable(LAST_REVIEWER_PREFIX + step) instanceof String reviewer && task.getAssignee() == null) {
      task.setAssignee(reviewer);
    }
    // Tasklist's cards show these; a reviewer may read the task's own variables, not the whole instance's.
    // Not a field the task's form edits: a task-local copy would catch the edit and lose it at completion.
    FormSchema form = formOf(task);
    List<String> edited = form == null ? List.of() : form.editableKeys();
    for (String name : CARD_VARIABLES) {
      if (execution.getVariable(name) != null && !edited.contains(name)) {
        task.setVariableLocal(name, execution.getVariable(name));
      }
    }
    String status = ModelProperties.get(task.getBpmnModelElementInstance(), ModelProperties.STATUS).orElse("IN_REVIEW");
    readModel.stepEntered(trailOf(task), step, task.getName(), status, decidingLevel(execution));
    notifier.taskEvent(task, "create", "task-waiting:candidates", Map.of());
  }

  private void completed(DelegateTask task) {
    String step = task.getTaskDefinitionKey();
    DelegateExecution execution = task.getExecution();
    Map<String, Object> variables = FormValues.of(task);
    Object outcome = variables.get(step + OUTCOME_SUFFIX);
    Object reason = variables.get(step + REASON_SUFFIX);
    boolean needsReason = OUTCOME_RETURN.equals(outcome) || OUTCOME_REJECT.equals(outcome);
    List<String> conventionErrors = needsReason && (!(reason instanceof String r) || r.isBlank())
        ? List.of(texts.get("validation.reasonRequired")) : List.of();

    FormSchema form = formOf(task);
    String validation = ModelProperties.get(task.getBpmnModelElementInstance(), ModelProperties.VALIDATION).orElse(null);
    validator.validate(form, validation, task, conventionErrors);
    Dossier.normalizeNumbers(form, execution);
    if (form != null && form.editableKeys().contains(AWARD_FORM)) {
      Dossier.applyDefaults(execution);
    }

    String actor = actor(task);
    String reasonText = reason instanceof String r && !r.isBlank() ? r : null;
    boolean editsDossier = form != null && form.editableKeys().stream().anyMatch(DOSSIER_FIELDS::contains);
    if (execution.getVariable(NOMINATION_CODE) != null) { // a process that is not a nomination has no trail here
      String trail = trailOf(task);
      readModel.recordReview(trail, step, task.getName(), task.getId(), actor,
          nameOf(task, actor), outcome != null ? outcome.toString() : editsDossier ? "resubmitted" : "completed", reasonText,
          ReviewSnapshot.toJson(ReviewSnapshot.of(form, variables)));
      if (trail.equals(task.getProcessInstanceId())) { // the opinions shown on the nomination's own forms
        opinions.refresh(execution, trail, editsDossier);
      }
    }
    if (OUTCOME_RETURN.equals(outcome)) {
      execution.setVariable(RETURN_REASON, reasonText);
      execution.setVariable(RETURNED_FROM, step);
      execution.setVariable(RETURNED_FROM_NAME, task.getName());
      if (actor != null) {
        execution.setVariable(LAST_REVIEWER_PREFIX + step, actor);
      }
    } else if (OUTCOME_REJECT.equals(outcome)) {
      execution.setVariable(OUTCOME_REASON, reasonText);
    }
    if (editsDossier) {
      syncDossier(task.getProcessInstanceId(), execution); // only a step that edits the dossier changes it
      duplicates.refresh(execution, task.getProcessInstanceId());
    }
    String defaultMail = needsReason || OUTCOME_APPROVE.equals(outcome)
        ? "review-" + outcome + ":preparer,chair" : null;
    notifier.taskEvent(task, "complete", defaultMail, Map.of());
  }

  /**
   * The nomination whose trail and read model the step belongs to: its own process instance, or the one named
   * by {@link NominationVariables#NOMINATION_INSTANCE} in a process that acts on a nomination (a council
   * session's ballot on a candidate).
   */
  static String trailOf(DelegateTask task) {
    return task.getExecution().getVariable(NOMINATION_INSTANCE) instanceof String nomination
        ? nomination : task.getProcessInstanceId();
  }

  private static FormSchema formOf(DelegateTask task) {
    return vn.congdoan.award.form.TaskForms.schemaOf(task);
  }


  private static String actor(DelegateTask task) {
    Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return auth != null && auth.getUserId() != null ? auth.getUserId() : task.getAssignee();
  }

  /** The actor's full name as the identity service knows it now; kept with the review. */
  static String nameOf(DelegateTask task, String userId) {
    if (userId == null) {
      return null;
    }
    var user = task.getProcessEngineServices().getIdentityService().createUserQuery().userId(userId).singleResult();
    return user == null ? null : (user.getFirstName() + " " + user.getLastName()).strip();
  }

  static String decidingLevel(DelegateExecution execution) {
    return execution.getVariable(AUTHORITY) instanceof Map<?, ?> authority
        && authority.get(DECIDING_LEVEL) instanceof String level ? level : null;
  }

  /** A revision may change the dossier: the read model follows. */
  private void syncDossier(String processInstanceId, DelegateExecution execution) {
    Map<String, Object> v = execution.getVariables();
    if (!(v.get(NOMINEE_NAME) instanceof String name)) {
      return;
    }
    Object roundYear = v.get(ROUND_YEAR);
    readModel.updateDossier(processInstanceId, name, (String) v.get(NOMINEE_KIND), (String) v.get(NOMINEE_POSITION),
        Boolean.TRUE.equals(v.get(HOLDS_LEADERSHIP_POST)), Boolean.TRUE.equals(v.get(DIRECT_WORKER)),
        (String) v.get(AWARD_FORM), (String) v.get(MOVEMENT), (String) v.get(ROUND),
        roundYear instanceof Number n ? n.intValue() : 0);
  }
}
