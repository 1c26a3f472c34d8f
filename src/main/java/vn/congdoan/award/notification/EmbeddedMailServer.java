package vn.congdoan.award.notification;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The embedded default's mail server ({@code award.mail.embedded-server=true}): GreenMail with SMTP on
 * {@code 127.0.0.1:${award.mail.embedded-port}}, where {@code spring.mail.*} points by default, and IMAP
 * on {@code ${award.mail.embedded-imap-port}} with the journal mailbox ({@code award.mail.journal.*}, see
 * {@link MailJournal}), so that the real delivery path (queue, {@link MailDelivery}, SMTP, the check of an
 * interrupted attempt) works on a first run with nothing installed. It accepts every recipient without
 * authentication and keeps what it receives in memory only; the page {@code /mailbox}
 * ({@link MailboxController}) reads the mails from the application's own {@code mail_message} table
 * instead, so they survive a restart. (After a crash the journal is empty too, as are the mailboxes whose
 * copies it would vouch for: an interrupted attempt is then sent again, which is right here.)
 *
 * <p>It starts in an early lifecycle phase, before {@link MailDelivery} sends anything, and stops after
 * it. When a port is taken, it logs a warning and the application starts anyway: mails then go to
 * whatever listens on that port, or stay queued and are retried.
 */
@Component
@ConditionalOnProperty(name = "award.mail.embedded-server", havingValue = "true")
public class EmbeddedMailServer implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMailServer.class);
  static final String BIND_ADDRESS = "127.0.0.1";

  private final int port;
  private final int imapPort;
  private final String journalAddress;
  private final String journalUser;
  private final String journalPassword;
  private volatile GreenMail greenMail;

  @Autowired
  public EmbeddedMailServer(@Value("${award.mail.embedded-port}") int port,
      @Value("${award.mail.embedded-imap-port}") int imapPort,
      @Value("${award.mail.journal.address:}") String journalAddress,
      @Value("${award.mail.journal.imap.username:}") String journalUser,
      @Value("${award.mail.journal.imap.password:}") String journalPassword) {
    this.port = port;
    this.imapPort = imapPort;
    this.journalAddress = journalAddress;
    this.journalUser = journalUser;
    this.journalPassword = journalPassword;
  }

  /** Only SMTP, on {@code port}: for a test of the port handling. */
  EmbeddedMailServer(int port) {
    this(port, -1, "", "", "");
  }

  @Override
  public synchronized void start() {
    if (greenMail != null) {
      return;
    }
    if (!portIsFree(port) || imapPort > 0 && !portIsFree(imapPort)) {
      warnPortTaken(null);
      return;
    }
    ServerSetup smtp = new ServerSetup(port, BIND_ADDRESS, ServerSetup.PROTOCOL_SMTP);
    GreenMail server = new GreenMail(imapPort > 0
        ? new ServerSetup[] {smtp, new ServerSetup(imapPort, BIND_ADDRESS, ServerSetup.PROTOCOL_IMAP)}
        : new ServerSetup[] {smtp})
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    try {
      server.start();
      if (imapPort > 0 && !journalAddress.isBlank()) {
        server.setUser(journalAddress, journalUser, journalPassword);
      }
    } catch (RuntimeException e) { // taken between the check and the start
      try {
        server.stop();
      } catch (RuntimeException ignored) {
        // nothing to stop
      }
      warnPortTaken(e);
      return;
    }
    greenMail = server;
    LOG.info("Embedded mail server listening on {}: SMTP {}, IMAP {}; the mails the application sends are at "
        + "/mailbox (award.mail.embedded-server=false turns both off)", BIND_ADDRESS, port, imapPort);
  }

  @Override
  public synchronized void stop() {
    GreenMail server = greenMail;
    greenMail = null;
    if (server != null) {
      server.stop();
      LOG.info("Embedded SMTP server on {}:{} stopped", BIND_ADDRESS, port);
    }
  }

  /** Whether this application's SMTP server is listening (false when the port was taken). */
  @Override
  public boolean isRunning() {
    return greenMail != null;
  }

  /** Early: up before the job executor sends, down after everything else stopped. */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 1000;
  }

  public int getPort() {
    return port;
  }

  /**
   * What the server received since it started (in memory only; empty when it is not running). The
   * application's record of its mails is the {@code mail_message} table.
   */
  public MimeMessage[] receivedMessages() {
    GreenMail server = greenMail;
    return server == null ? new MimeMessage[0] : server.getReceivedMessages();
  }

  private static boolean portIsFree(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(false);
      probe.bind(new InetSocketAddress(InetAddress.getByName(BIND_ADDRESS), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void warnPortTaken(Exception cause) {
    LOG.warn("The embedded mail server is NOT started: port {} or {} on {} is already in use{}. The application runs "
        + "on; mails are delivered to whatever listens on that port, or stay queued and are retried (see "
        + "/mailbox and Cockpit incidents). Choose other ports with award.mail.embedded-port and -imap-port, or point "
        + "spring.mail.host/spring.mail.port at a real SMTP server and set award.mail.embedded-server=false.",
        port, imapPort, BIND_ADDRESS, cause == null ? "" : " (" + cause.getMessage() + ")");
  }
}
