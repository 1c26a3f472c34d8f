package vn.congdoan.award.notification;

import jakarta.servlet.http.HttpServletResponse;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import vn.congdoan.award.support.BusinessClock;
import vn.congdoan.award.support.Texts;

/**
 * The embedded default's test mailbox ({@code award.mail.embedded-server=true}): the mails the application
 * queued and sent, read from {@code mail_message} (so they survive a restart, unlike the embedded SMTP
 * server's memory). Behind HTTP Basic authentication against Camunda's users (the filter registered in
 * {@code RestApiConfiguration}); a user sees the mails addressed to them, a member of {@code camunda-admin}
 * sees every mail. A mail's HTML body is shown in a sandboxed iframe (no scripts, no forms, no access to
 * this page).
 */
@Controller
@ConditionalOnProperty(name = "award.mail.embedded-server", havingValue = "true")
@RequestMapping("/mailbox")
public class MailboxController {
  static final int LIMIT = 200;
  private static final String COLUMNS = "id, nomination_code, template, event, recipient_user, recipient_email, "
      + "subject, status, attempts, last_error, queued_at, last_attempt_at, sent_at";

  /** One mail as the page shows it (times already formatted in the province's time zone). */
  public record Row(String id, String nominationCode, String template, String event, String recipientUser,
      String recipientEmail, String subject, String status, String statusName, int attempts, String lastError,
      String queuedAt, String lastAttemptAt, String sentAt) {
    public boolean sent() {
      return sentAt != null;
    }
  }

  /** A mail with its bodies. */
  public record Detail(Row row, String text, String html) {}

  private final JdbcTemplate jdbc;
  private final IdentityService identityService;
  private final EmbeddedMailServer smtpServer;
  private final DateTimeFormatter timeFormat;
  private final Texts texts;

  public MailboxController(JdbcTemplate jdbc, IdentityService identityService, EmbeddedMailServer smtpServer,
      BusinessClock clock, Texts texts) {
    this.jdbc = jdbc;
    this.texts = texts;
    this.identityService = identityService;
    this.smtpServer = smtpServer;
    this.timeFormat = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(clock.zone());
  }

  @GetMapping
  public String list(Model model, HttpServletResponse response) {
    return page(model, response, null);
  }

  @GetMapping("/{id}")
  public String show(@PathVariable String id, Model model, HttpServletResponse response) {
    return page(model, response, id);
  }

  private String page(Model model, HttpServletResponse response, String selectedId) {
    Authentication user = identityService.getCurrentAuthentication();
    if (user == null || user.getUserId() == null) { // only without the authentication filter
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
    }
    boolean admin = user.getGroupIds() != null && user.getGroupIds().contains(Groups.CAMUNDA_ADMIN);
    String owner = admin ? null : user.getUserId();

    if (selectedId != null) {
      Detail selected = find(selectedId, owner)
          .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Không có thư này"));
      model.addAttribute("selected", selected);
    }
    List<Row> mails = latest(owner);
    model.addAttribute("mails", mails);
    model.addAttribute("limited", mails.size() >= LIMIT);
    model.addAttribute("limit", LIMIT);
    model.addAttribute("userId", user.getUserId());
    model.addAttribute("admin", admin);
    model.addAttribute("smtpRunning", smtpServer.isRunning());
    model.addAttribute("smtpPort", smtpServer.getPort());
    // Mails are personal, and the page shows dossier content.
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Content-Security-Policy",
        "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'");
    return "mailbox";
  }

  private List<Row> latest(String owner) {
    String order = " order by queued_at desc, id desc fetch first " + LIMIT + " rows only";
    return owner == null
        ? jdbc.query("select " + COLUMNS + " from mail_message" + order, (rs, i) -> row(rs))
        : jdbc.query("select " + COLUMNS + " from mail_message where recipient_user = ?" + order,
            (rs, i) -> row(rs), owner);
  }

  private Optional<Detail> find(String id, String owner) {
    String sql = "select " + COLUMNS + ", body_text, body_html from mail_message where id = ?"
        + (owner == null ? "" : " and recipient_user = ?");
    Object[] args = owner == null ? new Object[] {id} : new Object[] {id, owner};
    return jdbc.query(sql, (rs, i) -> new Detail(row(rs), rs.getString("body_text"), rs.getString("body_html")),
        args).stream().findFirst();
  }

  private Row row(ResultSet rs) throws SQLException {
    String status = rs.getString("status");
    return new Row(rs.getString("id"), rs.getString("nomination_code"), rs.getString("template"),
        rs.getString("event"), rs.getString("recipient_user"), rs.getString("recipient_email"),
        rs.getString("subject"), status, statusName(status), rs.getInt("attempts"), rs.getString("last_error"),
        format(rs.getTimestamp("queued_at")), format(rs.getTimestamp("last_attempt_at")),
        format(rs.getTimestamp("sent_at")));
  }

  private String statusName(String status) {
    return status == null ? "" : texts.get("mail.status." + status);
  }

  private String format(Timestamp time) {
    return time == null ? null : timeFormat.format(time.toInstant());
  }
}
