package vn.congdoan.award.notification;

import static vn.congdoan.award.nomination.NominationVariables.*;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.congdoan.award.nomination.ModelProperties;
import vn.congdoan.award.support.BusinessClock;
import vn.congdoan.award.support.Texts;

/**
 * Queues the mails an element's {@code mail.<event>} property asks for (see docs/design.md,
 * "Notifications"), inside the step's transaction: rendered now and stored in {@code mail_message}, one
 * row a mail, which {@link MailDelivery} sends once the step has committed. Nothing is sent here, so a
 * slow or failing SMTP server can neither slow nor roll back a step.
 */
@Component
public class Notifier {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private final MailTemplates templates;
  private final MailRecipients recipients;
  private final MailLog log;
  private final MailPreferences preferences;
  private final BusinessClock clock;
  private final Texts texts;
  private final String baseUrl;

  public Notifier(MailTemplates templates, MailRecipients recipients, MailLog log, MailPreferences preferences,
      BusinessClock clock, Texts texts, @Value("${award.base-url}") String baseUrl) {
    this.templates = templates;
    this.recipients = recipients;
    this.log = log;
    this.preferences = preferences;
    this.clock = clock;
    this.texts = texts;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** A task event: the task's property {@code mail.<event>}, else {@code defaultSpec}. */
  public void taskEvent(DelegateTask task, String event, String defaultSpec, Map<String, Object> extra) {
    String spec = ModelProperties.get(task.getBpmnModelElementInstance(), "mail." + event).orElse(defaultSpec);
    queue(spec, task.getExecution(), task, task.getTaskDefinitionKey() + "/" + event, task.getName(), extra);
  }

  /** An execution event of any flow node: only when the element has the property {@code mail.<event>}. */
  public void executionEvent(DelegateExecution execution, String event) {
    BaseElement element = execution.getBpmnModelElementInstance();
    ModelProperties.get(element, "mail." + event).ifPresent(spec -> {
      Map<String, Object> extra = new HashMap<>();
      ModelProperties.get(element, ModelProperties.REASON).ifPresent(reason -> extra.put("reason", reason));
      queue(spec, execution, null, execution.getCurrentActivityId() + "/" + event,
          execution.getCurrentActivityName(), extra);
    });
  }

  private void queue(String spec, DelegateExecution execution, DelegateTask task, String event, String stepName,
      Map<String, Object> extra) {
    if (spec == null || spec.isBlank() || "none".equals(spec.trim())) {
      return;
    }
    CommandContext context = Context.getCommandContext();
    Runnable work = () -> {
      for (String part : spec.split(";")) {
        int colon = part.indexOf(':');
        if (colon < 0) {
          throw new IllegalArgumentException("mail property '" + part + "' is not <template>:<recipients>");
        }
        String template = part.substring(0, colon).trim();
        for (MailRecipients.Recipient to : recipients.resolve(part.substring(colon + 1), execution, task)) {
          queueOne(template, to, execution, task, event, stepName, extra);
        }
      }
    };
    // Reading other people's groups is the system's doing, not the acting user's: their rights do not
    // matter here.
    context.runWithoutAuthorization(() -> {
      work.run();
      return null;
    });
  }

  private void queueOne(String template, MailRecipients.Recipient to, DelegateExecution execution, DelegateTask task,
      String event, String stepName, Map<String, Object> extra) {
    Map<String, Object> model = model(execution, task, stepName);
    model.putAll(extra);
    model.put("recipientName", to.name());
    MailTemplates.Rendered mail = templates.render(template, model);
    log.insert(execution.getProcessInstanceId(), (String) model.get("nominationCode"), template, event,
        task == null ? null : task.getId(), to.userId(), to.email(), mail,
        preferences.wantsDigest(to.userId()) ? MailLog.HELD : MailLog.QUEUED);
  }

  private Map<String, Object> model(DelegateExecution execution, DelegateTask task, String stepName) {
    Map<String, Object> m = new HashMap<>();
    m.put("nominationCode", execution.getVariable(NOMINATION_CODE));
    m.put("nomineeName", execution.getVariable(NOMINEE_NAME));
    m.put("awardFormName", execution.getVariable("awardFormName"));
    m.put("unitName", execution.getVariable(GRASSROOTS_UNIT_NAME));
    m.put("superiorUnitName", execution.getVariable(SUPERIOR_UNIT_NAME));
    m.put("stepName", stepName);
    m.put("appLink", baseUrl + "/camunda/app/tasklist/");
    if (task != null) {
      m.put("taskLink", baseUrl + "/camunda/app/tasklist/default/#/?task=" + task.getId());
      m.put("dueDate", day(task.getDueDate()));
      if (task.getDueDate() != null) {
        long days = java.time.temporal.ChronoUnit.DAYS.between(
            LocalDate.ofInstant(task.getDueDate().toInstant(), clock.zone()), clock.today());
        m.put("daysOverdue", Math.max(days, 0));
      }
      Object reason = execution.getVariable(task.getTaskDefinitionKey() + REASON_SUFFIX);
      if (reason instanceof String r && !r.isBlank()) {
        m.put("reason", r);
      }
    }
    m.putIfAbsent("reason", firstText(execution, OUTCOME_REASON, WITHDRAWAL_REASON, RETURN_REASON));
    m.put("decisionNumber", execution.getVariable(DECISION_NUMBER));
    Object decisionDate = execution.getVariable(DECISION_DATE);
    m.put("decisionDate", decisionDate instanceof String s && s.length() >= 10 ? LocalDate.parse(s.substring(0, 10)).format(DAY) : null);
    Object money = execution.getVariable(AWARD_MONEY);
    m.put("awardMoney", money instanceof Number n ? money(n.longValue()) : null);
    // a council session's own mails (template session-opened)
    for (String name : List.of("sessionCode", "sessionRoundName", "sessionAgendaSize")) {
      m.put(name, execution.getVariable(name));
    }
    Object national = execution.getVariable("nationalResultOutcome");
    if (national instanceof String s) {
      m.put("outcomeName", texts.get("mail.outcome." + s));
    }
    return m;
  }

  private String day(Date date) {
    return date == null ? null : LocalDate.ofInstant(date.toInstant(), clock.zone()).format(DAY);
  }

  static String money(long vnd) {
    return NumberFormat.getIntegerInstance(Locale.forLanguageTag("vi-VN")).format(vnd) + " đ";
  }

  private static String firstText(VariableScope scope, String... names) {
    for (String name : names) {
      if (scope.getVariable(name) instanceof String s && !s.isBlank()) {
        return s;
      }
    }
    return null;
  }
}
