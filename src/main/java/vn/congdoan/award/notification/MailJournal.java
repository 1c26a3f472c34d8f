package vn.congdoan.award.notification;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.search.MessageIDTerm;
import java.util.Properties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The journal mailbox ({@code award.mail.journal.*}): every mail is also addressed to it, as a hidden
 * recipient of the same SMTP transaction, so the server that accepted a mail holds a copy there; an
 * attempt whose result is unknown is settled by searching it over IMAP for the mail's Message-ID. Off when
 * {@code award.mail.journal.address} is empty.
 *
 * <p>It must be a mailbox of the SMTP server the application sends to (or one it delivers to within
 * {@code award.mail.delivery.interrupted-after}), kept at least that long: a copy that arrives later than
 * the check would get the mail sent twice, and so would a copy deleted before it.
 */
@Component
public class MailJournal {
  private final InternetAddress address;
  private final String protocol;
  private final String host;
  private final int port;
  private final String username;
  private final String password;
  private final String folder;
  private final Session session;

  public MailJournal(@Value("${award.mail.journal.address:}") String address,
      @Value("${award.mail.journal.imap.protocol:imap}") String protocol,
      @Value("${award.mail.journal.imap.host:}") String host,
      @Value("${award.mail.journal.imap.port:-1}") int port,
      @Value("${award.mail.journal.imap.username:}") String username,
      @Value("${award.mail.journal.imap.password:}") String password,
      @Value("${award.mail.journal.imap.folder:INBOX}") String folder,
      @Value("${award.mail.journal.imap.timeout-millis:10000}") int timeoutMillis) throws AddressException {
    this.address = address.isBlank() ? null : new InternetAddress(address, true);
    this.protocol = protocol;
    this.host = host;
    this.port = port;
    this.username = username;
    this.password = password;
    this.folder = folder;
    Properties properties = new Properties();
    for (String timeout : new String[] {"connectiontimeout", "timeout", "writetimeout"}) {
      properties.put("mail." + protocol + "." + timeout, String.valueOf(timeoutMillis));
    }
    this.session = Session.getInstance(properties);
  }

  public boolean enabled() {
    return address != null;
  }

  public InternetAddress address() {
    return address;
  }

  /** Opens the mailbox for searching, read-only. */
  public Search open() throws MessagingException {
    Store store = session.getStore(protocol);
    store.connect(host, port, username, password);
    try {
      Folder opened = store.getFolder(folder);
      opened.open(Folder.READ_ONLY);
      return new Search(store, opened);
    } catch (MessagingException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** An open journal mailbox. */
  public record Search(Store store, Folder folder) implements AutoCloseable {
    /** Whether a mail with this Message-ID is in the mailbox (searched by the server). */
    public boolean contains(String messageId) throws MessagingException {
      return folder.search(new MessageIDTerm(messageId)).length > 0;
    }

    @Override
    public void close() throws MessagingException {
      try {
        folder.close(false);
      } finally {
        store.close();
      }
    }
  }
}
