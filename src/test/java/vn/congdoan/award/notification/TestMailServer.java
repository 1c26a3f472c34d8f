package vn.congdoan.award.notification;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real SMTP and IMAP server (GreenMail) on free ports for the mail tests, so that parallel builds do not
 * collide, with the journal mailbox of {@link MailJournal}. It can be stopped and started again on the same
 * ports (an SMTP outage).
 */
public final class TestMailServer {
  public static final String HOST = "127.0.0.1";
  public static final String JOURNAL = "journal@nhat-ky.test";
  static final String RECIPIENT_DOMAIN = "congdoan-laichau.example";

  private final int smtpPort;
  private final int imapPort;
  private GreenMail greenMail;

  private TestMailServer(GreenMail started) {
    this.greenMail = started;
    this.smtpPort = started.getSmtp().getPort();
    this.imapPort = started.getImap().getPort();
  }

  public static TestMailServer startOnFreePorts() {
    return new TestMailServer(start(0, 0));
  }

  private static GreenMail start(int smtpPort, int imapPort) {
    ServerSetup smtp = new ServerSetup(smtpPort, HOST, ServerSetup.PROTOCOL_SMTP);
    ServerSetup imap = new ServerSetup(imapPort, HOST, ServerSetup.PROTOCOL_IMAP);
    GreenMail server = new GreenMail(new ServerSetup[] {smtpPort == 0 ? smtp.dynamicPort() : smtp,
        imapPort == 0 ? imap.dynamicPort() : imap})
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    server.start();
    server.setUser(JOURNAL, "journal", "journal");
    return server;
  }

  /** Starts again on the same ports, empty. */
  public synchronized void start() {
    if (greenMail == null) {
      greenMail = start(smtpPort, imapPort);
    }
  }

  public synchronized void stop() {
    if (greenMail != null) {
      greenMail.stop();
      greenMail = null;
    }
  }

  public GreenMail greenMail() {
    return greenMail;
  }

  public int smtpPort() {
    return smtpPort;
  }

  /** The application's settings for this server: SMTP, and the journal mailbox over IMAP. */
  public Map<String, String> properties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.mail.host", HOST);
    properties.put("spring.mail.port", String.valueOf(smtpPort));
    properties.put("award.mail.journal.address", JOURNAL);
    properties.put("award.mail.journal.imap.protocol", "imap");
    properties.put("award.mail.journal.imap.host", HOST);
    properties.put("award.mail.journal.imap.port", String.valueOf(imapPort));
    properties.put("award.mail.journal.imap.username", "journal");
    properties.put("award.mail.journal.imap.password", "journal");
    return properties;
  }

  public void register(DynamicPropertyRegistry registry) {
    properties().forEach((name, value) -> registry.add(name, () -> value));
  }

  /** SMTP only: the application has no journal mailbox to check. */
  public void registerWithoutJournal(DynamicPropertyRegistry registry) {
    properties().forEach((name, value) -> registry.add(name, () -> name.equals("award.mail.journal.address") ? "" : value));
  }

  /** The same settings as command-line arguments. */
  public List<String> arguments() {
    return properties().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
  }

  /** The copies in the recipients' mailboxes (not the journal's). */
  public List<MimeMessage> delivered() {
    return received(false);
  }

  /** The copies in the journal mailbox. */
  public List<MimeMessage> journal() {
    return received(true);
  }

  private List<MimeMessage> received(boolean journal) {
    GreenMail server = greenMail;
    return server == null ? List.of()
        : server.findReceivedMessages(user -> JOURNAL.equals(user.getEmail()) == journal, message -> true).toList();
  }

  /** The recipients' copies addressed to this user of the demo data. */
  public List<MimeMessage> deliveredTo(String userId) {
    String address = userId + "@" + RECIPIENT_DOMAIN;
    return delivered().stream().filter(m -> to(m).contains(address)).toList();
  }

  public void clear() {
    try {
      greenMail.purgeEmailFromAllMailboxes();
    } catch (FolderException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A port nobody listens on now, for a server the application starts itself. */
  public static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String to(MimeMessage message) {
    try {
      return Arrays.toString(message.getRecipients(Message.RecipientType.TO));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
