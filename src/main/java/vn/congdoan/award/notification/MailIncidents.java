package vn.congdoan.award.notification;

import java.util.ArrayList;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.congdoan.award.notification.MailLog.Mail;
import vn.congdoan.award.support.Texts;

/**
 * A {@code FAILED} or {@code UNCERTAIN} mail is an incident of type {@value #TYPE} in Cockpit, on the
 * nomination where it waits now, with the mail's id as its configuration and a Vietnamese message that
 * says what to do. Resolving the incident ({@code DELETE /engine-rest/incident/{id}}) sends the mail again.
 * When the nomination moves on, the engine deletes the incident with the step's execution, and the next
 * delivery round raises it again at the new step. A mail of a nomination that has ended (or of no
 * nomination: a digest) has nowhere to be shown in Cockpit; the operators' list
 * ({@code GET /api/mail-deliveries}) shows every such mail.
 */
@Component
public class MailIncidents extends AbstractProcessEnginePlugin {
  public static final String TYPE = "mailDelivery";
  private static final int MESSAGE_LENGTH = 4000; // ACT_RU_INCIDENT.INCIDENT_MSG_

  private final MailLog log;
  private final RuntimeService runtime;
  private final Texts texts;
  private final TransactionTemplate transaction;

  public MailIncidents(MailLog log, @Lazy RuntimeService runtime, Texts texts, PlatformTransactionManager transactions) {
    this.log = log;
    this.runtime = runtime;
    this.texts = texts;
    this.transaction = new TransactionTemplate(transactions);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomIncidentHandlers() == null) {
      configuration.setCustomIncidentHandlers(new ArrayList<>());
    }
    configuration.getCustomIncidentHandlers().add(new Handler(log));
  }

  /** Raises the incidents that are wanted: a new problem mail, or one whose nomination moved on. */
  public void raiseWanted() {
    for (Mail mail : log.wantingIncident()) {
      transaction.executeWithoutResult(status -> {
        if (!log.takeIncidentRequest(mail.id())) {
          return; // another sending thread or node raises it
        }
        String execution = mail.processInstanceId() == null ? null : waitingExecution(mail.processInstanceId());
        String incident = execution == null ? null
            : runtime.createIncident(TYPE, execution, mail.id(), message(mail)).getId();
        log.incidentRaised(mail.id(), incident);
      });
    }
  }

  /** An operator's resend: through the mail's open incident (its resolution resends), else directly. */
  public boolean resend(Mail mail) {
    if (!MailLog.FAILED.equals(mail.status()) && !MailLog.UNCERTAIN.equals(mail.status())) {
      return false;
    }
    if (openIncident(mail)) {
      runtime.resolveIncident(mail.incidentId());
      return true;
    }
    return log.resend(mail.id());
  }

  /** An operator's word that an UNCERTAIN mail arrived; its incident closes (nothing is sent). */
  public boolean confirmDelivered(Mail mail) {
    if (!log.confirmDelivered(mail.id())) {
      return false;
    }
    if (openIncident(mail)) {
      runtime.resolveIncident(mail.incidentId());
    }
    return true;
  }

  private boolean openIncident(Mail mail) {
    return mail.incidentId() != null && runtime.createIncidentQuery().incidentId(mail.incidentId()).count() > 0;
  }

  private String message(Mail mail) {
    String key = MailLog.FAILED.equals(mail.status()) ? "mail.incident.failed" : "mail.incident.uncertain";
    String message = texts.get(key, mail.subject(), mail.recipientEmail(), mail.attempts(),
        mail.lastError() == null ? "" : mail.lastError(), mail.id());
    return message.length() > MESSAGE_LENGTH ? message.substring(0, MESSAGE_LENGTH) : message;
  }

  /** An execution of the instance that is at an activity (a waiting task or job), or null when it has ended. */
  private String waitingExecution(String processInstanceId) {
    ActivityInstance root = runtime.getActivityInstance(processInstanceId);
    return root == null ? null : leaf(root);
  }

  private static String leaf(ActivityInstance scope) {
    for (TransitionInstance waiting : scope.getChildTransitionInstances()) {
      return waiting.getExecutionId();
    }
    for (ActivityInstance child : scope.getChildActivityInstances()) {
      String execution = child.getChildActivityInstances().length == 0 && child.getChildTransitionInstances().length == 0
          ? child.getExecutionIds()[0] : leaf(child);
      if (execution != null) {
        return execution;
      }
    }
    return null;
  }

  /** The engine's side: resolving sends the mail again; deleting (the step ended) asks for a new incident. */
  static final class Handler extends DefaultIncidentHandler {
    private final MailLog log;

    Handler(MailLog log) {
      super(TYPE);
      this.log = log;
    }

    @Override
    public void resolveIncident(IncidentContext context) {
      log.resend(context.getConfiguration());
      super.resolveIncident(context);
    }

    @Override
    public void deleteIncident(IncidentContext context) {
      super.deleteIncident(context);
      log.incidentGone(context.getConfiguration());
    }
  }
}
