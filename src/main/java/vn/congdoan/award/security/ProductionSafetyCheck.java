package vn.congdoan.award.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The profile {@code production} refuses to start with the demo users, the demo nominations, the embedded SMTP
 * server, a default or short administrator password, secrets that are not from the environment, or an H2
 * database.
 *
 * <p>It runs as an {@link EnvironmentPostProcessor} (registered in {@code META-INF/spring.factories}) after the
 * configuration files and profiles are loaded and before the application context, the database or the process
 * engine exist: nothing is created, no user, no table, when it refuses. It lists every problem in one message.
 *
 * <p>"From the environment" means: the property source that really supplies the value is the process's
 * environment variables, its system properties ({@code -D}) or the command line ({@code --name=value}), or
 * {@code SPRING_APPLICATION_JSON}. A configuration file that only says {@code ${AWARD_ADMIN_PASSWORD:demo}}
 * is followed to the variable it names: the value is from the environment only if that variable is set there;
 * otherwise it is the default written in the file, and the check refuses.
 */
public class ProductionSafetyCheck implements EnvironmentPostProcessor, Ordered {

  public static final String PROFILE = "production";

  static final String ADMIN_PASSWORD = "camunda.bpm.admin-user.password";
  static final String DB_PASSWORD = "spring.datasource.password";
  static final String DB_URL = "spring.datasource.url";
  static final String MAIL_USERNAME = "spring.mail.username";
  static final String MAIL_PASSWORD = "spring.mail.password";
  static final String JOURNAL_USERNAME = "award.mail.journal.imap.username";
  static final String JOURNAL_PASSWORD = "award.mail.journal.imap.password";

  static final int MIN_ADMIN_PASSWORD_LENGTH = 12;
  private static final Set<String> WELL_KNOWN_PASSWORDS = Set.of("demo", "admin", "password", "camunda");

  /** The variable an operator sets for a secret, when the configuration file does not name one itself. */
  private static final Map<String, String> VARIABLES = Map.of(
      ADMIN_PASSWORD, "AWARD_ADMIN_PASSWORD",
      DB_PASSWORD, "AWARD_DB_PASSWORD",
      MAIL_PASSWORD, "SPRING_MAIL_PASSWORD",
      JOURNAL_PASSWORD, "AWARD_MAIL_JOURNAL_PASSWORD");

  /** The names Spring Boot gives the property sources of SPRING_APPLICATION_JSON and the attached view. */
  private static final String APPLICATION_JSON_SOURCE = "spring.application.json";
  private static final String ATTACHED_SOURCE = "configurationProperties";
  private static final int MAX_PLACEHOLDER_DEPTH = 10;

  @Override
  public int getOrder() {
    // After ConfigDataEnvironmentPostProcessor (application*.yml, active profiles) and every other processor.
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    check(environment);
  }

  /** Throws {@link ProductionSafetyException} listing every problem when the production profile is active. */
  public static void check(ConfigurableEnvironment environment) {
    if (!environment.acceptsProfiles(Profiles.of(PROFILE))) {
      return;
    }
    List<String> problems = problems(environment);
    if (!problems.isEmpty()) {
      throw new ProductionSafetyException(problems);
    }
  }

