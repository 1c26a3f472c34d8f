package vn.congdoan.award.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The service task {@code sendMail} of {@code mail-delivery}, run by the job executor after the step that
 * queued the mail committed. A mail already sent is not sent again (a job re-run after a crash between
 * sending and committing is the only way to get a second copy). A failure is recorded on the mail and
 * rethrown, so the engine retries it on the BPMN's retry cycle and, when retries run out, raises an
 * incident an administrator can retry in Cockpit.
 */
@Component("sendMail")
public class SendMailDelegate implements JavaDelegate {
  private final JavaMailSender sender;
  private final MailLog log;
  private final String from;

  public SendMailDelegate(JavaMailSender sender, MailLog log, @Value("${award.mail.from}") String from) {
    this.sender = sender;
    this.log = log;
    this.from = from;
  }

  @Override
  public void execute(DelegateExecution execution) throws MessagingException {
    String id = (String) execution.getVariable(Notifier.MAIL_ID);
    MailLog.Mail mail = log.find(id).orElseThrow(() -> new IllegalStateException("No mail " + id));
    if (MailLog.SENT.equals(mail.status())) {
      return;
    }
    try {
      MimeMessage message = sender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
      helper.setFrom(from);
      helper.setTo(mail.recipientEmail());
      helper.setSubject(mail.subject());
      helper.setText(mail.text(), mail.html());
      sender.send(message);
    } catch (MessagingException | RuntimeException e) {
      log.recordFailure(id, e.getClass().getSimpleName() + ": " + e.getMessage());
      throw e;
    }
    log.markSent(id);
  }
}
