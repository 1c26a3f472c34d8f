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

  /**
   * The codes named by the keys {@code <prefix><code>} of {@code messages.properties}, in the file's order:
   * the values a page offers to choose from (statuses, award forms) without scanning the data for them.
   */
  public static java.util.List<String> codes(String prefix) {
    try (var in = Texts.class.getClassLoader().getResourceAsStream("messages.properties")) {
      if (in == null) {
        return java.util.List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> line.startsWith(prefix) && line.indexOf('=') > prefix.length())
          .map(line -> line.substring(prefix.length(), line.indexOf('=')).strip())
          .distinct().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The text of the key, or {@code fallback} when there is none (a value a newer model introduced). */
  public String getOrDefault(String key, String fallback) {
    return messages.getMessage(key, null, fallback, VIETNAMESE);
  }
}
