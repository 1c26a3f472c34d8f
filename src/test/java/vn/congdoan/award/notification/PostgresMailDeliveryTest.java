package vn.congdoan.award.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.congdoan.award.TestPostgres;
import vn.congdoan.award.notification.MailLog.Mail;

/**
 * The queue's guarantees on a real PostgreSQL (where claims skip the rows another node has locked), and
 * what happens when the commit that marks a sent mail fails: the node remembers it and records it when the
 * database answers again, without sending it twice and before any check.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresMailDeliveryTest extends MailDeliveryTest {
  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    TestPostgres.register(registry, "mail_delivery");
  }

  @Test
  void aSentMailWhoseSentMarkCannotBeCommittedIsRecordedWhenTheDatabaseAnswersAgain() {
    // the database refuses the SENT mark while refuse_sent_mark has a row
    jdbc.execute("create table refuse_sent_mark (since timestamp)");
    jdbc.execute("""
        create function refuse_sent_mark() returns trigger language plpgsql as $$
        begin
          if new.status = 'SENT' and exists (select 1 from refuse_sent_mark) then
            raise exception 'the database is away';
          end if;
          return new;
        end $$""");
    jdbc.execute("create trigger refuse_sent_mark before update on mail_message for each row "
        + "execute function refuse_sent_mark()");
    try {
      jdbc.update("insert into refuse_sent_mark values (now())");
      ProcessInstance pi = start("lap.bvdk", dossier("giay-khen"));
      assertThatThrownBy(delivery::deliverDue).isInstanceOf(DataAccessException.class);
      Mail mail = onlyMailOf(pi);
      assertThat(mail.status()).isEqualTo(MailLog.SENDING);
      assertThat(deliveredIds()).containsExactly(mail.messageId());

      jdbc.update("delete from refuse_sent_mark");
      setClock(NOW.plusSeconds(120)); // past the attempt's time: still no check, the node knows
      delivery.deliverDue();

      Mail recorded = log.find(mail.id()).orElseThrow();
      assertThat(recorded.status()).isEqualTo(MailLog.SENT);
      assertThat(recorded.checkResult()).isNull();
      assertThat(deliveredIds()).containsExactly(mail.messageId());
    } finally {
      jdbc.execute("drop trigger refuse_sent_mark on mail_message");
      jdbc.execute("drop function refuse_sent_mark()");
      jdbc.execute("drop table refuse_sent_mark");
    }
  }
}
