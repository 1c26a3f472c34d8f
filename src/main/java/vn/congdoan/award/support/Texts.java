package vn.congdoan.award.support;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/** The Vietnamese texts users read, from {@code messages.properties}. */
@Component
public class Texts {
  public static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

  private final MessageSource messages;

  public Texts(MessageSource messages) {
    this.messages = messages;
  }

  /**
   * The same texts for code the container creates outside Spring (Camunda's REST exception mappers), read as
   * {@code spring.messages} reads them.
   */
  public static Texts standalone() {
    ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    source.setBasename("messages");
    source.setDefaultEncoding(StandardCharsets.UTF_8.name());
    source.setFallbackToSystemLocale(false);
    return new Texts(source);
  }

  public String get(String key, Object... args) {
    return messages.getMessage(key, args, key, VIETNAMESE);
  }

  /** The text of the key, or {@code fallback} when there is none (a value a newer model introduced). */
  public String getOrDefault(String key, String fallback) {
    return messages.getMessage(key, null, fallback, VIETNAMESE);
  }
}
