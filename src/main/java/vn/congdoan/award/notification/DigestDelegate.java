package vn.congdoan.award.notification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The service task of {@code mail-digest}: the mails held for users who chose the daily digest are
 * gathered into one mail per user, which is then delivered like any other. One transaction: a held mail is
 * marked as carried by its digest in the same commit that queues the digest.
 */
@Component("sendDigests")
public class DigestDelegate implements JavaDelegate {
  private final MailLog log;
  private final MailTemplates templates;
  private final Notifier notifier;
  private final String baseUrl;
  private final MailRecipients recipients;

  public DigestDelegate(MailLog log, MailTemplates templates, Notifier notifier, MailRecipients recipients,
      @Value("${award.base-url}") String baseUrl) {
    this.recipients = recipients;
    this.log = log;
    this.templates = templates;
    this.notifier = notifier;
    this.baseUrl = baseUrl;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, List<Map<String, Object>>> byRecipient = new LinkedHashMap<>();
    for (Map<String, Object> row : log.held()) {
      byRecipient.computeIfAbsent((String) row.get("recipient_email"), k -> new ArrayList<>()).add(row);
    }
    byRecipient.forEach((email, rows) -> {
      List<Map<String, Object>> items = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (Map<String, Object> row : rows) {
        Map<String, Object> item = new HashMap<>();
        item.put("subject", row.get("subject"));
        item.put("nominationCode", row.get("nomination_code"));
        item.put("taskLink", row.get("task_id") == null ? null
            : baseUrl + "/camunda/app/tasklist/default/#/?task=" + row.get("task_id"));
        items.add(item);
        ids.add((String) row.get("id"));
      }
      String user = (String) rows.get(0).get("recipient_user");
      Map<String, Object> model = new HashMap<>();
      model.put("items", items);
      MailRecipients.Recipient recipient = user == null ? null : recipients.recipient(user);
      model.put("recipientName", recipient == null ? user : recipient.name());
      model.put("appLink", baseUrl + "/camunda/app/tasklist/");
      MailTemplates.Rendered digest = templates.render("digest", model);
      String digestId = log.insert(null, null, "digest", "mail-digest", null, user, email, digest, MailLog.QUEUED);
      log.markDigested(ids, digestId);
      notifier.deliver(digestId);
    });
  }
}
