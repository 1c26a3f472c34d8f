package vn.congdoan.award.support;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The Vietnamese texts users read, from {@code messages.properties}. */
@Component
public class Texts {
  public static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

  private final MessageSource messages;

  public Texts(MessageSource messages) {
    this.messages = messages;
  }

  public String get(String key, Object... args) {
    return messages.getMessage(key, args, key, VIETNAMESE);
  }
}