  /** The decision: every reason the profile {@code production} refuses this environment (empty: it starts). */
  public static List<String> problems(ConfigurableEnvironment environment) {
    List<String> problems = new ArrayList<>();
    mustBeOff(environment, "award.organization.demo-enabled",
        "the demo users (password 'demo') would be created", problems);
    mustBeOff(environment, "award.demo.nominations", "demo nominations would be filed", problems);
    mustBeOff(environment, "award.mail.embedded-server",
        "the embedded SMTP server and the /mailbox page would run; point SPRING_MAIL_HOST / SPRING_MAIL_PORT "
            + "at the real SMTP server", problems);

    String adminPassword = resolve(environment, ADMIN_PASSWORD);
    if (adminPassword == null || adminPassword.isBlank()) {
      problems.add(ADMIN_PASSWORD + " (the administrator's password) is empty: set AWARD_ADMIN_PASSWORD to a "
          + "password of at least " + MIN_ADMIN_PASSWORD_LENGTH + " characters");
    } else if (WELL_KNOWN_PASSWORDS.contains(adminPassword.trim().toLowerCase(Locale.ROOT))) {
      problems.add(ADMIN_PASSWORD + " (the administrator's password) is the well-known '" + adminPassword.trim()
          + "': set AWARD_ADMIN_PASSWORD to a password of at least " + MIN_ADMIN_PASSWORD_LENGTH + " characters");
    } else if (adminPassword.length() < MIN_ADMIN_PASSWORD_LENGTH) {
      problems.add(ADMIN_PASSWORD + " (the administrator's password) has fewer than " + MIN_ADMIN_PASSWORD_LENGTH
          + " characters: set AWARD_ADMIN_PASSWORD to a longer one");
    }
    mustComeFromEnvironment(environment, ADMIN_PASSWORD, problems);
    mustComeFromEnvironment(environment, DB_PASSWORD, problems);
    String mailUsername = resolve(environment, MAIL_USERNAME);
    if (mailUsername != null && !mailUsername.isBlank()) {
      mustComeFromEnvironment(environment, MAIL_PASSWORD, problems);
    }
    String journalUsername = resolve(environment, JOURNAL_USERNAME);
    if (journalUsername != null && !journalUsername.isBlank()) {
      mustComeFromEnvironment(environment, JOURNAL_PASSWORD, problems);
    }

    String url = resolve(environment, DB_URL);
    if (url == null || url.isBlank()) {
      problems.add(DB_URL + " is not set (an embedded H2 database would be used): activate the profile postgres "
          + "too (SPRING_PROFILES_ACTIVE=postgres,production) and set AWARD_DB_URL, AWARD_DB_USER, AWARD_DB_PASSWORD");
    } else if (url.trim().regionMatches(true, 0, "jdbc:h2:", 0, "jdbc:h2:".length())) {
      // only up to the first ';': H2 URLs may carry ;USER=...;PASSWORD=...
      problems.add(DB_URL + " is an H2 database (" + url.trim().split(";", 2)[0] + "): activate the profile postgres too "
          + "(SPRING_PROFILES_ACTIVE=postgres,production) and set AWARD_DB_URL, AWARD_DB_USER, AWARD_DB_PASSWORD");
    }
    return problems;
  }

  private static void mustBeOff(ConfigurableEnvironment environment, String key, String consequence,
      List<String> problems) {
    String value = resolve(environment, key);
    if (value == null || value.isBlank()) {
      return; // the code's default is off
    }
    Boolean on;
    try {
      on = environment.getConversionService().convert(value.trim(), Boolean.class);
    } catch (RuntimeException notBoolean) {
      on = null;
    }
    if (!Boolean.FALSE.equals(on)) {
      Supplier supplier = supplier(environment, key);
      problems.add(key + " is '" + value.trim() + "'" + (supplier == null ? "" : " (from " + supplier.name() + ")")
          + ": " + consequence + "; the profile production sets it to false, remove the override");
    }
  }

  private static void mustComeFromEnvironment(ConfigurableEnvironment environment, String key,
      List<String> problems) {
    Provenance provenance = provenance(environment, key);
    String variable = provenance.variable() != null ? provenance.variable() : VARIABLES.get(key);
    switch (provenance.kind()) {
      case ENVIRONMENT -> { }
      case MISSING -> problems.add(key + " is not set: set the environment variable " + variable);
      case FILE -> problems.add(key + " does not come from the environment (" + provenance.detail()
          + "): set the environment variable " + variable);
    }
  }

