package vn.congdoan.award.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import vn.congdoan.award.AwardApplication;
import vn.congdoan.award.security.ProductionSafetyCheck.ProductionSafetyException;

/**
 * The profile production refuses to start the application with demo users, default passwords, secrets that are
 * not from the environment or an H2 database; every refusal happens before the application context (and so the
 * database and the engine) exists. The decision itself is tested on hand-made environments.
 */
class ProductionSafetyCheckTest {

  private static final String STRONG_PASSWORD = "Vx9-kp2Lm-77qz";

  // --- the application refuses to start ----------------------------------------------------------------------

  @Test
  void refusesDemoUsers() {
    ProductionSafetyException refusal = refusal(List.of("postgres", "production"),
        "--award.organization.demo-enabled=true",
        "--AWARD_ADMIN_PASSWORD=" + STRONG_PASSWORD, "--AWARD_DB_PASSWORD=db-secret");

    assertThat(refusal.problems()).singleElement().asString()
        .startsWith("award.organization.demo-enabled is 'true' (from 'commandLineArgs')")
        .contains("demo users");
    assertThat(refusal.getMessage()).startsWith("The profile production refuses to start (1 problem):");
  }

  @Test
  void refusesTheWellKnownAdministratorPassword() {
    ProductionSafetyException refusal = refusal(List.of("postgres", "production"),
        "--AWARD_ADMIN_PASSWORD=demo", "--AWARD_DB_PASSWORD=db-secret");

    assertThat(refusal.problems()).singleElement().asString()
        .startsWith("camunda.bpm.admin-user.password (the administrator's password) is the well-known 'demo'")
        .contains("set AWARD_ADMIN_PASSWORD");
  }

  @Test
  void refusesAShortAdministratorPasswordWithoutShowingIt() {
    ProductionSafetyException refusal = refusal(List.of("postgres", "production"),
        "--camunda.bpm.admin-user.password=Sh0rt-pw", "--AWARD_DB_PASSWORD=db-secret");

    assertThat(refusal.problems()).singleElement().asString()
        .contains("fewer than 12 characters").doesNotContain("Sh0rt-pw");
  }

  @Test
  void refusesTheAdministratorPasswordDefaultFromApplicationYml() {
    assumeTrue(System.getenv("AWARD_ADMIN_PASSWORD") == null && System.getProperty("AWARD_ADMIN_PASSWORD") == null,
        "AWARD_ADMIN_PASSWORD is set in this environment");
    ProductionSafetyException refusal = refusal(List.of("postgres", "production"), "--AWARD_DB_PASSWORD=db-secret");

    assertThat(refusal.problems()).anySatisfy(problem -> assertThat(problem)
        .startsWith("camunda.bpm.admin-user.password does not come from the environment "
            + "(AWARD_ADMIN_PASSWORD is not set, so the default written in ")
        .contains("application.yml")
        .endsWith("set the environment variable AWARD_ADMIN_PASSWORD"));
  }

  @Test
  void refusesAnAdministratorPasswordWrittenInAConfigurationFile(@TempDir Path directory) throws IOException {
    // a strong password, but written in a configuration file next to the application: refused
    Path file = Files.writeString(directory.resolve("admin-password-in-file.yml"),
        "camunda.bpm.admin-user.password: " + STRONG_PASSWORD + "\n");
    ProductionSafetyException refusal = refusal(List.of("postgres", "production"),
        "--AWARD_DB_PASSWORD=db-secret", "--spring.config.additional-location=" + file.toUri());

    assertThat(refusal.problems()).singleElement().asString()
        .startsWith("camunda.bpm.admin-user.password does not come from the environment (it is set in ")
        .contains("admin-password-in-file.yml").doesNotContain("Vx9");
  }

  @Test
  void refusesH2() {
    ProductionSafetyException refusal = refusal(List.of("production"),
        "--AWARD_ADMIN_PASSWORD=" + STRONG_PASSWORD, "--spring.datasource.password=db-secret");

    assertThat(refusal.problems()).singleElement().asString()
        .startsWith("spring.datasource.url is an H2 database (jdbc:h2:file:./data/award")
        .contains("SPRING_PROFILES_ACTIVE=postgres,production", "AWARD_DB_URL", "AWARD_DB_PASSWORD");
  }

  @Test
  void listsEveryProblemInOneMessage() {
    assumeTrue(System.getenv("AWARD_ADMIN_PASSWORD") == null && System.getProperty("AWARD_ADMIN_PASSWORD") == null,
        "AWARD_ADMIN_PASSWORD is set in this environment");
    ProductionSafetyException refusal = refusal(List.of("production"),
        "--award.demo.nominations=true", "--award.mail.embedded-server=on");

    assertThat(refusal.problems()).hasSize(6);
    assertThat(refusal.getMessage())
        .startsWith("The profile production refuses to start (6 problems):")
        .contains("\n  - award.demo.nominations is 'true'",
            "\n  - award.mail.embedded-server is 'on'",
            "\n  - camunda.bpm.admin-user.password (the administrator's password) is the well-known 'demo'",
            "\n  - camunda.bpm.admin-user.password does not come from the environment",
            "\n  - spring.datasource.password does not come from the environment (it is set in ",
            "\n  - spring.datasource.url is an H2 database");
  }

