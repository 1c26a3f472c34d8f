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
 * gathered into one mail per user, queued like any other. One transaction: a held mail is marked as carried
 * by its digest in the same commit that queues the digest.
 */
@Component("sendDigests")
public class DigestDelegate implements JavaDelegate {
  private final MailLog log;
  private final MailTemplates templates;
  private final String baseUrl;
  private final MailRecipients recipients;

  public DigestDelegate(MailLog log, MailTemplates templates, MailRecipients recipients,
      @Value("${award.base-url}") String baseUrl) {
    this.recipients = recipients;
    this.log = log;
    this.templates = templates;
    this.baseUrl = baseUrl;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, List<MailLog.Mail>> byRecipient = new LinkedHashMap<>();
    for (MailLog.Mail mail : log.held()) {
      byRecipient.computeIfAbsent(mail.recipientEmail(), k -> new ArrayList<>()).add(mail);
    }
    byRecipient.forEach((email, mails) -> {
      List<Map<String, Object>> items = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (MailLog.Mail mail : mails) {
        Map<String, Object> item = new HashMap<>();
        item.put("subject", mail.subject());
        item.put("nominationCode", mail.nominationCode());
        item.put("taskLink", mail.taskId() == null ? null
            : baseUrl + "/camunda/app/tasklist/default/#/?task=" + mail.taskId());
        items.add(item);
        ids.add(mail.id());
      }
      String user = mails.get(0).recipientUser();
      Map<String, Object> model = new HashMap<>();
      model.put("items", items);
      MailRecipients.Recipient recipient = user == null ? null : recipients.recipient(user);
      model.put("recipientName", recipient == null ? user : recipient.name());
      model.put("appLink", baseUrl + "/camunda/app/tasklist/");
      MailTemplates.Rendered digest = templates.render("digest", model);
      String digestId = log.insert(null, null, "digest", "mail-digest", null, user, email, digest, MailLog.QUEUED);
      log.markDigested(ids, digestId);
    });
  }
}
