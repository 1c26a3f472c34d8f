package vn.congdoan.award.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import vn.congdoan.award.NominationTestSupport;

/**
 * Cockpit's user-styles.css hides the write buttons from a user whose grants allow no change (the auditor),
 * not from an administrator, and not on the login page; it is never cached.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RestEngineContext
class CockpitStylesTest extends NominationTestSupport {
  static final String HIDES_WRITES = "[ng-click^=\"deleteVariable(\"]";

  @LocalServerPort int port;

  HttpResponse<String> styles(TasklistSession session) {
    return session.send("GET", CockpitStyles.PATH, null, null, "text/css");
  }

  @Test
  void anAuditorGetsTheStylesThatHideCockpitsWriteButtons() {
    HttpResponse<String> css = styles(TasklistSession.login(port, "kiemtra.tinh"));
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
    assertThat(css.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-cache"));
    assertThat(css.body()).contains(".ce-eol-banner").contains(".ctn-toolbar").contains(HIDES_WRITES);
  }

  @Test
  void anAdministratorKeepsThem() {
    HttpResponse<String> css = styles(TasklistSession.login(port, "admin"));
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.body()).contains(".ce-eol-banner").doesNotContain(HIDES_WRITES).doesNotContain(".ctn-toolbar");
  }

  @Test
  void theLoginPageGetsTheBaseStylesOnly() {
    HttpResponse<String> css = TasklistSession.anonymous(port).send("GET", CockpitStyles.PATH, null, null, "text/css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.body()).contains(".ce-eol-banner").doesNotContain(HIDES_WRITES);
  }
}