  @Test
  void withoutTheProductionProfileTheCheckIsSilent() {
    StandardEnvironment environment = environment(Map.of(), Map.of(
        "camunda.bpm.admin-user.password", "demo", "spring.datasource.url", "jdbc:h2:mem:x"));

    assertThatCode(() -> ProductionSafetyCheck.check(environment)).doesNotThrowAnyException();
    environment.setActiveProfiles("production");
    assertThatCode(() -> ProductionSafetyCheck.check(environment)).isInstanceOf(ProductionSafetyException.class);
  }

  // --- the decision, on hand-made environments ------------------------------------------------------------

  @Test
  void acceptsAProductionEnvironment() {
    StandardEnvironment environment = environment(Map.of(
        "AWARD_ADMIN_PASSWORD", STRONG_PASSWORD,
        "AWARD_DB_URL", "jdbc:postgresql://db:5432/award",
        "AWARD_DB_PASSWORD", "db-secret",
        "SPRING_MAIL_USERNAME", "khenthuong",
        "SPRING_MAIL_PASSWORD", "mail-secret"), productionFiles());

    assertThat(ProductionSafetyCheck.problems(environment)).isEmpty();
    assertThatCode(() -> ProductionSafetyCheck.check(environment)).doesNotThrowAnyException();
  }

  @Test
  void acceptsThePropertiesThemselvesFromTheEnvironmentInTheirRelaxedForm() {
    StandardEnvironment environment = environment(Map.of(
        "CAMUNDA_BPM_ADMINUSER_PASSWORD", STRONG_PASSWORD,
        "SPRING_DATASOURCE_URL", "jdbc:postgresql://db:5432/award",
        "SPRING_DATASOURCE_PASSWORD", "db-secret"), productionFiles());

    assertThat(ProductionSafetyCheck.problems(environment)).isEmpty();
  }

