package vn.congdoan.award.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import vn.congdoan.award.web.RestEngineContext;

/**
 * The embedded default's mail path: the application's own SMTP server accepts mail for any recipient, and
 * {@code /mailbox} shows the mails of {@code mail_message} to the user they are addressed to (everything to
 * an administrator), escaped, with the HTML body only inside a sandboxed iframe.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RestEngineContext
@TestPropertySource(properties = "award.mail.embedded-server=true")
class MailboxPageTest {
  @DynamicPropertySource
  static void freePorts(DynamicPropertyRegistry registry) {
    int smtp = TestMailServer.freePort();
    int imap = TestMailServer.freePort();
    registry.add("award.mail.embedded-port", () -> smtp);
    registry.add("award.mail.embedded-imap-port", () -> imap);
  }

  static final String SCRIPT = "<script>alert(1)</script>";

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired EmbeddedMailServer smtpServer;

  String preparerMail;
  String secretariatMail;
  String preparerSubject;
  String secretariatSubject;

  @BeforeEach
  void insertMails() {
    String marker = UUID.randomUUID().toString().substring(0, 8);
    preparerSubject = "Hồ sơ " + marker + " chờ xử lý " + SCRIPT;
    secretariatSubject = "Thư cho thư ký tỉnh " + marker;
    preparerMail = insert("lap.bvdk", preparerSubject, "SENT", 1, null, Instant.now());
    secretariatMail = insert("thuky.tinh", secretariatSubject, "QUEUED", 2,
        "MailConnectException: Couldn't connect to host, port: localhost, 3025", null);
  }

  String insert(String user, String subject, String status, int attempts, String error, Instant sentAt) {
    String id = UUID.randomUUID().toString();
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.update("""
        insert into mail_message (id, nomination_code, template, event, recipient_user, recipient_email, subject,
          body_text, body_html, status, attempts, last_error, queued_at, last_attempt_at, sent_at, message_id)
        values (?, 'HS-2026-00001', 'task-waiting', 'grassrootsMeeting/create', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        id, user, user + "@congdoan-laichau.example", subject,
        "Kính gửi " + user + ",\nhồ sơ đang chờ anh/chị xử lý.",
        "<p>Kính gửi <b>" + user + "</b> \"&amp;\"</p><script>alert(2)</script>",
        status, attempts, error, now, attempts > 0 ? now : null, sentAt == null ? null : Timestamp.from(sentAt),
        "<" + id + "@test>");
    return id;
  }

  ResponseEntity<String> get(String path, String user) {
    TestRestTemplate client = user == null ? rest : rest.withBasicAuth(user, "demo");
    return client.getForEntity(path, String.class);
  }

  @org.springframework.boot.test.web.server.LocalServerPort int port;

  /** One login: the session of Tasklist's login opens the mailbox with no second login. */
  @Test
  void aUserLoggedInToTasklistOpensTheMailboxWithoutLoggingInAgain() throws Exception {
    var cookies = new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL);
    var client = java.net.http.HttpClient.newBuilder().cookieHandler(cookies)
        .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build();
    var text = java.net.http.HttpResponse.BodyHandlers.ofString();
    client.send(page("/camunda/app/tasklist/").GET().build(), text);
    String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .findFirst().orElseThrow().getValue();
    var login = client.send(page("/camunda/api/admin/auth/user/default/login/tasklist")
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=lap.bvdk&password=demo")).build(), text);
    assertThat(login.statusCode()).isEqualTo(200);

    var mailbox = client.send(page("/mailbox").GET().build(), text);
    assertThat(mailbox.statusCode()).isEqualTo(200);
    assertThat(mailbox.body()).contains("lap.bvdk").doesNotContain(secretariatSubject);
  }

  java.net.http.HttpRequest.Builder page(String path) {
    return java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path));
  }

  @Test
  void aUserSeesOnlyTheirOwnMailsEscaped() {
    ResponseEntity<String> page = get("/mailbox", "lap.bvdk");

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    String html = page.getBody();
    assertThat(html).contains("Hộp thư thử nghiệm")
        .contains("lap.bvdk@congdoan-laichau.example")
        .contains("/mailbox/" + preparerMail)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain(SCRIPT)
        .doesNotContain(secretariatSubject)
        .doesNotContain("/mailbox/" + secretariatMail);
  }

  @Test
  void aMailShowsItsHtmlBodyOnlyInASandboxedIframeAndItsTextPart() {
    ResponseEntity<String> page = get("/mailbox/" + preparerMail, "lap.bvdk");

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    String html = page.getBody();
    assertThat(html).contains("<iframe sandbox")
        .contains("srcdoc=\"&lt;p&gt;Kính gửi &lt;b&gt;lap.bvdk&lt;/b&gt; &quot;&amp;amp;&quot;&lt;/p&gt;"
            + "&lt;script&gt;alert(2)&lt;/script&gt;\"")
        .contains("hồ sơ đang chờ anh/chị xử lý.")
        .doesNotContain("<script>");
    assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("script-src 'none'");
  }

  @Test
  void someoneElsesMailIsNotFound() {
    assertThat(get("/mailbox/" + secretariatMail, "lap.bvdk").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("/mailbox/no-such-mail", "admin").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void anAdministratorSeesEveryMailWithItsDeliveryState() {
    ResponseEntity<String> page = get("/mailbox", "admin");

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("/mailbox/" + preparerMail).contains("/mailbox/" + secretariatMail)
        .contains(secretariatSubject)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain(SCRIPT)
        .contains("chưa gửi").contains("số lần thử: 2").contains("Couldn&#39;t connect to host");
    assertThat(get("/mailbox/" + secretariatMail, "admin").getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void aBrowserWithoutSessionIsSentToTheLoginPage() throws Exception {
    var http = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
    var page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(rest.getRootUri() + "/mailbox/" + preparerMail))
        .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location")).hasValueSatisfying(
        location -> assertThat(location).endsWith("/camunda/app/welcome/default/#!/login"));
    assertThat(page.headers().firstValue("WWW-Authenticate")).isEmpty();
  }

  @Test
  void anAnonymousVisitorIsAskedToLogIn() {
    ResponseEntity<String> page = get("/mailbox", null);

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(page.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    assertThat(get("/mailbox/" + preparerMail, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aWrongPasswordIsRefused() {
    // (a user no other test here logs in as: Camunda delays the next login of a user after a wrong password)
    ResponseEntity<String> page = rest.withBasicAuth("chutich.bvdk", "wrong").getForEntity("/mailbox", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void theEmbeddedSmtpServerAcceptsMailForAnyRecipient() throws Exception {
    assertThat(smtpServer.isRunning()).isTrue();
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(smtpServer.getPort());
    sender.setDefaultEncoding("UTF-8");
    String subject = "Thử SMTP nhúng " + UUID.randomUUID();
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom("khenthuong@congdoan-laichau.example");
    message.setTo("bat.ky.ai@example.org");
    message.setSubject(subject);
    message.setText("Nội dung tiếng Việt có dấu.");

    sender.send(message);

    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(received(subject)).isTrue());
  }

  @Test
  void aTakenPortLeavesTheServerStoppedWithoutFailing() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getByName(EmbeddedMailServer.BIND_ADDRESS))) {
      EmbeddedMailServer second = new EmbeddedMailServer(taken.getLocalPort());
      second.start();
      assertThat(second.isRunning()).isFalse();
      assertThat(second.receivedMessages()).isEmpty();
      second.stop();
    }
  }

  boolean received(String subject) {
    return Arrays.stream(smtpServer.receivedMessages()).anyMatch(m -> subjectOf(m).equals(subject));
  }

  static String subjectOf(MimeMessage message) {
    try {
      return String.valueOf(message.getSubject());
    } catch (Exception e) {
      return "";
    }
  }
}
