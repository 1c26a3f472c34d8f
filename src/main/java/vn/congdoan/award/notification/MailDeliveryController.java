package vn.congdoan.award.notification;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.congdoan.award.notification.MailLog.Mail;
import vn.congdoan.award.support.Texts;

/**
 * The operators' view of the mail queue (administrators only): {@code GET /api/mail-deliveries} lists the
 * mails that need a decision ({@code FAILED}, {@code UNCERTAIN}; or {@code ?status=...}); an operator then
 * sends one again ({@code POST .../{id}/resend}) or, for an {@code UNCERTAIN} mail the recipient did get,
 * records it as delivered ({@code POST .../{id}/delivered}). Either closes the mail's Cockpit incident.
 */
@RestController
@RequestMapping("/api/mail-deliveries")
public class MailDeliveryController {
  static final int LIMIT = 500;

  /** A mail as the operators see it. */
  public record Delivery(String id, String nominationCode, String recipientEmail, String subject, String status,
      String statusName, int attempts, String lastError, Instant queuedAt, Instant lastAttemptAt,
      String checkResult, String incidentId) {}

  private final MailLog log;
  private final MailIncidents incidents;
  private final IdentityService identity;
  private final Texts texts;

  public MailDeliveryController(MailLog log, MailIncidents incidents, IdentityService identity, Texts texts) {
    this.log = log;
    this.incidents = incidents;
    this.identity = identity;
    this.texts = texts;
  }

  @GetMapping
  public ResponseEntity<?> list(@RequestParam(defaultValue = MailLog.FAILED + "," + MailLog.UNCERTAIN) String status) {
    if (!administrator()) {
      return refusal(HttpStatus.FORBIDDEN, "mail.delivery.forbidden");
    }
    List<Delivery> mails = log.withStatus(Arrays.asList(status.split(",")), LIMIT).stream().map(this::delivery).toList();
    return ResponseEntity.ok(mails);
  }

  @PostMapping("/{id}/resend")
  @Transactional
  public ResponseEntity<?> resend(@PathVariable String id) {
    return act(id, incidents::resend, "mail.delivery.notProblem");
  }

  @PostMapping("/{id}/delivered")
  @Transactional
  public ResponseEntity<?> delivered(@PathVariable String id) {
    return act(id, incidents::confirmDelivered, "mail.delivery.notUncertain");
  }

  private ResponseEntity<?> act(String id, java.util.function.Predicate<Mail> action, String refusedKey) {
    if (!administrator()) {
      return refusal(HttpStatus.FORBIDDEN, "mail.delivery.forbidden");
    }
    Mail mail = log.find(id).orElse(null);
    if (mail == null) {
      return refusal(HttpStatus.NOT_FOUND, "mail.delivery.notFound", id);
    }
    return action.test(mail) ? ResponseEntity.noContent().build()
        : refusal(HttpStatus.CONFLICT, refusedKey, id, texts.get("mail.status." + mail.status()));
  }

  private boolean administrator() {
    Authentication user = identity.getCurrentAuthentication();
    return user != null && user.getGroupIds() != null && user.getGroupIds().contains(Groups.CAMUNDA_ADMIN);
  }

  private ResponseEntity<Map<String, Object>> refusal(HttpStatus status, String key, Object... args) {
    return ResponseEntity.status(status).body(Map.of("type", "MailDeliveryRefused", "message", texts.get(key, args)));
  }

  private Delivery delivery(Mail mail) {
    return new Delivery(mail.id(), mail.nominationCode(), mail.recipientEmail(), mail.subject(), mail.status(),
        texts.get("mail.status." + mail.status()), mail.attempts(), mail.lastError(), mail.queuedAt(),
        mail.lastAttemptAt(), mail.checkResult(), mail.incidentId());
  }
}