  @Test
  void acceptsSystemPropertiesAndIgnoresTheMailPasswordWithoutAMailUsername() {
    StandardEnvironment environment = environment(Map.of(), productionFiles());
    environment.getPropertySources().replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
        new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, Map.of(
            "AWARD_ADMIN_PASSWORD", STRONG_PASSWORD, "AWARD_DB_PASSWORD", "db-secret")));

    assertThat(ProductionSafetyCheck.problems(environment)).isEmpty();
  }

  @Test
  void refusesAMailPasswordFromAFileWhenAMailUsernameIsSet() {
    Map<String, Object> files = new HashMap<>(productionFiles());
    files.put("spring.mail.username", "khenthuong");
    files.put("spring.mail.password", "mail-secret");
    StandardEnvironment environment = environment(Map.of(
        "AWARD_ADMIN_PASSWORD", STRONG_PASSWORD, "AWARD_DB_PASSWORD", "db-secret"), files);

    assertThat(ProductionSafetyCheck.problems(environment)).singleElement().asString()
        .startsWith("spring.mail.password does not come from the environment (it is set in 'application.yml')")
        .endsWith("set the environment variable SPRING_MAIL_PASSWORD");
  }

  @Test
  void refusesAJournalMailboxPasswordFromAFileWhenItsUserIsSet() {
    Map<String, Object> files = new HashMap<>(productionFiles());
    files.put("award.mail.journal.imap.username", "nhatky");
    files.put("award.mail.journal.imap.password", "journal-secret");
    StandardEnvironment environment = environment(Map.of(
        "AWARD_ADMIN_PASSWORD", STRONG_PASSWORD, "AWARD_DB_PASSWORD", "db-secret"), files);

    assertThat(ProductionSafetyCheck.problems(environment)).singleElement().asString()
        .startsWith("award.mail.journal.imap.password does not come from the environment")
        .endsWith("set the environment variable AWARD_MAIL_JOURNAL_PASSWORD");
  }

  @Test
  void refusesMissingSecretsAndNamesTheVariables() {
    Map<String, Object> files = new HashMap<>(productionFiles());
    files.put("spring.mail.username", "khenthuong");
    files.remove("spring.mail.password");
    StandardEnvironment environment = environment(Map.of("AWARD_ADMIN_PASSWORD", STRONG_PASSWORD), files);

    assertThat(ProductionSafetyCheck.problems(environment)).containsExactly(
        "spring.datasource.password is not set: set the environment variable AWARD_DB_PASSWORD",
        "spring.mail.password is not set: set the environment variable SPRING_MAIL_PASSWORD");
  }

  @Test
  void followsNestedPlaceholderDefaultsToTheFile() {
    Map<String, Object> files = new HashMap<>(productionFiles());
    files.put("camunda.bpm.admin-user.password", "${AWARD_ADMIN_PASSWORD:${LEGACY_ADMIN_PASSWORD:" + STRONG_PASSWORD
        + "}}");
    StandardEnvironment fromFile = environment(Map.of("AWARD_DB_PASSWORD", "db-secret"), files);
    StandardEnvironment fromLegacyVariable = environment(Map.of(
        "LEGACY_ADMIN_PASSWORD", STRONG_PASSWORD, "AWARD_DB_PASSWORD", "db-secret"), files);

    assertThat(ProductionSafetyCheck.problems(fromFile)).singleElement().asString()
        .contains("LEGACY_ADMIN_PASSWORD is not set, so the default written in 'application.yml' is used")
        .endsWith("set the environment variable AWARD_ADMIN_PASSWORD");
    assertThat(ProductionSafetyCheck.problems(fromLegacyVariable)).isEmpty();
  }

  @Test
  void refusesDemoSwitchesThatAreNotFalse() {
    Map<String, Object> files = new HashMap<>(productionFiles());
    files.put("award.organization.demo-enabled", "yes");
    files.put("award.mail.embedded-server", "maybe");
    StandardEnvironment environment = environment(Map.of(
        "AWARD_ADMIN_PASSWORD", STRONG_PASSWORD, "AWARD_DB_PASSWORD", "db-secret"), files);

    assertThat(ProductionSafetyCheck.problems(environment)).satisfiesExactly(
        demo -> assertThat(demo).startsWith("award.organization.demo-enabled is 'yes' (from 'application.yml')"),
        // award.demo.nominations follows ${award.organization.demo-enabled}
        nominations -> assertThat(nominations).startsWith("award.demo.nominations is 'yes'"),
        mail -> assertThat(mail).startsWith("award.mail.embedded-server is 'maybe'"));
  }

  @Test
  void theProductionProfileFileTurnsTheDemoOff() {
    // application-production.yml itself, not a copy: demo users, demo nominations and the embedded SMTP server off
    ProductionSafetyException refusal = refusal(List.of("postgres", "production"),
        "--AWARD_ADMIN_PASSWORD=" + STRONG_PASSWORD, "--AWARD_DB_PASSWORD=db-secret",
        "--spring.datasource.url=jdbc:h2:mem:probe");

    assertThat(refusal.problems()).singleElement().asString().startsWith("spring.datasource.url is an H2 database");
  }

  // --- helpers ----------------------------------------------------------------------------------------------------

  /** Starts the application with these profiles and arguments; it must fail before any context exists. */
  private static ProductionSafetyException refusal(List<String> profiles, String... args) {
    List<ApplicationEvent> events = new ArrayList<>();
    long start = System.nanoTime();
    Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(AwardApplication.class)
        .profiles(profiles.toArray(String[]::new))
        .web(WebApplicationType.NONE)
        .logStartupInfo(false)
        .listeners((ApplicationListener<ApplicationEvent>) events::add)
        .run(args)
        .close());
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(failure).as("the application must refuse to start").isInstanceOf(ProductionSafetyException.class);
    // the check is an EnvironmentPostProcessor: it throws while the environment is prepared, so no listener
    // after it sees ApplicationEnvironmentPreparedEvent, and the failure comes before any application context
    assertThat(events).as("refused while preparing the environment, before the context, database and engine")
        .noneMatch(ApplicationEnvironmentPreparedEvent.class::isInstance)
        .noneMatch(ApplicationContextInitializedEvent.class::isInstance)
        .filteredOn(ApplicationFailedEvent.class::isInstance).singleElement()
        .satisfies(event -> assertThat(((ApplicationFailedEvent) event).getApplicationContext()).isNull());
    assertThat(millis).as("a refusal is fast").isLessThan(10_000);
    return (ProductionSafetyException) failure;
  }

  /** An environment like Spring Boot's: the given environment variables, no system properties, then the files. */
  private static StandardEnvironment environment(Map<String, Object> variables, Map<String, Object> files) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    environment.getPropertySources().replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
        new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, Map.of()));
    environment.getPropertySources().addLast(new MapPropertySource("application.yml", files));
    ConfigurationPropertySources.attach(environment);
    return environment;
  }

  /** What application.yml, application-postgres.yml and application-production.yml say, merged. */
  private static Map<String, Object> productionFiles() {
    Map<String, Object> files = new HashMap<>();
    files.put("spring.datasource.url", "${AWARD_DB_URL:jdbc:postgresql://localhost:5432/award}");
    files.put("spring.datasource.username", "${AWARD_DB_USER:award}");
    files.put("spring.datasource.password", "${AWARD_DB_PASSWORD}");
    files.put("spring.mail.password", "${SPRING_MAIL_PASSWORD}");
    files.put("camunda.bpm.admin-user.password", "${AWARD_ADMIN_PASSWORD:demo}");
    files.put("award.organization.demo-enabled", "false");
    files.put("award.demo.nominations", "${award.organization.demo-enabled}");
    files.put("award.mail.embedded-server", "false");
    return files;
  }
}
