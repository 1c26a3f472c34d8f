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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The embedded default's SMTP server ({@code award.mail.embedded-server=true}): a GreenMail SMTP server on
 * {@code 127.0.0.1:${award.mail.embedded-port}}, where {@code spring.mail.*} points by default, so that
 * the real delivery path (queue, {@code mail-delivery} job, {@link SendMailDelegate}, SMTP) works on a
 * first run with nothing installed. It accepts every recipient without authentication and keeps what it
 * receives in memory only; the page {@code /mailbox} ({@link MailboxController}) reads the mails from the
 * application's own {@code mail_message} table instead, so they survive a restart.
 *
 * <p>It starts in an early lifecycle phase, before the Camunda job executor (started when the process
 * application has started, after the context's refresh) sends anything, and stops on shutdown. When the
 * port is taken, it logs a warning and the application starts anyway: mails then go to whatever listens on
 * that port, or stay queued and are retried by the job executor.
 */
@Component
@ConditionalOnProperty(name = "award.mail.embedded-server", havingValue = "true")
public class EmbeddedMailServer implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMailServer.class);
  static final String BIND_ADDRESS = "127.0.0.1";

  private final int port;
  private volatile GreenMail greenMail;

  public EmbeddedMailServer(@Value("${award.mail.embedded-port}") int port) {
    this.port = port;
  }

  @Override
  public synchronized void start() {
    if (greenMail != null) {
      return;
    }
    if (!portIsFree()) {
      warnPortTaken(null);
      return;
    }
    GreenMail server = new GreenMail(new ServerSetup(port, BIND_ADDRESS, ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    try {
      server.start();
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
    LOG.info("Embedded SMTP server listening on {}:{}; the mails the application sends are at /mailbox "
        + "(award.mail.embedded-server=false turns both off)", BIND_ADDRESS, port);
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

  private boolean portIsFree() {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(false);
      probe.bind(new InetSocketAddress(InetAddress.getByName(BIND_ADDRESS), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void warnPortTaken(Exception cause) {
    LOG.warn("The embedded SMTP server is NOT started: port {} on {} is already in use{}. The application runs "
        + "on; mails are delivered to whatever listens on that port, or stay queued and are retried (see "
        + "/mailbox and Cockpit incidents). Choose another port with award.mail.embedded-port, or point "
        + "spring.mail.host/spring.mail.port at a real SMTP server and set award.mail.embedded-server=false.",
        port, BIND_ADDRESS, cause == null ? "" : " (" + cause.getMessage() + ")");
  }
}