  /** The value the application will see, placeholders resolved; {@code null} when absent or unresolvable. */
  private static String resolve(ConfigurableEnvironment environment, String key) {
    try {
      return environment.getProperty(key);
    } catch (IllegalArgumentException unresolvablePlaceholder) {
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Where a value really comes from

  enum Kind { ENVIRONMENT, FILE, MISSING }

  /**
   * Where a value comes from: the environment, a file (or any other non-environment source; {@code detail}
   * says which, never the value), or nowhere. {@code variable} is the variable a placeholder on the way named.
   */
  record Provenance(Kind kind, String detail, String variable) { }

  /** The property source that supplies a name (the first in precedence order), its raw value and origin. */
  private record Supplier(PropertySource<?> source, Object rawValue, Origin origin) {
    /** Where, for an operator: "class path resource [application.yml] line 58", or the source's name. */
    String name() {
      Origin origin = this.origin instanceof PropertySourceOrigin wrapper && wrapper.getOrigin() != null
          ? wrapper.getOrigin() : this.origin;
      if (origin instanceof TextResourceOrigin text && text.getResource() != null) {
        return text.getResource().getDescription()
            + (text.getLocation() == null ? "" : " line " + (text.getLocation().getLine() + 1));
      }
      if (origin != null && !(origin instanceof PropertySourceOrigin)) {
        return origin.toString();
      }
      return "'" + source.getName() + "'";
    }
  }

  static Provenance provenance(ConfigurableEnvironment environment, String key) {
    return follow(environment, key, null, 0);
  }

  private static Provenance follow(ConfigurableEnvironment environment, String name, String variable, int depth) {
    Supplier supplier = supplier(environment, name);
    if (supplier == null) {
      return new Provenance(Kind.MISSING, null, variable);
    }
    if (isEnvironment(supplier.source())) {
      return new Provenance(Kind.ENVIRONMENT, supplier.name(), variable);
    }
    return followValue(environment, supplier.rawValue(), supplier, variable, depth);
  }

  /** A raw value from a non-environment source: a lone placeholder is followed, anything else is the file's. */
  private static Provenance followValue(ConfigurableEnvironment environment, Object rawValue, Supplier supplier,
      String variable, int depth) {
    String raw = rawValue == null ? null : rawValue.toString();
    Placeholder placeholder = Placeholder.parse(raw);
    if (placeholder == null || depth >= MAX_PLACEHOLDER_DEPTH) {
      return new Provenance(Kind.FILE, "it is set in " + supplier.name(), variable);
    }
    String named = variable != null ? variable : placeholder.name();
    Provenance target = follow(environment, placeholder.name(), named, depth + 1);
    if (target.kind() != Kind.MISSING) {
      return target;
    }
    if (placeholder.defaultValue() == null) {
      return new Provenance(Kind.MISSING, null, named);
    }
    Provenance fallback = followValue(environment, placeholder.defaultValue(), supplier, named, depth + 1);
    if (fallback.kind() == Kind.FILE && Placeholder.parse(placeholder.defaultValue()) == null) {
      return new Provenance(Kind.FILE, placeholder.name() + " is not set, so the default written in "
          + supplier.name() + " is used", named);
    }
    return fallback;
  }

  private static Supplier supplier(ConfigurableEnvironment environment, String name) {
    if (ConfigurationPropertyName.isValid(name)) {
      // Relaxed names, as the application binds them (CAMUNDA_BPM_ADMINUSER_PASSWORD, --camunda.bpm...).
      ConfigurationPropertyName propertyName = ConfigurationPropertyName.of(name);
      for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
        ConfigurationProperty property = source.getConfigurationProperty(propertyName);
        if (property != null && source.getUnderlyingSource() instanceof PropertySource<?> underlying) {
          return new Supplier(underlying, property.getValue(), property.getOrigin());
        }
      }
      return null;
    }
    // A placeholder's name such as AWARD_ADMIN_PASSWORD: looked up as the placeholder resolver looks it up.
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (ATTACHED_SOURCE.equals(source.getName()) || source instanceof PropertySource.StubPropertySource) {
        continue;
      }
      if (source.containsProperty(name)) {
        return new Supplier(source, source.getProperty(name), OriginLookup.getOrigin(source, name));
      }
    }
    return null;
  }

  static boolean isEnvironment(PropertySource<?> source) {
    String name = source.getName();
    return source instanceof SystemEnvironmentPropertySource
        || source instanceof CommandLinePropertySource
        || StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(name)
        || StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(name)
        || CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME.equals(name)
        || APPLICATION_JSON_SOURCE.equals(name);
  }

  /** {@code ${name}} or {@code ${name:default}} as the whole value (defaults may nest). */
  record Placeholder(String name, String defaultValue) {
    static Placeholder parse(String value) {
      if (value == null) {
        return null;
      }
      String text = value.trim();
      if (!text.startsWith("${") || !text.endsWith("}")) {
        return null;
      }
      int depth = 0;
      int separator = -1;
      for (int i = 2; i < text.length() - 1; i++) {
        char c = text.charAt(i);
        if (c == '{' && text.charAt(i - 1) == '$') {
          depth++;
        } else if (c == '}') {
          if (depth == 0) {
            return null; // "${a}-${b}": not one placeholder
          }
          depth--;
        } else if (c == ':' && depth == 0 && separator < 0) {
          separator = i;
        }
      }
      if (depth != 0) {
        return null;
      }
      String inner = text.substring(2, text.length() - 1);
      if (separator < 0) {
        return inner.isBlank() ? null : new Placeholder(inner.trim(), null);
      }
      String name = text.substring(2, separator).trim();
      return name.isEmpty() ? null : new Placeholder(name, text.substring(separator + 1, text.length() - 1));
    }
  }

  /** The refusal: one message, every problem on its own line. */
  public static class ProductionSafetyException extends IllegalStateException {
    private final List<String> problems;

    ProductionSafetyException(List<String> problems) {
      super(message(problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }

    private static String message(List<String> problems) {
      StringBuilder message = new StringBuilder("The profile production refuses to start (")
          .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append("):");
      for (String problem : problems) {
        message.append("\n  - ").append(problem);
      }
      return message.append("\nSee README.md, 'For operators'. The demo/evaluation setup runs without the profile ")
          .append("production.").toString();
    }
  }
}
