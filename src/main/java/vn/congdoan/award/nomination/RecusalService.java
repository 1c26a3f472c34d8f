package vn.congdoan.award.nomination;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import vn.congdoan.award.form.FormValidator;
import vn.congdoan.award.form.InputValidationException;
import vn.congdoan.award.support.Texts;
import vn.congdoan.award.support.WithoutAuthorization;

/**
 * A reviewer steps aside from a step of a nomination (conflict of interest): the recusal is recorded in
 * the review trail and as a comment on the task (so Camunda's history shows it too), the task is released
 * if they held it, and from then on they cannot claim or complete that step of that nomination.
 */
@Service
public class RecusalService {
  private final TaskService tasks;
  private final IdentityService identity;
  private final NominationReadModel readModel;
  private final WithoutAuthorization withoutAuthorization;
  private final Texts texts;
  private final FormValidator formValidator;

  public RecusalService(TaskService tasks, IdentityService identity, NominationReadModel readModel,
      WithoutAuthorization withoutAuthorization, Texts texts, FormValidator formValidator) {
    this.formValidator = formValidator;
    this.tasks = tasks;
    this.identity = identity;
    this.readModel = readModel;
    this.withoutAuthorization = withoutAuthorization;
    this.texts = texts;
  }

  public void recuse(String taskId, String reason) {
    List<String> errors = reason == null || reason.isBlank() ? List.of(texts.get("recusal.reasonRequired"))
        : formValidator.textErrors(texts.get("recusal.reason"), reason, NominationReadModel.REASON_LENGTH, true);
    if (!errors.isEmpty()) {
      throw new InputValidationException(texts.get("validation.title"), errors);
    }
    Authentication auth = identity.getCurrentAuthentication();
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    if (auth == null || task == null || !concerns(task, auth)) {
      throw new WithdrawalService.WithdrawalRefused(404, texts.get("recusal.notYourTask", taskId));
    }
    withoutAuthorization.call(() -> {
      var user = identity.createUserQuery().userId(auth.getUserId()).singleResult();
      readModel.recordReview(task.getProcessInstanceId(), task.getTaskDefinitionKey(), task.getName(), taskId,
          auth.getUserId(), user == null ? null : (user.getFirstName() + " " + user.getLastName()).strip(),
          "recused", reason, null);
      tasks.createComment(taskId, task.getProcessInstanceId(), texts.get("recusal.comment", reason));
      if (auth.getUserId().equals(task.getAssignee())) {
        tasks.setAssignee(taskId, null);
      }
      return null;
    });
  }

  /** The user holds the task or is one of its candidates. */
  private boolean concerns(Task task, Authentication auth) {
    if (auth.getUserId().equals(task.getAssignee())) {
      return true;
    }
    List<String> groups = auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
    for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
      if (auth.getUserId().equals(link.getUserId()) || (link.getGroupId() != null && groups.contains(link.getGroupId()))) {
        return true;
      }
    }
    return false;
  }
}
